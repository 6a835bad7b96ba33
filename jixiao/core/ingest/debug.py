"""A picture of a page as it was read: rules, cells, text boxes, and what was placed where.

Like pdfplumber's ``debug_tablefinder``, this is how a family of layouts gets understood: the
page (rendered from the PDF or the scan itself) is drawn pale, and over it the ruled lines the
reader found (blue), every cell or text line it read with its box (green), and the marks a
caller adds — which value a recogniser took from which cell, under which name (orange for a
field of a form, red for a figure, purple for an indicator, magenta for a 决算 table cell).

Input without pages (text, XLSX, DOCX, HTML) gets a page drawn from its grid: one band per row,
one box per cell, as wide as its text, so the same marks can be shown by line and column.

Stage 1 knows nothing of forms: marks are plain boxes with a label, made by the caller.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.core.ingest.grid import Row
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings

__all__ = ["ROLE_COLOURS", "Mark", "PagePicture", "draw", "grid_page"]

Box = tuple[float, float, float, float]  # (x0, top, x1, bottom) in points
Edge = tuple[float, float, float]  # (position, from, to) in points

#: Colour of each kind of mark.
ROLE_COLOURS: dict[str, tuple[int, int, int]] = {
    "field": (230, 120, 0),
    "figure": (210, 0, 0),
    "indicator": (130, 0, 200),
    "table": (200, 0, 150),
    "warning": (255, 0, 0),
}
_RULE = (20, 90, 230)
_CELL = (0, 150, 60)
_TEXT = (40, 40, 40)

#: Fonts that can draw Chinese, looked for in this order (the picture still draws without one,
#: with boxes only).
_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A box to show on the picture, with what it is (``label``) and its kind (``role``)."""

    box: Box
    label: str
    role: str = "field"


@dataclass
class PagePicture:
    """What was read on one page, in points from its top left.

    Attributes:
        width, height: the page size in points.
        background: the page as an image (rendered PDF page or scan), or ``None``.
        h_rules, v_rules: ruled lines found (horizontal: y, x0, x1; vertical: x, top, bottom).
        cells: every cell or line of text read, with its box.
    """

    width: float
    height: float
    background: Any = None
    h_rules: list[Edge] = field(default_factory=list)
    v_rules: list[Edge] = field(default_factory=list)
    cells: list[tuple[Box, str]] = field(default_factory=list)


@functools.cache
def _font(size: int) -> Any:
    from PIL import ImageFont

    for path in _CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def _has_cjk_font() -> bool:
    return any(Path(p).exists() for p in _CJK_FONTS)


def draw(picture: PagePicture, marks: Iterable[Mark] = (), scale: float = 2.0, text: bool = False) -> Any:
    """The picture as a PIL image, ``scale`` pixels a point.

    ``text`` writes each cell's text in its box (for pages drawn from a grid, which have no
    background to show it).
    """
    from PIL import Image, ImageDraw

    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    page = Image.new("RGB", size, "white")
    if picture.background is not None:
        back = picture.background.convert("RGB").resize(size)
        page = Image.blend(page, back, 0.45)
    pen = ImageDraw.Draw(page)

    def px(box: Box) -> tuple[float, float, float, float]:
        return (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)

    for y, x0, x1 in picture.h_rules:
        pen.line([(x0 * scale, y * scale), (x1 * scale, y * scale)], fill=_RULE, width=2)
    for x, y0, y1 in picture.v_rules:
        pen.line([(x * scale, y0 * scale), (x * scale, y1 * scale)], fill=_RULE, width=2)
    small = _font(max(8, round(5 * scale)))
    for box, content in picture.cells:
        pen.rectangle(px(box), outline=_CELL, width=1)
        if text and content and (_has_cjk_font() or content.isascii()):
            pen.text((box[0] * scale + 2, box[1] * scale + 1), content, fill=_TEXT, font=small)
    size_px = max(9, round(4.5 * scale))
    label_font = _font(size_px)
    for mark in marks:
        colour = ROLE_COLOURS.get(mark.role, ROLE_COLOURS["field"])
        x0, y0, x1, y1 = px(mark.box)
        pen.rectangle((x0 - 1, y0 - 1, x1 + 1, y1 + 1), outline=colour, width=3)
        pen.text((x0 + 2, max(y0, y1 - size_px - 2)), mark.label, fill=colour, font=label_font)
    return page


