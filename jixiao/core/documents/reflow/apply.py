"""Which shape a grid's text has (one cell per line, flattened rows, or neither), and the grid
with its rows rebuilt."""

from __future__ import annotations

from jixiao.core.documents.reflow.rebuild import _is_structural, _merge_header_words, _rebuild
from jixiao.core.ingest.grid import Grid, Row

__all__ = ["reflow"]


def reflow(grid: Grid) -> Grid:
    """Rebuild the separator-less table runs of a grid; other rows are kept as they are."""
    rows = list(grid.rows)
    out: list[Row] = []
    i = 0
    changed = False
    while i < len(rows):
        if len(rows[i].cells) != 1:
            out.append(rows[i])
            i += 1
            continue
        j = i
        while j < len(rows) and len(rows[j].cells) == 1:
            j += 1
        run = rows[i:j]
        mode = _mode(run)
        if mode is None:
            out.extend(run)
        else:
            out.extend(_rebuild(run, flattened=mode == "flattened"))
            changed = True
        i = j
    return Grid(source=grid.source, rows=tuple(out)) if changed else grid


def _mode(run: list[Row]) -> str | None:
    """ "one_per_line", "flattened" or ``None`` (prose, titles: leave alone)."""
    flat = 0
    for r in run:
        words = r.cells[0].split()
        if len(words) < 3:  # merging never adds pieces
            continue
        pieces = _merge_header_words(words)
        if len(pieces) >= 3 and sum(1 for p in pieces if _is_structural(p)) >= 2:
            flat += 1
    if flat >= 3:
        return "flattened"
    structural = sum(1 for r in run if _is_structural(r.cells[0]))
    return "one_per_line" if structural >= 4 else None
