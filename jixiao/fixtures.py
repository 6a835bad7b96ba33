"""Re-layouts of real documents, for robustness tests and benchmarks.

Published text reaches users in many shapes. These functions turn a tab-separated document
(the seed corpus) into the other shapes seen in the wild — "|"-separated rows, cells separated
by runs of spaces with blank cells lost, one cell per line, whole rows flattened into one
line, traditional characters, page markers — so that the extractor can be measured on each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from jixiao.core.text import convert

__all__ = ["FORMATS", "GOLDEN_TEXT_KEYS", "VARIANTS", "to_docx", "to_html", "to_xlsx", "traditional_golden"]


def _rows(text: str) -> list[list[str] | str]:
    out: list[list[str] | str] = []
    for line in text.splitlines():
        out.append(line.split("\t") if "\t" in line else line)
    return out


def pipes(text: str) -> str:
    """Tab-separated rows → markdown-style "| a | b |" rows (blank cells kept)."""
    lines = []
    for row in _rows(text):
        lines.append("| " + " | ".join(c.strip() for c in row) + " |" if isinstance(row, list) else row)
    return "\n".join(lines)


def spaces(text: str) -> str:
    """Tab-separated rows → cells separated by three spaces, blank cells dropped (PDF copy)."""
    lines = []
    for row in _rows(text):
        if isinstance(row, list):
            cells = [c.strip() for c in row if c.strip()]
            lines.append("   ".join(cells))
        else:
            lines.append(row)
    return "\n".join(lines)


def one_cell_per_line(text: str) -> str:
    """Every non-blank cell on a line of its own (blank cells dropped)."""
    lines: list[str] = []
    for row in _rows(text):
        if isinstance(row, list):
            lines.extend(c.strip() for c in row if c.strip())
        else:
            lines.append(row)
    return "\n".join(lines)


def flattened(text: str) -> str:
    """Each row flattened into one line: non-blank cells joined by a single space."""
    lines = []
    for row in _rows(text):
        if isinstance(row, list):
            lines.append(" ".join(c.strip() for c in row if c.strip()))
        else:
            lines.append(row)
    return "\n".join(lines)


def traditional(text: str) -> str:
    """The whole text in traditional characters (as on mirror sites)."""
    return convert(text, "zh-tw")


def page_markers(text: str) -> str:
    """A page marker and a form feed every 23 lines, as in text extracted from PDFs."""
    lines = text.splitlines()
    out: list[str] = []
    for i, line in enumerate(lines, start=1):
        out.append(line)
        if i % 23 == 0:
            out.append(f"- {i // 23} -")
            out.append(f"\f第 {i // 23 + 1} 页")
    return "\n".join(out)


VARIANTS: dict[str, Callable[[str], str]] = {
    "tabs": lambda t: t,
    "pipes": pipes,
    "spaces": spaces,
    "one_cell_per_line": one_cell_per_line,
    "flattened": flattened,
    "traditional": traditional,
    "page_markers": page_markers,
}

#: Golden keys whose values are printed text (converted with the document); the others are
#: standard vocabulary or numbers and stay as they are.
GOLDEN_TEXT_KEYS = frozenset({"project", "department", "implementer", "name", "target", "actual", "note"})


def traditional_golden(value: Any, key: str | None = None) -> Any:
    """The golden data of a document converted to traditional characters."""
    if isinstance(value, dict):
        return {k: traditional_golden(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [traditional_golden(v, key) for v in value]
    if isinstance(value, str) and key in GOLDEN_TEXT_KEYS and value != "合计":  # 合计: the standard row name
        return convert(value, "zh-tw")
    return value


# ---------------------------------------------------------------- office formats

_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")
_PERCENT = re.compile(r"^-?\d+(?:\.(\d+))?%$")


def _blocks(text: str) -> list[list[str]]:
    """The rows of a tab-separated document (a one-cell row for each line without tabs)."""
    return [line.split("\t") for line in text.splitlines() if line.strip()]


def _runs(text: str) -> Iterator[list[list[str]]]:
    """The rows of :func:`_blocks` in runs: each line without tabs alone (a paragraph), each run
    of rows with tabs together (one table)."""
    table: list[list[str]] = []
    for cells in _blocks(text):
        if len(cells) > 1:
            table.append(cells)
            continue
        if table:
            yield table
            table = []
        yield [cells]
    if table:
        yield table


def _spans(cells: list[str]) -> list[tuple[int, int]]:
    """(start, width) of each filled cell, a filled cell absorbing the blank cells after it
    (as merged cells of the official templates do)."""
    out: list[tuple[int, int]] = []
    for n, cell in enumerate(cells):
        if cell.strip() or n == 0:
            out.append((n, 1))
        elif out:
            start, width = out[-1]
            out[-1] = (start, width + 1)
    return out


def _display_width(value: str) -> int:
    """Width of a text in spreadsheet column units (a CJK character is two)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in value)


