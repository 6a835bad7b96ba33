"""What a reader noticed while reading a page: doubtful readings, corrections, failures.

The readers return these values; :mod:`jixiao.core.ingest.read` turns them into warnings that
name the page, so a reading the OCR doubted or changed is never silently trusted.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.model import ExtractionWarning, SourceRef

__all__ = ["Correction", "Doubt", "Note", "warnings_of"]


@dataclass(frozen=True, slots=True)
class Doubt:
    """A text the recogniser read with a confidence below the threshold."""

    text: str
    score: float


@dataclass(frozen=True, slots=True)
class Correction:
    """A figure the OCR read one way and corrected: ``read`` became ``became`` ``how``
    (a phrase: "按数字格式", "按同列金额补回小数点")."""

    read: str
    became: str
    how: str


Note = Doubt | Correction


def warnings_of(source: str, page: int, notes: list[Note]) -> list[ExtractionWarning]:
    """The warnings of one page's notes, each naming the page."""
    out = []
    for note in notes:
        where = SourceRef(source, page=page)
        if isinstance(note, Correction):
            message = f"第 {page} 页：识别为“{note.read}”，已{note.how}更正为“{note.became}”，请对照原件核对"
            out.append(ExtractionWarning(message, where))
        elif note.text.strip():
            out.append(
                ExtractionWarning(f"识别置信度低（{note.score:.2f}）：“{note.text}”，请对照原件核对", where)
            )
    return out
