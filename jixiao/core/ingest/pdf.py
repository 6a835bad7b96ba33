"""PDF with a text layer → grid (stage 1): ruled tables rebuilt cell by cell, text in lines.

A ruled table is rebuilt from the page's rules rather than from the text's alignment: the
horizontal and vertical rules give a grid of bands and columns; where a rule between two grid
cells is missing, the cells are one merged cell (across: its text, then blanks; down: its text
in the top row, blanks below, as text copied from a web page has it). Words are placed in the
cell that holds their centre, and the lines of a wrapped cell are joined. Text outside tables
becomes rows of cells split at wide gaps (:mod:`jixiao.core.ingest.ruled`, shared with the OCR
reader). Tables that continue on the next page simply continue in the grid; the layout
recognisers read across pages.

Pages without a text layer (scans) go to the OCR reader the caller gives (``ocr``), rendered at
``render_dpi``; without one they are reported as warnings. Tolerances and limits:
:class:`~jixiao.core.ingest.settings.ReaderSettings`.
"""

from __future__ import annotations

import bisect
import ctypes
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jixiao.core.errors import ParseError
from jixiao.core.ingest.damage import damaged_pages
from jixiao.core.ingest.fonts import use_own_fonts
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.ingest.notes import Note
from jixiao.core.ingest.ruled import (
    Edge,
    PageLayout,
    TableRow,
    Word,
    place,
    table_grid,
    table_spans,
    text_lines,
)
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings

__all__ = ["PdfResult", "ScanPage", "pdf_to_grid"]

#: A page without a text layer read by OCR: (page image, its dpi) → the page's layout and
#: what the OCR noticed. Given by the caller, so that this reader does not import the OCR.
ScanPage = Callable[[Any, float], tuple[PageLayout, list[Note]]]


@dataclass
class PdfResult:
    """The grid of a PDF and what could not be read: pages without text (``scanned``), pages
    whose OCR failed (page → the error), pages not read (``skipped``), what the OCR noticed
    on each page (``notes``), damaged pages (page → what is damaged: not opened, or read only
    as far as their content decodes) and whether pdfium had to rebuild the file's cross-reference
    table (``repaired``)."""

    grid: Grid
    pages: int
    scanned: list[int] = field(default_factory=list)
    skipped: int = 0
    notes: dict[int, list[Note]] = field(default_factory=dict)
    failed: dict[int, Exception] = field(default_factory=dict)
    damaged: dict[int, str] = field(default_factory=dict)
    repaired: bool = False


#: What pdfium's text page gives for a hyphen it takes for a soft hyphen (one that ends a line).
_SOFT_HYPHENS = {0x02, 0xFFFE}


def _pdfium_page(page: Any, settings: ReaderSettings) -> tuple[list[Word], list[Edge], list[Edge]]:
    """Characters and rules of a page through pdfium.

    Characters come from pdfium's text page one by one, whether or not their font is embedded,
    each placed by what the PDF states (:func:`_chars`); a glyph drawn twice at the same place
    (fake bold) is one character there. A hyphen that ends a run comes back as a hyphen, not as
    pdfium's soft-hyphen mark."""
    import pypdfium2.raw as raw

    height = page.get_height()
    text = page.get_textpage()
    try:
        chars = _chars(text.raw, height, settings)
    finally:
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
        thin = settings.rule_thickness
        if tall < thin and wide > thin:
            h.append(((y0 + y1) / 2, left, right))
        elif wide < thin and tall > thin:
            v.append(((left + right) / 2, y0, y1))
        elif wide > thin and tall > thin:  # a rectangle: its four sides
            h += [(y0, left, right), (y1, left, right)]
            v += [(left, y0, y1), (right, y0, y1)]
    return chars, h, v


def _chars(text: Any, height: float, settings: ReaderSettings) -> list[Word]:
    """The printable characters of a pdfium text page, each with its box in points from the
    page's top left, from what the PDF itself states: the glyph's origin, its advance (the
    font's own width, from the PDF's /Widths or /W array, times the font size and the text
    matrix, horizontal scaling included) and the font size (an em box, ``char_ascent`` above the
    baseline and ``char_descent`` below). Never pdfium's character boxes: for a font the PDF does
    not embed they come from whatever system font pdfium substitutes, so the same file would
    read differently on a machine without a CJK font."""
    import pypdfium2.raw as raw

    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = raw.FS_MATRIX()
    width = ctypes.c_float()
    widths: dict[tuple[int, int], float] = {}  # (font, code point) → advance in ems
    up, down = settings.char_ascent, settings.char_descent
    chars: list[Word] = []
    for i in range(raw.FPDFText_CountChars(text)):
        code = raw.FPDFText_GetUnicode(text, i)
        ch = "-" if code in _SOFT_HYPHENS else chr(code)
        if ch.isspace() or not ch.isprintable():
            continue
        if not (raw.FPDFText_GetCharOrigin(text, i, x, y) and raw.FPDFText_GetMatrix(text, i, matrix)):
            continue
        size = raw.FPDFText_GetFontSize(text, i)
        obj = raw.FPDFText_GetTextObject(text, i)
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        key = (ctypes.cast(font, ctypes.c_void_p).value or 0, code)
        em = widths.get(key)
        if em is None:
            ok = font and raw.FPDFFont_GetGlyphWidth(font, code, 1.0, width)
            em = width.value if ok and 0 < width.value <= _MAX_ADVANCE else _default_advance(ch)
            widths[key] = em
        a, b, c, d = matrix.a * size, matrix.b * size, matrix.c * size, matrix.d * size
        xs = [x.value + t * em * a + s * c for t in (0, 1) for s in (-down, up)]
        ys = [y.value + t * em * b + s * d for t in (0, 1) for s in (-down, up)]
        chars.append(
            {"text": ch, "x0": min(xs), "x1": max(xs), "top": height - max(ys), "bottom": height - min(ys)}
        )
    return chars


