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

import io
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


@dataclass
class PdfResult:
    """The grid of a PDF and what could not be read (page numbers of pages without text)."""

    grid: Grid
    pages: int
    scanned: list[int] = field(default_factory=list)
    skipped: int = 0
    ocr_pages: list[int] = field(default_factory=list)
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


def _join(words: list[dict[str, Any]]) -> str:
    """The text of a cell: words of a line joined (a space between two ASCII words), lines
    joined without a break, as a wrapped cell reads."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        text = ""
        for w in sorted(line, key=lambda w: w["x0"]):
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


def _table_rows(
    words: list[dict[str, Any]],
    h: list[tuple[float, float, float]],
    v: list[tuple[float, float, float]],
    top: float,
    bottom: float,
) -> list[tuple[float, list[str]]]:
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
    for members in groups.values():
        first = min(members)
        for m in members:
            anchor[m] = first
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
        cells = [_join(texts.get((r, c), [])) if anchor[(r, c)] == (r, c) else "" for c in range(n_cols)]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            out.append((ys[r], cells))
    return out


def _text_lines(words: list[dict[str, Any]]) -> list[tuple[float, list[str]]]:
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        cells: list[list[dict[str, Any]]] = [[line[0]]]
        for w in line[1:]:
            gap = w["x0"] - cells[-1][-1]["x1"]
            if gap > 2.5 * max(w["bottom"] - w["top"], 1):
                cells.append([w])
            else:
                cells[-1].append(w)
        out.append((line[0]["top"], ["".join(x["text"] for x in c) for c in cells]))
    return out


def _ocr_page(data: bytes, number: int, dpi: float = 200) -> tuple[list[Row], list[tuple[str, float]]]:
    """A page without a text layer, rendered and read by OCR."""
    import pypdfium2 as pdfium

    from jixiao.core.ingest.ocr import image_rows

    pdf = pdfium.PdfDocument(data)
    try:
        image = pdf[number - 1].render(scale=dpi / 72).to_pil()
    finally:
        pdf.close()
    return image_rows(image, number, dpi)


def pdf_to_grid(data: bytes, source: str, ocr: bool = False) -> PdfResult:
    """Read every page's text layer (at most :data:`MAX_PAGES`).

    Raises:
        ParseError: encrypted, damaged, or not a PDF.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ParseError(source, "PDF 有密码保护，请先去除密码再导入") from None
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many kinds on a damaged file
        inner = exc.args[0] if exc.args else exc  # pdfplumber wraps pdfminer's exception
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError) or "password" in repr(exc).lower():
            raise ParseError(source, "PDF 有密码保护，请先去除密码再导入") from None
        raise ParseError(source, f"PDF 已损坏，无法读取（{type(exc).__name__}）") from None
    rows: list[Row] = []
    result = PdfResult(Grid(source, ()), len(pages))
    started = time.perf_counter()
    read = 0
    try:
        for number, page in enumerate(pages[:MAX_PAGES], start=1):
            if number > 1 and time.perf_counter() - started > MAX_SECONDS:
                break
            read = number
            try:
                words = page.extract_words(keep_blank_chars=False, x_tolerance=1.5, y_tolerance=2)
                edges = page.edges
            except Exception:  # a damaged page: report it, keep the others
                result.scanned.append(number)
                continue
            if not words:
                page.close()
                found: list[Row] = []
                if ocr:
                    found, doubtful = _ocr_page(data, number)
                    result.ocr_pages.append(number)
                    if doubtful:
                        result.doubtful[number] = doubtful
                if found:
                    rows += found
                else:
                    result.scanned.append(number)
                continue
            h = [(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"]
            v = [(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"]
            items: list[tuple[float, list[str]]] = []
            for top, bottom in _tables(h, v):
                items += _table_rows(words, h, v, top, bottom)
            items += _text_lines([w for w in words if not w.get("_used")])
            items.sort(key=lambda item: item[0])
            rows += [Row(tuple(cells), n, page=number) for n, (_, cells) in enumerate(items, start=1)]
            page.close()
    finally:
        pdf.close()
    result.skipped = len(pages) - read
    result.grid = Grid(source, tuple(rows))
    return result
