"""``jixiao debug``: a picture of one page as jixiao read it (see :mod:`jixiao.core.ingest.debug`).

Stage 1 gives the page's rules and cells; the recognisers' results give the marks: every value
of a form (its fields, the funds block, each indicator) and of a 决算 table is drawn on the cell
it was read from, labelled with its place in the model (``F1.funds.total.executed``,
``F1.ind3.score``, ``T09.actual.total``). Values read from a page carry their box; values of
input without pages are placed by their line and column (or sheet and cell).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.core.documents.accounts.model import Accounts
from jixiao.core.documents.registry import recognise
from jixiao.core.errors import JixiaoError
from jixiao.core.extract import SETTINGS, read_file
from jixiao.core.ingest.debug import Mark, PagePicture, draw, grid_page, image_background, pdf_background
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.ingest.read import detect_format, read_bytes
from jixiao.core.model import Form, SourceRef

__all__ = ["ROWS_PER_PAGE", "Picture", "draw_file", "marks", "picture"]

#: Rows drawn on one page for input without pages (text, DOCX, HTML).
ROWS_PER_PAGE = 80


@dataclass(frozen=True, slots=True)
class Picture:
    """The drawn page, how many pages the document has, and the marks that found no place."""

    image: Any
    pages: int
    placed: int
    unplaced: tuple[str, ...]


def marks(forms: Sequence[Form], accounts: Sequence[Accounts]) -> Iterator[tuple[SourceRef, str, str]]:
    """Every value the recognisers read, as (where, label, role)."""
    for form in forms:
        tag = f"F{form.index}"
        for name, ref in form.refs.items():
            if name != "form":
                yield ref, f"{tag}.{name}", "field"
        if form.funds:
            for row in form.funds.rows:
                for name, ref in row.refs.items():
                    role = "field" if name == "label" else "figure"
                    yield ref, f"{tag}.funds.{row.source}.{name}", role
        for n, ind in enumerate(form.indicators, start=1):
            for name, ref in ind.refs.items():
                yield ref, f"{tag}.ind{n}.{name}", "indicator"
    for acc in accounts:
        for number, table in acc.tables.items():
            if table.ref:
                yield table.ref, f"T{number}", "field"
            for path, ref in table.refs.items():
                yield ref, f"T{number}.{path}", "table"


def _pages(grid: Grid) -> list[list[Row]]:
    """The rows of each page: by their page number when they have one, else in chunks."""
    if grid.rows and all(r.page is not None for r in grid.rows):
        pages: dict[int, list[Row]] = {}
        for r in grid.rows:
            pages.setdefault(r.page or 0, []).append(r)
        return [pages[k] for k in sorted(pages)]
    rows = list(grid.rows)
    return [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]


def _cell_index(rows: Sequence[Row]) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Where each cell of ``rows`` is, by the keys a SourceRef can name it by."""
    index: dict[tuple[Any, ...], tuple[int, int]] = {}
    for n, row in enumerate(rows):
        for col in range(len(row.cells)):
            if row.sheet and row.cell_names:
                index[("cell", row.sheet, row.cell_names[col])] = (n, col)
            index.setdefault(("line", row.line, col + 1), (n, col))
    return index


def picture(
    grid: Grid,
    forms: Sequence[Form],
    accounts: Sequence[Accounts],
    page: int,
    background: PagePicture | None = None,
    scale: float = 2.0,
) -> Picture:
    """Draw page ``page`` (1-based) of a document.

    ``background`` is the page as stage 1 saw it (size, rendered image, rules) for input with
    pages (PDF, scans); without it the page is drawn from the grid's rows.
    """
    found = list(marks(forms, accounts))
    placed: list[Mark] = []
    unplaced: list[str] = []
    if background is not None:
        rows = [r for r in grid.rows if r.page == page]
        for row in rows:
            for text, box in zip(row.cells, row.boxes or (), strict=False):
                if box is not None and text:
                    background.cells.append((box, text))
        for ref, label, role in found:
            if ref.page == page and ref.box is not None:
                placed.append(Mark(ref.box, label, role))
            elif ref.page == page:
                unplaced.append(label)
        image = draw(background, placed, scale)
        pages = max((r.page or 1 for r in grid.rows), default=1)
        return Picture(image, pages, len(placed), tuple(unplaced))
    chunks = _pages(grid)
    rows = chunks[min(max(page, 1), len(chunks)) - 1]
    sheet, boxes = grid_page(rows)
    index = _cell_index(rows)
    on_page = {(r.line, r.sheet) for r in rows}
    for ref, label, role in found:
        key = ("cell", ref.sheet, ref.cell) if ref.sheet and ref.cell else ("line", ref.line, ref.column or 1)
        where = index.get(key)
        if where is not None:
            placed.append(Mark(boxes[where], label, role))
        elif (ref.line, ref.sheet) in on_page:
            unplaced.append(label)
    image = draw(sheet, placed, scale, text=True)
    return Picture(image, len(chunks), len(placed), tuple(unplaced))


def draw_file(path: Path, page: int = 1, scale: float = 2.0) -> Picture:
    """Read the file at ``path`` and draw its page ``page``.

    Raises:
        ParseError: the file cannot be read at all.
        JixiaoError: it has no such page.
    """
    data = read_file(path)
    reading = read_bytes(data, str(path), SETTINGS)
    found = recognise(reading.grid)
    background = None
    kind = detect_format(data)
    if kind == "pdf":
        try:
            background, _ = pdf_background(data, page, scale, SETTINGS)
        except ValueError as exc:
            raise JixiaoError(str(exc)) from None
    elif kind in ("png", "jpeg"):
        if page != 1:
            raise JixiaoError(f"图片只有 1 页，没有第 {page} 页")
        background = image_background(data, SETTINGS)
    return picture(reading.grid, found.forms, found.final_accounts, page, background, scale)