def to_xlsx(text: str, *, merge: bool = True) -> bytes:
    """A tab-separated document as a workbook: one row per line, numbers as numbers (with the
    printed number of decimals as their format), percentages as percentages, blank runs after a
    filled cell merged into it.

    Laid out for printing as the official templates are: table cells bordered and wrapped,
    columns as wide as their text (within bounds), rows as tall as their wrapped text, a line
    without tabs (title, paragraph) merged across the sheet and wrapped, and the sheet fitted to
    the page's width."""
    import io
    import math

    import openpyxl
    from openpyxl.styles import Alignment, Border, Side

    book = openpyxl.Workbook()
    sheet = book.active
    rows = _blocks(text)
    n_cols = max((len(cells) for cells in rows), default=1)
    widths = [6.0] * n_cols
    for cells in rows:
        if len(cells) > 1:
            for c, value in enumerate(cells):
                widths[c] = max(widths[c], min(_display_width(value.strip()) + 2, 18))
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r, cells in enumerate(rows, start=1):
        table = len(cells) > 1
        spans = _spans(cells) if table and merge else [(c, 1) for c in range(len(cells))]
        if not table:
            spans = [(0, n_cols)]
        lines = 1
        for start, width in spans:
            room = sum(widths[start : start + width])
            lines = max(lines, math.ceil(_display_width(cells[start].strip()) / max(room - 1, 1)))
        sheet.row_dimensions[r].height = 15 * lines
        for c in range(len(cells) if table else 1):
            value = cells[c].strip()
            cell = sheet.cell(row=r, column=c + 1)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if table:
                cell.border = border
            number, percent = _NUMBER.match(value), _PERCENT.match(value)
            if number:
                cell.value = float(value)
                cell.number_format = "0." + "0" * len(number.group(1)) if number.group(1) else "0"
            elif percent:
                cell.value = float(value[:-1]) / 100
                cell.number_format = ("0." + "0" * len(percent.group(1)) if percent.group(1) else "0") + "%"
            elif value:
                cell.value = value
                cell.data_type = "s"  # "=100%" is text on these forms, not a formula
        if merge:
            for start, width in spans:
                if width > 1 and cells[start].strip():
                    sheet.merge_cells(
                        start_row=r, start_column=start + 1, end_row=r, end_column=start + width
                    )
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    if sum(widths) > 100:
        sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(text: str) -> bytes:
    """A tab-separated document as a Word file: lines without tabs as paragraphs, runs of rows
    with tabs as tables (one per run, as wide as its widest row), blank runs merged."""
    import io

    from docx import Document

    doc = Document()
    for run in _runs(text):
        if len(run[0]) == 1:
            doc.add_paragraph(run[0][0].strip())
            continue
        width = max(len(r) for r in run)
        table = doc.add_table(rows=len(run), cols=width)
        table.style = "Table Grid"  # ruled, as the official templates are
        for i, cells in enumerate(run):
            for start, span in _spans(cells + [""] * (width - len(cells))):
                cell = table.cell(i, start)
                if span > 1 and cells[start].strip():
                    cell = cell.merge(table.cell(i, start + span - 1))
                if start < len(cells) and cells[start].strip():
                    cell.text = cells[start].strip()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_html(text: str) -> str:
    """A tab-separated document as a web page: paragraphs and tables, blank runs as colspan."""
    import html

    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"]
    rows = _blocks(text)
    n = 0
    while n < len(rows):
        if len(rows[n]) == 1:
            parts.append(f"<p>{html.escape(rows[n][0].strip())}</p>")
            n += 1
            continue
        parts.append("<table border='1'>")
        while n < len(rows) and len(rows[n]) > 1:
            cells = rows[n]
            tds = []
            for start, span in _spans(cells):
                value = html.escape(cells[start].strip())
                tds.append(
                    f"<td colspan='{span}'>{value}</td>" if span > 1 and value else f"<td>{value}</td>"
                )
                tds.extend("<td></td>" for _ in range(span - 1) if not value)
            parts.append("<tr>" + "".join(tds) + "</tr>")
            n += 1
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


