"""The geometry of a scanned page: binarised, deskewed, its ruled lines found.

A page is deskewed by the angle of its long ruled lines, and its ruled lines found with
morphological filters (long thin runs of dark pixels); a short stroke meeting no other rule is
a "——" in a cell, not a border. The rules are erased before recognition (a piece of a cell
border in a crop reads as "[", "|" or "1"), except the strokes taken for text.
"""

from __future__ import annotations

from typing import Any

from jixiao.core.ingest.ruled import Edge
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings

__all__ = ["deskew", "rule_masks", "rule_pixels", "rules_and_strokes"]


def _skew(binary: Any, settings: ReaderSettings) -> float:
    """Angle (degrees) of the page's long horizontal rules; 0 when it has none."""
    import cv2
    import numpy as np

    width = binary.shape[1]
    # A rule tilted by up to ~2° stays a run of ≥ width/60 dark pixels on each row it crosses.
    kernel = (max(width // settings.skew_kernel, settings.min_skew_kernel), 1)
    mask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 5)))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    angles, weights = [], []
    for contour in contours:
        _, _, w, _ = cv2.boundingRect(contour)
        if w < width // settings.skew_rule_share:
            continue
        vx, vy, _, _ = cv2.fitLine(contour, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        angle = float(np.degrees(np.arctan2(vy, vx)))
        angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
        if abs(angle) < settings.max_skew:
            angles.append(angle)
            weights.append(w)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def _binary(gray: Any, settings: ReaderSettings) -> Any:
    """Dark pixels (255) of a grayscale page: darker than their neighbourhood's mean."""
    import cv2

    block, offset = settings.binary_block, settings.binary_offset
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, offset)


def deskew(gray: Any, settings: ReaderSettings = DEFAULT_SETTINGS) -> Any:
    """Rotate the page so that its long rules are horizontal (scans are often tilted by <2°)."""
    import cv2

    angle = _skew(_binary(gray, settings), settings)
    if abs(angle) < settings.min_skew:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def rule_masks(gray: Any, settings: ReaderSettings = DEFAULT_SETTINGS) -> tuple[Any, Any]:
    """Pixels of the horizontal and of the vertical ruled lines (long thin runs of dark pixels)."""
    import cv2

    binary = _binary(gray, settings)
    height, width = gray.shape
    least = settings.min_rule_kernel
    kernels = (
        (max(width // settings.h_rule_kernel, least), 1),
        (1, max(height // settings.v_rule_kernel, least)),
    )
    return tuple(  # type: ignore[return-value]
        cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        for kernel in kernels
    )


def rules_and_strokes(
    masks: tuple[Any, Any], settings: ReaderSettings = DEFAULT_SETTINGS
) -> tuple[list[Edge], list[Edge], list[Any]]:
    """Horizontal and vertical ruled lines, in pixels, and the outlines of the strokes in the
    masks that are text, not rules.

    A short stroke that meets no rule of the other direction is text, not a cell border: a
    "——" placeholder or a "一" in a cell would otherwise split a row of the table in two.
    """
    import cv2

    found: list[list[tuple[Edge, Any]]] = [[], []]
    for mask, out, horizontal in zip(masks, found, (True, False), strict=True):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, w, h = cv2.boundingRect(contour)
            out.append(((y + h / 2, x, x + w) if horizontal else (x + w / 2, y, y + h), contour))
    height, width = masks[0].shape

    def meets(rule: Edge, others: list[tuple[Edge, Any]]) -> bool:
        at, start, end = rule
        near = settings.rule_meeting
        return any(
            a - near <= at <= b + near and (abs(pos - start) <= near or abs(pos - end) <= near)
            for (pos, a, b), _ in others
        )

    kept = (
        [r[2] - r[1] >= width / settings.h_rule_share or meets(r, found[1]) for r, _ in found[0]],
        [r[2] - r[1] >= height / settings.v_rule_share or meets(r, found[0]) for r, _ in found[1]],
    )
    rules = [[r for (r, _), k in zip(f, ks, strict=True) if k] for f, ks in zip(found, kept, strict=True)]
    strokes = [c for f, ks in zip(found, kept, strict=True) for (_, c), k in zip(f, ks, strict=True) if not k]
    return rules[0], rules[1], strokes


def rule_pixels(masks: tuple[Any, Any], strokes: list[Any]) -> Any:
    """The pixels of the ruled lines, widened by one pixel: what is erased before recognition.
    The strokes :func:`rules_and_strokes` took for text (the "一" of "十一", a "——") stay."""
    import cv2
    import numpy as np

    out = masks[0] | masks[1]
    if strokes:
        cv2.drawContours(out, strokes, -1, 0, thickness=cv2.FILLED)
    return cv2.dilate(out, np.ones((3, 3), np.uint8))
