"""PDF with a text layer → grid (stage 1): ruled tables rebuilt cell by cell, text in lines.

A ruled table is rebuilt from the page's rules rather than from the text's alignment: the
horizontal and vertical rules give a grid of bands and columns; where a rule between two grid
cells is missing, the cells are one merged cell (across: its text, then blanks; down: its text
in the top row, blanks below, as text copied from a web page has it). Words are placed in the
cell that holds their centre, and the lines of a wrapped cell are joined. Text outside tables
becomes rows of cells split at wide gaps. Tables that continue on the next page simply continue
in the grid; the layout recognisers read across pages.

Pages without a text layer (scans) are reported as warnings; OCR is a separate reader.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import time
from dataclasses import dataclass, field
from typing import Any

from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Grid, Row

__all__ = ["MAX_PAGES", "PdfResult", "pdf_to_grid"]

#: Pages read at most from one PDF, and seconds spent on it at most; the rest are reported
#: as not read (a 300-page annual report must not stall a batch).
MAX_PAGES = 500
MAX_SECONDS = 120.0
_TOL = 2.0  # points: rules closer than this are one rule
Edge = tuple[float, float, float]  # (position, from, to)
_LATIN_RUN = re.compile(r"[!-~]+")


@dataclass
class PdfResult:
    """The grid of a PDF and what could not be read (page numbers of pages without text)."""

    grid: Grid
    pages: int
    scanned: list[int] = field(default_factory=list)
    skipped: int = 0
    doubtful: dict[int, list[tuple[str, float]]] = field(default_factory=dict)


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOL:
            continue
        out.append(v)
    return out


def _covers(segments: list[tuple[float, float, float]], at: float, lo: float, hi: float) -> bool:
    """A rule at ``at`` (±tolerance) covers the middle of [lo, hi]."""
    mid = (lo + hi) / 2
    return any(abs(pos - at) <= _TOL and a - _TOL <= mid <= b + _TOL for pos, a, b in segments)


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into visual lines (tops within 3 points), each line left to right."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _join(words: list[dict[str, Any]]) -> str:
    """The text of a cell: words of a line joined (a space between two ASCII words), lines
    joined without a break, as a wrapped cell reads."""
    out = []
    for line in _lines(words):
        text = ""
        for w in line:
            ascii_pair = text[-1:].isascii() and text[-1:].isalnum() and w["text"][:1].isascii()
            text += (" " if ascii_pair and w["text"][:1].isalnum() else "") + w["text"]
        out.append(text)
    return "".join(out)


def _tables(
    h: list[tuple[float, float, float]], v: list[tuple[float, float, float]]
) -> list[tuple[float, float]]:
    """Vertical extents of the ruled tables on a page (vertical rules that overlap or touch)."""
    spans = sorted((a, b) for _, a, b in v)
    out: list[list[float]] = []
    for a, b in spans:
        if out and a <= out[-1][1] + _TOL:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out if sum(1 for y, _, _ in h if a - _TOL <= y <= b + _TOL) >= 2]


@dataclass
class _TableRow:
    """A band of a ruled table: its top and bottom rules, the texts of its cells (blank where a
    cell is merged into one on its left or above, trailing blanks dropped) and, per column, the
    left and right rules and the words of the cell that starts there (``None`` for a column
    merged into another cell)."""

    top: float
    bottom: float
    cells: list[str]
    boxes: list[tuple[float, float, list[dict[str, Any]]] | None]


@dataclass
class PageLayout:
    """A page read: its rows in reading order, (top, cells, the table band or ``None`` for a
    line of text), and the first band of its topmost ruled table."""

    items: list[tuple[float, list[str], _TableRow | None]]
    first: _TableRow | None

    @classmethod
    def of(cls, tables: list[list[_TableRow]], lines: list[tuple[float, list[str]]]) -> PageLayout:
        """The layout of a page's ruled tables (bands) and lines of text outside them."""
        items: list[tuple[float, list[str], _TableRow | None]] = [(top, cells, None) for top, cells in lines]
        items += [(band.top, band.cells, band) for grid in tables for band in grid if any(band.cells)]
        items.sort(key=lambda item: item[0])
        return cls(items, min(tables, key=lambda grid: grid[0].top)[0] if tables else None)