#: Office renderings of a tab-separated document: name → bytes.
FORMATS: dict[str, Callable[[str], bytes]] = {
    "xlsx": to_xlsx,
    "docx": to_docx,
    "html": lambda t: to_html(t).encode("utf-8"),
}


def _boxes(block: list[list[str]]) -> list[list[tuple[int, int, str, bool]]]:
    """Per row of a table: (first column, width, text, continues the cell above) of each box.

    A blank first or second cell under a filled one (or under its continuation) continues it
    downwards, as a merged 一级/二级指标 cell does; other blank cells after a filled cell widen it.
    """
    out: list[list[tuple[int, int, str, bool]]] = []
    down_prev: set[int] = set()
    for r, cells in enumerate(block):
        boxes: list[tuple[int, int, str, bool]] = []
        down: set[int] = set()
        for c, cell in enumerate(cells):
            text = cell.strip()
            above = r > 0 and (block[r - 1][c].strip() or c in down_prev)
            if not text and c in (0, 1) and above and any(x.strip() for x in cells[c + 1 :]):
                boxes.append((c, 1, "", True))
                down.add(c)
            elif not text and boxes and not boxes[-1][3] and boxes[-1][2]:
                start, width, value, _ = boxes[-1]
                boxes[-1] = (start, width + 1, value, False)
            else:
                boxes.append((c, 1, text, False))
        out.append(boxes)
        down_prev = down
    return out


