"""The raw grid: rows of cell texts, each row knowing where it came from.

A :class:`Row` keeps the raw cell texts (for messages) and, computed once, their cleaned
form (:func:`~jixiao.core.text.clean`) and matching key (:func:`~jixiao.core.text.key`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.model import SourceRef
from jixiao.core.text import clean, key

__all__ = ["Grid", "Row"]

_set = object.__setattr__
_ONE = (0,)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of cells.

    Attributes:
        cells: raw cell texts, blanks kept (their position is information).
        line: 1-based line in the source text (first line for reflowed rows).
        page: 1-based page, sheet index or ``None``.
        sheet: worksheet name for spreadsheets.
        cell_names: spreadsheet cell names parallel to ``cells`` ("B7"), if any.
        boxes: where each cell lies on the page (PDF points, ``(x0, top, x1, bottom)``),
            parallel to ``cells``; ``None`` for a blank cell or for input without a page.
    """

    cells: tuple[str, ...]
    line: int
    page: int | None = None
    sheet: str | None = None
    cell_names: tuple[str, ...] | None = None
    boxes: tuple[tuple[float, float, float, float] | None, ...] | None = None
    texts: tuple[str | None, ...] = field(init=False, repr=False, compare=False)
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _filled: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cells = self.cells
        texts = tuple(map(clean, cells))
        _set(self, "texts", texts)
        _set(self, "keys", tuple(map(key, cells)))
        if len(texts) == 1:
            _set(self, "_filled", _ONE if texts[0] is not None else ())
        else:
            _set(self, "_filled", tuple([i for i, t in enumerate(texts) if t is not None]))

    def __len__(self) -> int:
        return len(self.cells)

    def text(self, col: int) -> str | None:
        """Cleaned text of cell ``col`` (``None`` if blank or out of range)."""
        return self.texts[col] if 0 <= col < len(self.texts) else None

    def raw(self, col: int) -> str:
        """Raw text of cell ``col`` ("" when out of range)."""
        return self.cells[col] if 0 <= col < len(self.cells) else ""

    def filled(self) -> tuple[int, ...]:
        """Indexes of the non-blank cells."""
        return self._filled

    def ref(self, source: str, col: int | None = None) -> SourceRef:
        """The :class:`SourceRef` of cell ``col`` (or of the row)."""
        if col is None:
            if self.sheet and self.cell_names:  # a spreadsheet row: its first filled cell
                first = next((i for i, t in enumerate(self.texts) if t is not None), 0)
                return SourceRef(source, page=self.page, sheet=self.sheet, cell=self.cell_names[first])
            box = None if self.boxes is None else self.box
            return SourceRef(source, self.line, None, self.page, self.sheet, None, None, box)
        if self.sheet is None and self.cell_names is None and self.boxes is None:  # a text row
            raw = self.cells[col] if 0 <= col < len(self.cells) else ""
            return SourceRef(source, self.line, col + 1, self.page, None, None, raw or None, None)
        cell = None
        if self.cell_names is not None and 0 <= col < len(self.cell_names):
            cell = self.cell_names[col]
        return SourceRef(
            source,
            line=None if self.sheet else self.line,
            column=None if self.sheet else col + 1,
            page=self.page,
            sheet=self.sheet,
            cell=cell,
            raw=self.raw(col) or None,
            box=self.boxes[col] if self.boxes is not None and 0 <= col < len(self.boxes) else None,
        )

    @property
    def box(self) -> tuple[float, float, float, float] | None:
        """The box around all the row's cells that have one (``None`` without positions)."""
        boxes = [b for b in self.boxes or () if b is not None]
        if not boxes:
            return None
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    @property
    def is_blank(self) -> bool:
        """No cell holds anything."""
        return not self._filled


@dataclass(frozen=True, slots=True)
class Grid:
    """All rows of a document, in reading order."""

    source: str
    rows: tuple[Row, ...]