def _place(
    rows: list[Row], layout: PageLayout, number: int, pending: tuple[int, _TableRow] | None
) -> tuple[int, _TableRow] | None:
    """Add a page's rows to ``rows``; a table band cut by the page break (``pending``: the row
    and band that ended the previous page) is joined to its rest at the top of this page.
    Returns what is pending at the foot of this page."""
    items, first = list(layout.items), layout.first
    joined = None
    pairs = pending and first and items and items[0][2] is first and _continuation(pending[1], first)
    if pending and first and pairs:
        joined = pending[0]
        cells = list(rows[joined].cells)
        cells += [""] * (max(pairs.values()) + 1 - len(cells))
        for c, target in pairs.items():
            cells[target] += first.cells[c]
        rows[joined] = Row(tuple(cells), rows[joined].line, page=rows[joined].page)
        items.pop(0)
    after = None
    if items and items[-1][2] is not None:
        after = (len(rows) + len(items) - 1, items[-1][2])
    elif joined is not None and not items and first is not None:
        after = (joined, first)
    rows += [Row(tuple(cells), n, page=number) for n, (_, cells, _) in enumerate(items, start=1)]
    return after


def _table_grid(
    words: list[dict[str, Any]],
    h: list[tuple[float, float, float]],
    v: list[tuple[float, float, float]],
    top: float,
    bottom: float,
) -> list[_TableRow]:
    """Every band of the ruled table between ``top`` and ``bottom`` (words placed in it are
    marked ``_used``)."""
    hs = [s for s in h if top - _TOL <= s[0] <= bottom + _TOL]
    vs = [s for s in v if s[1] >= top - _TOL and s[2] <= bottom + _TOL]
    ys = _cluster([s[0] for s in hs])
    xs = _cluster([s[0] for s in vs])
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
            if c + 1 < n_cols and not _covers(vs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _covers(hs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    texts: dict[tuple[int, int], list[dict[str, Any]]] = {}
    anchor = {}
    right: dict[tuple[int, int], int] = {}  # (band, first column of a cell) → its last column
    for members in groups.values():
        first = min(members)
        for r, c in members:
            anchor[(r, c)] = first
            right[(r, first[1])] = max(right.get((r, first[1]), c), c)
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
        cells = [_join(texts.get((r, c), [])) if own[c] else "" for c in range(n_cols)]
        while cells and not cells[-1]:
            cells.pop()
        boxes = [
            (xs[c], xs[right[(r, c)] + 1], texts.get((r, c), []) if own[c] else [])
            if anchor[(r, c)][1] == c
            else None
            for c in range(n_cols)
        ]
        out.append(_TableRow(ys[r], ys[r + 1], cells, boxes))
    return out


def _wrapped_at_foot(row: _TableRow, column: int, rest: list[dict[str, Any]]) -> bool:
    """Whether the cell starting at ``column`` of ``row`` ends at the foot of its band with a
    line that ``rest`` (words) could not have completed: the last line and the first piece of
    ``rest`` (a character, or a run of ASCII) are together wider than the cell. A word
    processor that cuts a row at the foot of a page leaves such a wrapped line there."""
    box = row.boxes[column]
    if box is None or not box[2] or not rest:
        return False
    left, right, words = box
    last = _lines(words)[-1]
    size = max(w["bottom"] - w["top"] for w in last)
    pad_top = max(min(w["top"] for w in words) - row.top, 0.0)
    if row.bottom - max(w["bottom"] for w in last) > 1.5 * size + pad_top:
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
    return width + piece > right - left - 2 * pad - size / 2


def _continuation(before: _TableRow, after: _TableRow) -> dict[int, int] | None:
    """When ``after``, the first band of a page's first table, is the rest of ``before``, the
    last band of the previous page's last table, cut by the page break: for each cell of
    ``after`` with text, the cell of ``before`` it continues. That is when the tables are as
    wide and every such cell starts where a cell of ``before`` starts, which ends with a line
    wrapped at its foot."""

    def span(row: _TableRow) -> tuple[float, float]:
        boxes = [b for b in row.boxes if b]
        return boxes[0][0], max(b[1] for b in boxes)

    if any(abs(a - b) > _TOL for a, b in zip(span(before), span(after), strict=True)):
        return None
    starts = {round(b[0]): c for c, b in enumerate(before.boxes) if b}
    pairs: dict[int, int] = {}
    for c, box in enumerate(after.boxes):
        if box is None or not box[2]:
            continue
        match = next((k for x, k in starts.items() if abs(x - box[0]) <= _TOL), None)
        if match is None or not _wrapped_at_foot(before, match, box[2]):
            return None
        pairs[c] = match
    return pairs or None


def _text_lines(words: list[dict[str, Any]]) -> list[tuple[float, list[str]]]:
    """Text outside tables: a row per line, cells split at gaps wider than 2.5 characters."""
    out = []
    for line in _lines(words):
        cells: list[list[dict[str, Any]]] = [[line[0]]]
        for w in line[1:]:
            gap = w["x0"] - cells[-1][-1]["x1"]
            if gap > 2.5 * max(w["bottom"] - w["top"], 1):
                cells.append([w])
            else:
                cells[-1].append(w)
        out.append((line[0]["top"], ["".join(x["text"] for x in c) for c in cells]))
    return out


#: What pdfium's text page gives for a hyphen it takes for a soft hyphen (one that ends a line).
_SOFT_HYPHENS = {0x02, 0xFFFE}


def _pdfium_page(page: Any) -> tuple[list[dict[str, Any]], list[Edge], list[Edge]]:
    """Characters and rules of a page through pdfium.

    Characters come from pdfium's text page one by one (code point and loose box: the font's
    ascent and descent, the glyph's advance), whether or not the font is embedded; a glyph drawn
    twice at the same place (fake bold) is one character there. A hyphen that ends a run comes
    back as a hyphen, not as pdfium's soft-hyphen mark."""
    import pypdfium2.raw as raw

    height = page.get_height()
    text = page.get_textpage()
    box = raw.FS_RECTF()
    chars = []
    for i in range(raw.FPDFText_CountChars(text.raw)):
        code = raw.FPDFText_GetUnicode(text.raw, i)
        ch = "-" if code in _SOFT_HYPHENS else chr(code)
        if ch.isspace() or not ch.isprintable() or not raw.FPDFText_GetLooseCharBox(text.raw, i, box):
            continue
        chars.append(
            {
                "text": ch,
                "x0": box.left,
                "x1": box.right,
                "top": height - box.top,
                "bottom": height - box.bottom,
            }
        )
    text.close()
    h: list[Edge] = []
    v: list[Edge] = []
    stroke = ctypes.c_float()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if raw.FPDFPageObj_GetStrokeWidth(obj.raw, ctypes.byref(stroke)):  # bounds include half the pen
            half = min(stroke.value / 2, (right - left) / 2, (top - bottom) / 2)
            left, bottom, right, top = left + half, bottom + half, right - half, top - half
        wide, tall = right - left, top - bottom
        y0, y1 = height - top, height - bottom
        if tall < 3 and wide > 3:
            h.append(((y0 + y1) / 2, left, right))
        elif wide < 3 and tall > 3:
            v.append(((left + right) / 2, y0, y1))
        elif wide > 3 and tall > 3:  # a rectangle: its four sides
            h += [(y0, left, right), (y1, left, right)]
            v += [(left, y0, y1), (right, y0, y1)]
    return chars, h, v


def _ocr_memo() -> Any:
    from jixiao.core.ingest.ocr import Memo

    return Memo()


def _ocr_page(page: Any, memo: Any, dpi: float = 200) -> tuple[PageLayout, list[tuple[str, float]]]:
    """A page without a text layer (an open pdfium page), rendered and read by OCR; ``memo``
    (an :class:`~jixiao.core.ingest.ocr.Memo`) holds the lines read on the earlier pages."""
    from jixiao.core.ingest.ocr import image_page

    return image_page(page.render(scale=dpi / 72).to_pil(), dpi, memo)


def _words(chars: list[dict[str, Any]], v: list[Edge]) -> list[dict[str, Any]]:
    """Characters grouped into words: lines by vertical centre (glyphs of different fonts have
    different boxes), then runs along a line with no gap wider than half a character and no
    vertical rule between two characters (a number right-aligned against a rule and the text of
    the next cell, left-aligned after it, are two words however close they are)."""
    rules = sorted(v)
    positions = [rule[0] for rule in rules]
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        middle = (ch["top"] + ch["bottom"]) / 2
        size = max(ch["bottom"] - ch["top"], 1)
        if lines and abs(middle - lines[-1][-1]["_mid"]) < 0.4 * size:
            lines[-1].append({**ch, "_mid": middle})
        else:
            lines.append([{**ch, "_mid": middle}])

    def ruled_between(left: dict[str, Any], right: dict[str, Any]) -> bool:
        a, b = (left["x0"] + left["x1"]) / 2, (right["x0"] + right["x1"]) / 2
        y = right["_mid"]
        start = bisect.bisect_left(positions, a)
        return any(a0 <= y <= b0 for _, a0, b0 in rules[start : bisect.bisect_right(positions, b)])

    words: list[dict[str, Any]] = []
    for line in lines:
        top = min(c["top"] for c in line)
        bottom = max(c["bottom"] for c in line)
        current: dict[str, Any] | None = None
        last: dict[str, Any] = line[0]
        for ch in sorted(line, key=lambda c: c["x0"]):
            size = max(ch["bottom"] - ch["top"], 1)
            if (
                current is not None
                and -0.5 * size <= ch["x0"] - current["x1"] < 0.5 * size
                and not (rules and ruled_between(last, ch))
            ):
                current["text"] += ch["text"]
                current["x1"] = max(current["x1"], ch["x1"])
            else:
                current = {"text": ch["text"], "x0": ch["x0"], "x1": ch["x1"], "top": top, "bottom": bottom}
                words.append(current)
            last = ch
    return words


def pdf_to_grid(data: bytes, source: str, ocr: bool = False) -> PdfResult:
    """Read every page's text layer (at most :data:`MAX_PAGES` pages and :data:`MAX_SECONDS`).

    Pages are read through pdfium; pages without text through OCR when ``ocr``.

    Raises:
        ParseError: encrypted, damaged, or not a PDF.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError(source, "PDF 有密码保护，请先去除密码再导入") from None
        raise ParseError(source, f"PDF 已损坏，无法读取（{exc}）") from None
    pages = len(document)
    rows: list[Row] = []
    result = PdfResult(Grid(source, ()), pages)
    started = time.perf_counter()
    read = 0
    pending: tuple[int, _TableRow] | None = None  # the last row read, when a table band ends a page
    memo = None  # the lines OCR has read in this document
    try:
        for number in range(1, min(pages, MAX_PAGES) + 1):
            if number > 1 and time.perf_counter() - started > MAX_SECONDS:
                break
            read = number
            page = document[number - 1]
            try:
                chars, h, v = _pdfium_page(page)
                words = _words(chars, v)
                if not words and ocr:
                    memo = memo or _ocr_memo()
                    layout, doubtful = _ocr_page(page, memo)
                    pending = _place(rows, layout, number, pending)
                    if doubtful:
                        result.doubtful[number] = doubtful
                    if not layout.items:
                        result.scanned.append(number)
                    continue
            except Exception:  # a damaged page: report it, keep the others
                result.scanned.append(number)
                continue
            finally:
                page.close()
            if not words:
                result.scanned.append(number)
                continue
            tables = [
                grid for top, bottom in _tables(h, v) if (grid := _table_grid(words, h, v, top, bottom))
            ]
            lines = _text_lines([w for w in words if not w.get("_used")])
            pending = _place(rows, PageLayout.of(tables, lines), number, pending)
    finally:
        document.close()
    result.skipped = pages - read
    result.grid = Grid(source, tuple(rows))
    return result
