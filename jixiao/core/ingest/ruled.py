"""Ruled tables rebuilt from their rules, shared by the text-layer PDF and the OCR readers.

A ruled table is rebuilt from the page's rules rather than from the text's alignment: the
horizontal and vertical rules give a grid of bands and columns; where a rule between two grid
cells is missing, the cells are one merged cell (across: its text, then blanks; down: its text
in the top row, blanks below, as text copied from a web page has it). Words are placed in the
cell that holds their centre, and the lines of a wrapped cell are joined. Text outside tables
becomes rows of cells split at wide gaps. A table row that a word processor cut at a page break
(same columns, each continued cell ending in a wrapped line at the foot of the page) is joined
again (:func:`place`); other tables that continue on the next page simply continue in the grid.

Words are dicts with ``text``, ``x0``, ``x1``, ``top``, ``bottom`` in PDF points from the page's
top left (the OCR reader converts its pixels), so the same tolerances
(:class:`~jixiao.core.ingest.settings.ReaderSettings`) apply to both readers. Every cell keeps
its box on the page (:attr:`~jixiao.core.ingest.grid.Row.boxes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jixiao.core.ingest.grid import Row
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings

__all__ = [
    "Box",
    "Edge",
    "Item",
    "PageLayout",
    "TableRow",
    "Word",
    "place",
    "table_grid",
    "table_spans",
    "text_lines",
]

Edge = tuple[float, float, float]  # a rule: (position, from, to), in points
Word = dict[str, Any]  # text, x0, x1, top, bottom (points); "_used" once placed in a table
Box = tuple[float, float, float, float]  # x0, top, x1, bottom, in points
_LATIN_RUN = re.compile(r"[!-~]+")


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _covers(segments: list[Edge], at: float, lo: float, hi: float, tol: float) -> bool:
    """A rule at ``at`` (±tolerance) covers the middle of [lo, hi]."""
    mid = (lo + hi) / 2
    return any(abs(pos - at) <= tol and a - tol <= mid <= b + tol for pos, a, b in segments)


def visual_lines(words: list[Word], settings: ReaderSettings = DEFAULT_SETTINGS) -> list[list[Word]]:
    """Words grouped into visual lines (tops within ``line_tolerance``), each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < settings.line_tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _join(words: list[Word], settings: ReaderSettings) -> str:
    """The text of a cell: words of a line joined (a space between two ASCII words), lines
    joined without a break, as a wrapped cell reads."""
    out = []
    for line in visual_lines(words, settings):
        text = ""
        for w in line:
            ascii_pair = text[-1:].isascii() and text[-1:].isalnum() and w["text"][:1].isascii()
            text += (" " if ascii_pair and w["text"][:1].isalnum() else "") + w["text"]
        out.append(text)
    return "".join(out)


def table_spans(
    h: list[Edge], v: list[Edge], settings: ReaderSettings = DEFAULT_SETTINGS
) -> list[tuple[float, float]]:
    """Vertical extents of the ruled tables on a page (vertical rules that overlap or touch,
    with at least two horizontal rules between them)."""
    tol = settings.rule_tolerance
    spans = sorted((a, b) for _, a, b in v)
    out: list[list[float]] = []
    for a, b in spans:
        if out and a <= out[-1][1] + tol:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out if sum(1 for y, _, _ in h if a - tol <= y <= b + tol) >= 2]


@dataclass
class TableRow:
    """A band of a ruled table: its top and bottom rules, the texts of its cells (blank where a
    cell is merged into one on its left or above, trailing blanks dropped), the box of each
    cell with text (``None`` for a blank cell; parallel to ``cells``) and, per column, the left
    and right rules and the words of the cell that starts there (``None`` for a column merged
    into another cell)."""

    top: float
    bottom: float
    cells: list[str]
    boxes: list[tuple[float, float, list[Word]] | None]
    cell_boxes: list[Box | None]


#: A row of a page: (top, cells, boxes of the cells, the table band or ``None`` for a line of text).
Item = tuple[float, list[str], list[Box | None], TableRow | None]


