"""The running text of a document: rows of one cell joined into sentences, each with its place.

Checks that read what a document says in words (a year named in a sentence, the region a
document names) read these sentences, not a flattened copy of the file: a sentence keeps where
each of its pieces was printed (the line of a text file, the page of a PDF), so a finding
points at the line or page where the words stand.
"""

from __future__ import annotations

import re

from jixiao.core.ingest.grid import Grid
from jixiao.core.model import Sentence, SourceRef
from jixiao.core.text import simplified

__all__ = ["recognise_prose"]

_END = re.compile("[。！？；]")


def recognise_prose(grid: Grid) -> tuple[Sentence, ...]:
    """Every sentence of the running text of a grid (rows with one filled cell), in order.

    A sentence may run over several rows (text wrapped on a page); a table row (two or more
    cells) ends the sentence before it.
    """
    out: list[Sentence] = []
    text, parts = "", []  # parts: (offset in text, where that piece was printed)

    def flush() -> None:
        nonlocal text, parts
        if text.strip():
            out.append(Sentence(text, parts[0][1], tuple(parts)))
        text, parts = "", []

    for row in grid.rows:
        filled = row.filled()
        if len(filled) != 1:
            if filled:
                flush()
            continue
        piece = simplified(row.texts[filled[0]] or "")
        ref: SourceRef = row.ref(grid.source)
        while piece:
            end = _END.search(piece)
            cut = end.start() if end else -1
            head, piece = (piece, "") if cut < 0 else (piece[: cut + 1], piece[cut + 1 :])
            parts.append((len(text), ref))
            text += head
            if cut >= 0:
                flush()
    flush()
    return tuple(out)
