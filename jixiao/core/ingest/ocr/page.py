"""A page image read by OCR: rules, lines, recognition, cells, in that order.

A page is deskewed and its ruled lines found (:mod:`.geometry`); the text lines inside ruled
cells are found from the ink and the rest of the page goes to the detector (:mod:`.lines`);
lines are recognised with the rules erased (:mod:`.recognise`). The boxes are placed in the
table cells with the same reconstruction as text-layer PDFs (:mod:`jixiao.core.ingest.ruled`),
in PDF points (pixels × 72 / dpi) so the same tolerances apply and every cell keeps its box on
the page. Each cell is then read as the template must have printed it (:mod:`.corrections`).

Every text box recognised with a confidence below ``min_confidence`` becomes a
:class:`~jixiao.core.ingest.notes.Doubt` naming the text, so a doubtful figure is flagged
rather than silently trusted; nothing the detector found is dropped for a low score; a figure
corrected is a :class:`~jixiao.core.ingest.notes.Correction`.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Row
from jixiao.core.ingest.notes import Doubt, Note
from jixiao.core.ingest.ocr.corrections import read_table
from jixiao.core.ingest.ocr.geometry import deskew, rule_masks, rule_pixels, rules_and_strokes
from jixiao.core.ingest.ocr.lines import (
    cell_lines,
    crop,
    cut_at_rules,
    detect,
    missed,
    table_areas,
    text_like,
)
from jixiao.core.ingest.ocr.models import models
from jixiao.core.ingest.ocr.recognise import Memo, recognise
from jixiao.core.ingest.ruled import PageLayout, TableRow, Word, place, table_grid, table_spans, text_lines
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings

__all__ = ["ScanReader", "image_page", "image_rows", "read_image"]


class ScanReader:
    """The OCR reader of one document's scanned pages: called with a page image and its dpi,
    it gives the page's layout and notes (a :data:`jixiao.core.ingest.pdf.ScanPage`). It keeps
    the lines read on the earlier pages (:class:`~.recognise.Memo`), made on the first page."""

    def __init__(self, settings: ReaderSettings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        self.memo: Memo | None = None

    def __call__(self, image: Any, dpi: float) -> tuple[PageLayout, list[Note]]:
        self.memo = self.memo or Memo(self.settings)
        return image_page(image, dpi, self.memo, self.settings)


def image_rows(
    image: Any, page: int, dpi: float, memo: Memo | None = None, settings: ReaderSettings = DEFAULT_SETTINGS
) -> tuple[list[Row], list[Note]]:
    """Rows of one page image, and what the OCR noticed (doubtful readings, corrections).

    ``memo`` holds the lines read on the document's earlier pages (:class:`Memo`).
    """
    layout, notes = image_page(image, dpi, memo, settings)
    return layout.rows(page), notes


def image_page(
    image: Any, dpi: float, memo: Memo | None = None, settings: ReaderSettings = DEFAULT_SETTINGS
) -> tuple[PageLayout, list[Note]]:
    """The rows of one page image in reading order, with the bands of its ruled tables (so
    that a table row cut at the foot of the page is joined to its rest on the next, as for
    text-layer pages), and what the OCR noticed: doubtful readings and corrected figures."""
    import cv2
    import numpy as np

    s = settings
    gray = deskew(cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY), s)
    found_models = models()
    # Lines are recognised without the rules: a piece of a cell border in a crop reads as "[",
    # "|" or "1".
    masks = rule_masks(gray, s)
    h_px, v_px, strokes = rules_and_strokes(masks, s)
    ruled = rule_pixels(masks, strokes)
    clean = gray.copy()
    clean[ruled > 0] = 255
    scale = 72.0 / dpi  # the rules in PDF points, so that the text-layer tolerances apply
    h = [(y * scale, a * scale, b * scale) for y, a, b in h_px]
    v = [(x * scale, a * scale, b * scale) for x, a, b in v_px]
    spans = table_spans(h, v, s)
    # Text in ruled cells is found from the ink; the detector reads the rest of the page (with
    # the rules: they keep cells apart).
    rest, in_cells = gray, []
    for area in table_areas(v, spans, scale, s):
        found, read = cell_lines(clean, ruled, area, s)
        in_cells += found
        if rest is gray:
            rest = gray.copy()
        x0, y0, x1, y1 = area
        rest[y0:y1, x0:x1][read | (ruled[y0:y1, x0:x1] > 0)] = 255
    in_cells = text_like(in_cells, s)
    shrink = min(1.0, s.detect_dpi / dpi)
    small = cv2.resize(rest, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA) if shrink < 1 else rest
    found_boxes = cut_at_rules(detect(found_models, small, s), shrink, v_px, s) + in_cells
    words: list[Word] = []
    notes: list[Note] = []
    line_height = float(np.median([y1 - y0 for _, y0, _, y1 in found_boxes])) if found_boxes else 0.0
    lost = missed(clean, found_boxes, line_height, s)
    lines = [crop(clean, box, line_height, s) for box in found_boxes + lost]
    for n, ((x0, y0, x1, y1), (text, score)) in enumerate(
        zip(found_boxes + lost, recognise(found_models, lines, memo, s), strict=True)
    ):
        if not text or (n >= len(found_boxes) and score < s.min_confidence):
            continue  # a mark the detector passed over and the recogniser cannot read: no text
        words.append(
            {"text": text, "x0": x0 * scale, "x1": x1 * scale, "top": y0 * scale, "bottom": y1 * scale}
        )
        if score < s.min_confidence:
            notes.append(Doubt(text, score))
    tables = [grid for top, bottom in spans if (grid := table_grid(words, h, v, top, bottom, s))]
    for grid in tables:
        bands = [band for band in grid if any(band.cells)]
        cells, corrected = read_table([band.cells for band in bands], s)
        for band, row in zip(bands, cells, strict=True):
            band.cells = row
        notes += corrected
    outside = text_lines([w for w in words if not w.get("_used")], s)
    cells, corrected = read_table([cells for _, cells, _ in outside], s)
    notes += corrected
    rows = [(at, row, places) for (at, _, places), row in zip(outside, cells, strict=True)]
    return PageLayout.of(tables, rows), notes


def read_image(
    data: bytes, source: str, settings: ReaderSettings = DEFAULT_SETTINGS
) -> tuple[list[Row], dict[int, list[Note]], dict[int, Exception], int]:
    """A scan: PNG, JPEG, GIF or TIFF, every frame of a multi-page TIFF or GIF a page (at most
    ``max_pages``). Its rows, what the OCR noticed on each page, the pages whose OCR failed
    (page → the error) and the number of pages. A frame too small to hold a line of text
    (``min_image_side``) is not read.

    Raises:
        ParseError: not an image, too large (naming the limit), or damaged.
    """
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = settings.max_pixels
    rows: list[Row] = []
    notes: dict[int, list[Note]] = {}
    failed: dict[int, Exception] = {}
    memo = Memo(settings)
    pages = 0
    pending: tuple[int, TableRow] | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            for frame in ImageSequence.Iterator(image):
                if pages >= settings.max_pages:
                    break
                pages += 1
                if frame.width * frame.height > settings.max_pixels:
                    raise ParseError(source, _too_large(f"{frame.width}×{frame.height} 像素", settings))
                frame.load()
                if min(frame.size) < settings.min_image_side:
                    continue
                dpi = frame.info.get("dpi", (settings.image_dpi, settings.image_dpi))[0] or settings.image_dpi
                try:
                    layout, noticed = image_page(frame.copy(), float(dpi), memo, settings)
                except Exception as exc:  # the models, the image work: this page is not read
                    failed[pages] = exc
                    pending = None
                    continue
                # a table row cut at the foot of a page is joined to its rest, as in a PDF
                pending = place(rows, layout, pages, pending, settings)
                if noticed:
                    notes[pages] = noticed
    except ParseError:
        raise
    except Image.DecompressionBombError as exc:
        size = re.search(r"\((\d+) pixels\)", str(exc))
        raise ParseError(source, _too_large(f"{int(size[1]):,} 像素" if size else "", settings)) from None
    except Exception as exc:  # PIL raises many kinds for a damaged or hostile image
        if pages > 1:  # the frames before it were read
            failed[pages] = exc
            return rows, notes, failed, pages
        raise ParseError(source, f"图片已损坏或无法读取（{type(exc).__name__}）") from None
    return rows, notes, failed, pages


def _too_large(size: str, settings: ReaderSettings) -> str:
    shown = f"{size}，" if size else ""
    return f"图片过大（{shown}上限为 {settings.max_pixels:,} 像素），已拒绝"