@dataclass
class PageLayout:
    """A page read: its rows in reading order and the first band of its topmost ruled table."""

    items: list[Item]
    first: TableRow | None

    @classmethod
    def of(
        cls, tables: list[list[TableRow]], lines: list[tuple[float, list[str], list[Box | None]]]
    ) -> PageLayout:
        """The layout of a page's ruled tables (bands) and lines of text outside them."""
        items: list[Item] = [(top, cells, boxes, None) for top, cells, boxes in lines]
        items += [
            (band.top, band.cells, band.cell_boxes, band)
            for grid in tables
            for band in grid
            if any(band.cells)
        ]
        items.sort(key=lambda item: item[0])
        return cls(items, min(tables, key=lambda grid: grid[0].top)[0] if tables else None)

    def rows(self, page: int) -> list[Row]:
        """The page's rows on their own (no table row continued from another page)."""
        return [_row(item, n, page) for n, item in enumerate(self.items, start=1)]


def _row(item: Item, line: int, page: int) -> Row:
    _, cells, boxes, _ = item
    return Row(tuple(cells), line, page=page, boxes=tuple(boxes))


def place(
    rows: list[Row],
    layout: PageLayout,
    number: int,
    pending: tuple[int, TableRow] | None,
    settings: ReaderSettings = DEFAULT_SETTINGS,
) -> tuple[int, TableRow] | None:
    """Add a page's rows to ``rows``; a table band cut by the page break (``pending``: the row
    and band that ended the previous page) is joined to its rest at the top of this page.
    Returns what is pending at the foot of this page."""
    items, first = list(layout.items), layout.first
    joined = None
    pairs = (
        pending and first and items and items[0][3] is first and _continuation(pending[1], first, settings)
    )
    if pending and first and pairs:
        joined = pending[0]
        before = rows[joined]
        cells = list(before.cells)
        boxes = list(before.boxes or [None] * len(cells))
        grow = max(pairs.values()) + 1 - len(cells)
        cells += [""] * grow
        boxes += [None] * grow
        for c, target in pairs.items():
            cells[target] += first.cells[c]
        rows[joined] = Row(tuple(cells), before.line, page=before.page, boxes=tuple(boxes))
        items.pop(0)
    after = None
    if items and items[-1][3] is not None:
        after = (len(rows) + len(items) - 1, items[-1][3])
    elif joined is not None and not items and first is not None:
        after = (joined, first)
    rows += [_row(item, n, number) for n, item in enumerate(items, start=1)]
    return after


def table_grid(
    words: list[Word],
    h: list[Edge],
    v: list[Edge],
    top: float,
    bottom: float,
    settings: ReaderSettings = DEFAULT_SETTINGS,
) -> list[TableRow]:
    """Every band of the ruled table between ``top`` and ``bottom`` (words placed in it are
    marked ``_used``)."""
    tol = settings.rule_tolerance
    hs = [s for s in h if top - tol <= s[0] <= bottom + tol]
    vs = [s for s in v if s[1] >= top - tol and s[2] <= bottom + tol]
    ys = _cluster([s[0] for s in hs], tol)
    xs = _cluster([s[0] for s in vs], tol)
    if len(ys) < 2 or len(xs) < 2:
        return []
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covers(vs, xs[c + 1], ys[r], ys[r + 1], tol):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _covers(hs, ys[r + 1], xs[c], xs[c + 1], tol):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    texts: dict[tuple[int, int], list[Word]] = {}
    anchor = {}
    right: dict[tuple[int, int], int] = {}  # (band, first column of a cell) → its last column
    extent: dict[tuple[int, int], Box] = {}  # a merged cell's anchor → the cell's box
    for members in groups.values():
        first = min(members)
        for r, c in members:
            anchor[(r, c)] = first
            right[(r, first[1])] = max(right.get((r, first[1]), c), c)
        last_row, last_col = max(r for r, _ in members), max(c for _, c in members)
        extent[first] = (xs[first[1]], ys[first[0]], xs[last_col + 1], ys[last_row + 1])
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if not (ys[0] <= cy <= ys[-1] and xs[0] <= cx <= xs[-1]):
            continue
        r = next(i for i in range(n_rows) if cy <= ys[i + 1])
        c = next(i for i in range(n_cols) if cx <= xs[i + 1])
        texts.setdefault(anchor[(r, c)], []).append(w)
        w["_used"] = True
    out = []
    for r in range(n_rows):
        own = [anchor[(r, c)] == (r, c) for c in range(n_cols)]
        cells = [_join(texts.get((r, c), []), settings) if own[c] else "" for c in range(n_cols)]
        while cells and not cells[-1]:
            cells.pop()
        boxes = [
            (xs[c], xs[right[(r, c)] + 1], texts.get((r, c), []) if own[c] else [])
            if anchor[(r, c)][1] == c
            else None
            for c in range(n_cols)
        ]
        cell_boxes = [extent[(r, c)] if text else None for c, text in enumerate(cells)]
        out.append(TableRow(ys[r], ys[r + 1], cells, boxes, cell_boxes))
    return out