#: A CJK TrueType font to embed (Debian's fonts-wqy-zenhei); without it PDFs name the
#: standard STSong-Light font without embedding it (text layer fine, but nothing to render).
CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def _pdf_font(embed: bool) -> str:
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if embed:
        if not Path(CJK_FONT).exists():
            raise FileNotFoundError(
                f"{CJK_FONT} (Debian package fonts-wqy-zenhei) is needed to embed a CJK font"
            )
        if "WQY" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("WQY", CJK_FONT, subfontIndex=0))
        return "WQY"
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def to_pdf(text: str, *, font_size: float = 8, embed: bool = False) -> bytes:
    """A tab-separated document as a PDF with a text layer and ruled tables, as an office suite
    prints the official layouts: cell text wrapped inside its cell, a blank cell after a filled
    one merged into it (no rule between), a blank first or second cell under a filled one merged
    down (no rule between), tables continuing across pages."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    font = _pdf_font(embed)
    lead, pad = font_size * 1.3, 3.0
    width, height = A4
    margin = 36.0
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont(font, font_size)
    y = height - margin

    def wrap(value: str, room: float) -> list[str]:
        lines, current = [], ""
        for ch in value:
            if current and pdfmetrics.stringWidth(current + ch, font, font_size) > room:
                lines.append(current)
                current = ""
            current += ch
        return [*lines, current] if current else lines or [""]

    def new_page() -> float:
        pdf.showPage()
        pdf.setFont(font, font_size)
        return height - margin

    for run in _runs(text):
        if len(run[0]) == 1:
            for line in wrap(run[0][0].strip(), width - 2 * margin):
                if y - lead < margin:
                    y = new_page()
                pdf.drawString(margin, y - font_size, line)
                y -= lead
            continue
        cols = max(len(x) for x in run)
        block = [r + [""] * (cols - len(r)) for r in run]
        need = [
            max(min(pdfmetrics.stringWidth(r[c], font, font_size), 160) for r in block) + 2 * pad + 8
            for c in range(cols)
        ]
        xs = [margin]
        for w in need:
            xs.append(xs[-1] + w * (width - 2 * margin) / sum(need))
        boxes = _boxes(block)
        for r, row in enumerate(boxes):
            wrapped = {start: wrap(value, xs[start + w] - xs[start] - 2 * pad) for start, w, value, _ in row}
            h = max(len(t) for t in wrapped.values()) * lead + 2 * pad
            new = y - h < margin
            if new:
                y = new_page()
            below = {b[0] for b in boxes[r + 1] if b[3]} if r + 1 < len(boxes) else set()
            for start, w, value, continued in row:
                x0, x1 = xs[start], xs[start + w]
                pdf.line(x0, y, x0, y - h)
                pdf.line(x1, y, x1, y - h)
                if not continued or new:
                    pdf.line(x0, y, x1, y)
                if not (w == 1 and start in below):
                    pdf.line(x0, y - h, x1, y - h)
                for k, line in enumerate(wrapped[start] if value else []):
                    pdf.drawString(x0 + pad, y - pad - font_size - k * lead, line)
            y -= h
        y -= lead
    pdf.save()
    return out.getvalue()


def to_scan_images(text: str, *, dpi: int = 200, angle: float = 0.6, seed: int = 7) -> list[Any]:
    """The document printed (:func:`to_pdf`, CJK font embedded) and "scanned": each page
    rasterised at ``dpi``, tilted by ``angle`` degrees, slightly blurred, with speckle noise."""
    import random

    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(to_pdf(text, embed=True))
    pages = []
    try:
        for page in pdf:
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            pixels = image.load()
            for _ in range(image.width * image.height // 400):
                x, y = rng.randrange(image.width), rng.randrange(image.height)
                pixels[x, y] = rng.choice((0, 96, 160, 255))
            pages.append(image)
    finally:
        pdf.close()
    return pages


def to_scan_png(text: str, page: int = 1, dpi: int = 200) -> bytes:
    """One page of :func:`to_scan_images` as a PNG that records its resolution."""
    import io

    out = io.BytesIO()
    to_scan_images(text, dpi=dpi)[page - 1].save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def to_scanned_pdf(text: str, dpi: int = 200) -> bytes:
    """A PDF of page images only (no text layer), as a scanner makes."""
    import io

    out = io.BytesIO()
    images = to_scan_images(text, dpi=dpi)
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


# ---------------------------------------------------------------- PDFs printed by an office suite

#: Seconds one LibreOffice conversion may take before it is abandoned.
OFFICE_TIMEOUT = 180.0


def to_pdf_via_office(data: bytes, suffix: str, *, timeout: float = OFFICE_TIMEOUT) -> bytes:
    """An office file (``suffix`` "xlsx", "docx", …) printed to PDF by LibreOffice headless
    (Debian's libreoffice-calc-nogui / libreoffice-writer-nogui), as a user exporting a form
    would: its own fonts subset-embedded, cell borders drawn as LibreOffice draws them.

    Each call runs in a temporary directory with its own user profile, so conversions do not
    share (or wait for) a running LibreOffice.

    Raises:
        FileNotFoundError: ``soffice`` is not installed.
        RuntimeError: the conversion failed or took longer than ``timeout`` seconds.
    """
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError(
            "soffice (LibreOffice) is needed to print office files to PDF: "
            "apt-get install libreoffice-calc-nogui libreoffice-writer-nogui (see benchmarks/setup.sh)"
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"document.{suffix.lstrip('.')}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RuntimeError(
                f"LibreOffice took longer than {timeout:.0f} s to convert {source.name}"
            ) from None
        target = folder / "out" / "document.pdf"
        if done.returncode != 0 or not target.exists():
            message = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise RuntimeError(f"LibreOffice could not convert {source.name}: {message or done.returncode}")
        return target.read_bytes()
