"""Scans (PNG/JPEG, and PDF pages without a text layer) → grid, through OCR.

The OCR engine is RapidOCR on onnxruntime; its detection and recognition models ship inside
the ``rapidocr_onnxruntime`` wheel, so nothing is downloaded at run time. A page is deskewed,
its ruled lines found with morphological filters (long thin runs of dark pixels), and the
recognised text boxes are placed in the table cells with the same reconstruction as text-layer
PDFs (:mod:`jixiao.core.ingest.pdf`), in PDF points so the same tolerances apply. Every text
box recognised with a confidence below :data:`MIN_CONFIDENCE` becomes a warning naming the page
and the text, so a doubtful figure is flagged rather than silently trusted.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Row
from jixiao.core.ingest.pdf import _table_rows, _tables, _text_lines

__all__ = ["MAX_PIXELS", "MIN_CONFIDENCE", "image_rows", "read_image"]

#: Recognitions below this confidence are reported for checking.
MIN_CONFIDENCE = 0.80
#: Largest image accepted (pixels); a larger one is refused (decompression bombs).
MAX_PIXELS = 60_000_000


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def _deskew(gray: Any) -> Any:
    """Rotate the page so that its long rules are horizontal (scans are often tilted by <2°)."""
    import cv2
    import numpy as np

    edges = cv2.Canny(gray, 50, 150)
    lines = cv2.HoughLinesP(
        edges, 1, np.pi / 1800, threshold=200, minLineLength=gray.shape[1] // 3, maxLineGap=5
    )
    if lines is None:
        return gray
    angles = [
        np.degrees(np.arctan2(y2 - y1, x2 - x1))
        for x1, y1, x2, y2 in lines.reshape(-1, 4)
        if abs(np.degrees(np.arctan2(y2 - y1, x2 - x1))) < 5
    ]
    if not angles:
        return gray
    angle = float(np.median(angles))
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _rules(
    gray: Any, scale: float
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal and vertical ruled lines, in points."""
    import cv2

    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)
    h_lines: list[tuple[float, float, float]] = []
    v_lines: list[tuple[float, float, float]] = []
    height, width = gray.shape
    for kernel, out in (((max(width // 40, 20), 1), h_lines), ((1, max(height // 60, 20)), v_lines)):
        mask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, w, h = cv2.boundingRect(contour)
            if out is h_lines:
                out.append(((y + h / 2) * scale, x * scale, (x + w) * scale))
            else:
                out.append(((x + w / 2) * scale, y * scale, (y + h) * scale))
    return h_lines, v_lines


def image_rows(image: Any, page: int, dpi: float) -> tuple[list[Row], list[tuple[str, float]]]:
    """Rows of one page image, and the (text, confidence) of the doubtful recognitions."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY)
    gray = _deskew(gray)
    scale = 72.0 / dpi
    # Pages are upright once deskewed; the angle classifier would flip short boxes ("99%" → "%66").
    result, _ = _engine()(gray, use_cls=False)
    boxes = []
    doubtful = []
    for points, text, score in result or []:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        boxes.append(
            {
                "text": text,
                "x0": min(xs) * scale,
                "x1": max(xs) * scale,
                "top": min(ys) * scale,
                "bottom": max(ys) * scale,
            }
        )
        if float(score) < MIN_CONFIDENCE:
            doubtful.append((text, float(score)))
    h, v = _rules(gray, scale)
    items: list[tuple[float, list[str]]] = []
    for top, bottom in _tables(h, v):
        items += _table_rows(boxes, h, v, top, bottom)
    items += _text_lines([b for b in boxes if not b.get("_used")])
    items.sort(key=lambda item: item[0])
    return [Row(tuple(cells), n, page=page) for n, (_, cells) in enumerate(items, start=1)], doubtful


def read_image(data: bytes, source: str) -> tuple[list[Row], list[tuple[str, float]]]:
    """A PNG or JPEG scan.

    Raises:
        ParseError: not an image, too large, or damaged.
    """
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ParseError(source, f"图片过大（{image.width}×{image.height} 像素），已拒绝")
        image.load()
    except ParseError:
        raise
    except Exception as exc:  # PIL raises many kinds for a damaged or hostile image
        raise ParseError(source, f"图片已损坏或无法读取（{type(exc).__name__}）") from None
    dpi = image.info.get("dpi", (200, 200))[0] or 200
    return image_rows(image, 1, float(dpi))