#: Size of a page drawn from a grid: points per character of a cell and per row.
_CHAR, _ROW, _PAD = 7.0, 26.0, 4.0


def grid_page(rows: Sequence[Row], first: int = 0) -> tuple[PagePicture, dict[tuple[int, int], Box]]:
    """A page drawn from ``rows`` (input without pages): one band per row, one box per cell.

    Returns the picture and the box of every cell by ``(index in rows + first, column)``, so a
    caller can place marks by the line and column its values were read at.
    """
    boxes: dict[tuple[int, int], Box] = {}
    cells: list[tuple[Box, str]] = []
    width = 0.0
    for n, row in enumerate(rows):
        x, top = _PAD, _PAD + n * _ROW
        for col, cell in enumerate(row.cells):
            text = (cell or "").replace("\n", " ")
            w = max(6, min(len(text), 40)) * _CHAR + _PAD
            box = (x, top, x + w, top + _ROW - 2)
            boxes[(first + n, col)] = box
            cells.append((box, text[:40]))
            x += w + 2
        width = max(width, x)
    picture = PagePicture(width=max(width + _PAD, 200.0), height=len(rows) * _ROW + 2 * _PAD, cells=cells)
    return picture, boxes


def scan_geometry(image: Any, dpi: float, settings: ReaderSettings = DEFAULT_SETTINGS) -> PagePicture:
    """A page image as the OCR reader sees it: deskewed, with the ruled lines it finds, in
    points at ``dpi`` (as the OCR reader places its cells)."""
    import cv2
    import numpy as np
    from PIL import Image

    from jixiao.core.ingest.ocr.geometry import deskew, rule_masks, rules_and_strokes

    gray = deskew(cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY), settings)
    h_px, v_px, _ = rules_and_strokes(rule_masks(gray, settings), settings)
    k = 72.0 / dpi
    height, width = gray.shape
    return PagePicture(
        width * k,
        height * k,
        Image.fromarray(gray),
        [(y * k, a * k, b * k) for y, a, b in h_px],
        [(x * k, a * k, b * k) for x, a, b in v_px],
    )


def pdf_background(
    data: bytes, page: int, scale: float = 2.0, settings: ReaderSettings = DEFAULT_SETTINGS
) -> tuple[PagePicture, int]:
    """Page ``page`` of a PDF rendered, with the rules its text layer draws (for a page without
    text, the rules the OCR reader finds on it), and the page count.

    Raises:
        ValueError: no such page.
    """
    import pypdfium2 as pdfium

    from jixiao.core.ingest.fonts import use_own_fonts
    from jixiao.core.ingest.pdf import _pdfium_page

    use_own_fonts()  # the same characters as the reading
    document = pdfium.PdfDocument(data)
    try:
        count = len(document)
        if not 1 <= page <= count:
            raise ValueError(f"没有第 {page} 页（共 {count} 页）")
        pdf_page = document[page - 1]
        width, height = pdf_page.get_size()
        chars, h, v = _pdfium_page(pdf_page, settings)
        if chars:
            picture = PagePicture(width, height, pdf_page.render(scale=scale).to_pil(), h, v)
        else:
            dpi = settings.render_dpi
            picture = scan_geometry(pdf_page.render(scale=dpi / 72).to_pil(), dpi, settings)
        pdf_page.close()
    finally:
        document.close()
    return picture, count


def image_background(data: bytes, settings: ReaderSettings = DEFAULT_SETTINGS) -> PagePicture:
    """A scan as the background of its picture, at the resolution the OCR reader reads it at."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    dpi = float(image.info.get("dpi", (settings.image_dpi, settings.image_dpi))[0] or settings.image_dpi)
    return scan_geometry(image, dpi, settings)