def _wrapped_at_foot(row: TableRow, column: int, rest: list[Word], settings: ReaderSettings) -> bool:
    """Whether the cell starting at ``column`` of ``row`` ends at the foot of its band with a
    line that ``rest`` (words) could not have completed: the last line and the first piece of
    ``rest`` (a character, or a run of ASCII) are together wider than the cell. A word
    processor that cuts a row at the foot of a page leaves such a wrapped line there."""
    box = row.boxes[column]
    if box is None or not box[2] or not rest:
        return False
    left, right, words = box
    last = visual_lines(words, settings)[-1]
    size = max(w["bottom"] - w["top"] for w in last)
    pad_top = max(min(w["top"] for w in words) - row.top, 0.0)
    if row.bottom - max(w["bottom"] for w in last) > settings.foot_lines * size + pad_top:
        return False
    pad = min(
        (max(b[2] and min(w["x0"] for w in b[2]) - b[0], 0.0) for b in row.boxes if b and b[2]),
        default=0.0,
    )
    head = min(rest, key=lambda w: (w["top"], w["x0"]))
    text = head["text"]
    latin = _LATIN_RUN.match(text)  # a Latin word or a number wraps whole; CJK text anywhere
    piece = (head["x1"] - head["x0"]) * (latin.end() if latin else 1) / max(len(text), 1)
    width = max(w["x1"] for w in last) - min(w["x0"] for w in last)
    return width + piece > right - left - 2 * pad - settings.wrap_slack * size


def _continuation(before: TableRow, after: TableRow, settings: ReaderSettings) -> dict[int, int] | None:
    """When ``after``, the first band of a page's first table, is the rest of ``before``, the
    last band of the previous page's last table, cut by the page break: for each cell of
    ``after`` with text, the cell of ``before`` it continues. That is when the tables are as
    wide and every such cell starts where a cell of ``before`` starts, which ends with a line
    wrapped at its foot."""
    tol = settings.rule_tolerance

    def span(row: TableRow) -> tuple[float, float]:
        boxes = [b for b in row.boxes if b]
        return boxes[0][0], max(b[1] for b in boxes)

    if any(abs(a - b) > tol for a, b in zip(span(before), span(after), strict=True)):
        return None
    starts = {round(b[0]): c for c, b in enumerate(before.boxes) if b}
    pairs: dict[int, int] = {}
    for c, box in enumerate(after.boxes):
        if box is None or not box[2]:
            continue
        match = next((k for x, k in starts.items() if abs(x - box[0]) <= tol), None)
        if match is None or not _wrapped_at_foot(before, match, box[2], settings):
            return None
        pairs[c] = match
    return pairs or None


def text_lines(
    words: list[Word], settings: ReaderSettings = DEFAULT_SETTINGS
) -> list[tuple[float, list[str], list[Box | None]]]:
    """Text outside tables: a row per line, cells split at gaps wider than ``cell_gap``
    characters; each cell with the box of its words."""
    out = []
    for line in visual_lines(words, settings):
        cells: list[list[Word]] = [[line[0]]]
        for w in line[1:]:
            gap = w["x0"] - cells[-1][-1]["x1"]
            if gap > settings.cell_gap * max(w["bottom"] - w["top"], 1):
                cells.append([w])
            else:
                cells[-1].append(w)
        boxes: list[Box | None] = [
            (
                min(w["x0"] for w in c),
                min(w["top"] for w in c),
                max(w["x1"] for w in c),
                max(w["bottom"] for w in c),
            )
            for c in cells
        ]
        out.append((line[0]["top"], ["".join(x["text"] for x in c) for c in cells], boxes))
    return out