#: An advance wider than this many ems is no glyph width (a font that states nonsense).
_MAX_ADVANCE = 4.0


def _default_advance(ch: str) -> float:
    """The advance of a character whose font states no width: a full em for a wide (CJK)
    character, half an em for any other."""
    import unicodedata

    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def _words(chars: list[Word], v: list[Edge], settings: ReaderSettings) -> list[Word]:
    """Characters grouped into words: lines by vertical centre (glyphs of different fonts have
    different boxes), then runs along a line with no gap wider than half a character and no
    vertical rule between two characters (a number right-aligned against a rule and the text of
    the next cell, left-aligned after it, are two words however close they are)."""
    rules = sorted(v)
    positions = [rule[0] for rule in rules]
    lines: list[list[Word]] = []
    for ch in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        middle = (ch["top"] + ch["bottom"]) / 2
        size = max(ch["bottom"] - ch["top"], 1)
        if lines and abs(middle - lines[-1][-1]["_mid"]) < settings.same_line_fraction * size:
            lines[-1].append({**ch, "_mid": middle})
        else:
            lines.append([{**ch, "_mid": middle}])

    def ruled_between(left: Word, right: Word) -> bool:
        a, b = (left["x0"] + left["x1"]) / 2, (right["x0"] + right["x1"]) / 2
        y = right["_mid"]
        start = bisect.bisect_left(positions, a)
        return any(a0 <= y <= b0 for _, a0, b0 in rules[start : bisect.bisect_right(positions, b)])

    words: list[Word] = []
    for line in lines:
        top = min(c["top"] for c in line)
        bottom = max(c["bottom"] for c in line)
        current: Word | None = None
        last: Word = line[0]
        for ch in sorted(line, key=lambda c: c["x0"]):
            size = max(ch["bottom"] - ch["top"], 1)
            if (
                current is not None
                and -settings.word_gap * size <= ch["x0"] - current["x1"] < settings.word_gap * size
                and not (rules and ruled_between(last, ch))
            ):
                current["text"] += ch["text"]
                current["x1"] = max(current["x1"], ch["x1"])
            else:
                current = {"text": ch["text"], "x0": ch["x0"], "x1": ch["x1"], "top": top, "bottom": bottom}
                words.append(current)
            last = ch
    return words


def pdf_to_grid(
    data: bytes, source: str, ocr: ScanPage | None = None, settings: ReaderSettings = DEFAULT_SETTINGS
) -> PdfResult:
    """Read every page's text layer (at most ``max_pages`` pages and ``max_seconds``).

    Pages are read through pdfium; pages without text through ``ocr`` when given. An error of
    the OCR on a page is recorded (``failed``) and the other pages are read.

    Raises:
        ParseError: encrypted, damaged, or not a PDF.
    """
    import pypdfium2 as pdfium

    use_own_fonts()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError(source, "PDF 有密码保护，请先去除密码再导入") from None
        raise ParseError(source, f"PDF 已损坏，无法读取（{exc}）") from None
    import pypdfium2.raw as raw

    pages = len(document)
    rows: list[Row] = []
    result = PdfResult(Grid(source, ()), pages)
    result.repaired = not raw.FPDF_DocumentHasValidCrossReferenceTable(document.raw)
    result.damaged = damaged_pages(data, min(pages, settings.max_pages))
    started = time.perf_counter()
    read = 0
    pending: tuple[int, TableRow] | None = None  # the last row read, when a table band ends a page
    try:
        for number in range(1, min(pages, settings.max_pages) + 1):
            if number > 1 and time.perf_counter() - started > settings.max_seconds:
                break
            read = number
            try:
                page = document[number - 1]
            except pdfium.PdfiumError:  # the page tree or the page's dictionary is damaged
                result.damaged[number] = "无法打开"
                continue
            try:
                chars, h, v = _pdfium_page(page, settings)
                words = _words(chars, v, settings)
                if not words and ocr is not None:
                    pending = _scan(page, number, ocr, rows, pending, result, settings)
                    continue
            except Exception as exc:  # a damaged page: report it, keep the others
                result.damaged[number] = f"无法读取（{type(exc).__name__}）"
                continue
            finally:
                page.close()
            if not words:
                result.scanned.append(number)
                continue
            tables = [
                grid
                for top, bottom in table_spans(h, v, settings)
                if (grid := table_grid(words, h, v, top, bottom, settings))
            ]
            lines = text_lines([w for w in words if not w.get("_used")], settings)
            pending = place(rows, PageLayout.of(tables, lines), number, pending, settings)
    finally:
        document.close()
    result.skipped = pages - read
    result.grid = Grid(source, tuple(rows))
    return result


def _scan(
    page: Any,
    number: int,
    ocr: ScanPage,
    rows: list[Row],
    pending: tuple[int, TableRow] | None,
    result: PdfResult,
    settings: ReaderSettings,
) -> tuple[int, TableRow] | None:
    """A page without a text layer (an open pdfium page) rendered and read by ``ocr``; its rows
    added to ``rows``. Returns what is pending at the foot of the page (:func:`place`)."""
    try:
        image = page.render(scale=settings.render_dpi / 72).to_pil()
        layout, notes = ocr(image, settings.render_dpi)
    except Exception as exc:  # the models, the image work: the page is not read, the others are
        result.failed[number] = exc
        return None
    if notes:
        result.notes[number] = notes
    if not layout.items:
        result.scanned.append(number)
    return place(rows, layout, number, pending, settings)
