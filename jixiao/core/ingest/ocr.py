"""Scans (PNG/JPEG, and PDF pages without a text layer) → grid, through OCR.

The OCR models are RapidOCR's PP-OCRv4 detector and recogniser run by onnxruntime; they ship
inside the ``rapidocr_onnxruntime`` wheel, so nothing is downloaded at run time. A page is
deskewed (the angle of its long ruled lines) and its ruled lines found with morphological
filters (long thin runs of dark pixels; a short stroke meeting no other rule is a "——" in a
cell, not a border). Inside the ruled tables, the text lines of each cell are found from the
ink itself (:func:`_cell_lines`: the cells are the regions the rules enclose); the rest of the
page (titles, running text, tables without rules) goes to the text detector, its lines cut
where they cross a cell border. Lines are trimmed to their ink (a lone noise pixel is no ink)
and recognised with the rules erased; a glyph no detected line covers (a lone "1" in a narrow
column) gets a box of its own (:func:`_missed`). The boxes are placed in the table cells with
the same reconstruction as text-layer PDFs (:mod:`jixiao.core.ingest.pdf`), in PDF points so the
same tolerances apply. Each cell is then read as the template must have printed it
(:func:`_reread`): a cell one character away from a label of the forms or of the 部门决算
tables (with the national classification names) is that label; a figure with a misread
separator is put right ("10.580.40" → "10,580.40"); a decimal point lost in a column of
amounts is restored (:func:`_lost_points`).

Every text box recognised with a confidence below :data:`MIN_CONFIDENCE` becomes a warning
naming the page and the text, so a doubtful figure is flagged rather than silently trusted;
nothing the detector found is dropped for a low score, and a figure re-read ("15：00" →
"15.00", "59011" → "590.11") is flagged too.

Speed (``benchmarks/format_accuracy.py``, one core) comes from doing less work, not from a
weaker model: the models' activations are fused (:mod:`jixiao.core.ingest.fuse`, same outputs);
the detector sees only what lies outside the ruled cells (most pages of these documents are
tables), on the inked part of that scaled down to :data:`DETECT_DPI` (it needs ~15 px a line,
not 30); lines are *recognised* :data:`LINE_HEIGHT` px high (running text
:data:`PROSE_LINE_HEIGHT`), several short lines side by side on one strip separated by white
(:func:`_recognise_at`), so the recogniser reads no padding; each recognised character is given
back to the line under its position on the strip. The recogniser's time grows with the square
of the line height, but lower is not better: at 24 px the running text of seed 004 read with a
quarter of its characters wrong (5% at 28 px), and squeezing lines sideways is as bad.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Row
from jixiao.core.ingest.pdf import Edge, PageLayout, _table_grid, _tables, _text_lines

__all__ = ["MAX_PIXELS", "MIN_CONFIDENCE", "Memo", "image_page", "image_rows", "read_image"]

#: Recognitions below this confidence are reported for checking.
MIN_CONFIDENCE = 0.80
#: Largest image accepted (pixels); a larger one is refused (decompression bombs).
MAX_PIXELS = 60_000_000
#: Resolution at which text lines are detected.
DETECT_DPI = 100
#: White rows (at :data:`DETECT_DPI`) that part two bands of a page for the detector.
_BAND_GAP = 24
#: Height (px) of a text line as the recogniser sees it.
LINE_HEIGHT = 28
#: Width (px) of one recognition strip: short lines are packed side by side up to this width.
STRIP_WIDTH = 640
#: Height (px) of a line of running text as the recogniser sees it.
PROSE_LINE_HEIGHT = 28
#: White between two lines packed on a strip, in line heights.
GAP = 0.5
#: A run of at most this many dark pixels in a line is scanner noise, not ink (a full stop
#: printed at 9 pt is 4 or more even at 150 dpi).
SPECK = 3
#: White kept around a line's ink in its crop, as a fraction (1/MARGIN) of the ink's height.
MARGIN = 8
#: A line longer than this many times its height is running text.
PROSE_RATIO = 10
#: Largest difference (grey levels, lines smoothed over 3 × 3) between two prints of one line
#: (:class:`Memo`).
SAME_LINE = 30.0


@dataclass(frozen=True)
class _Models:
    detect: Any  # RapidOCR's TextDetector: BGR image → boxes (N, 4, 2)
    recognise: Any  # onnxruntime session of the CTC recogniser
    alphabet: list[str]  # class index → character (0 is the CTC blank)


@cache
def _models() -> _Models:
    from rapidocr_onnxruntime import RapidOCR

    # JIXIAO_OCR_THREADS=1 runs the models and the image work on one core (a batch running one
    # process per core, or the benchmark's per-core figure); by default both use every core.
    threads = int(os.environ.get("JIXIAO_OCR_THREADS", "-1") or -1)
    if threads > 0:
        import cv2

        cv2.setNumThreads(threads)
    engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=threads)
    engine.text_det.infer.session = _fused(engine.text_det.infer.session, threads)
    return _Models(
        engine.text_det,
        _fused(engine.text_rec.session.session, threads),
        list(engine.text_rec.postprocess_op.character),
    )


def _fused(session: Any, threads: int) -> Any:
    """The same model with its activations fused (:mod:`jixiao.core.ingest.fuse`), or the
    session as it is when its model file cannot be read or has nothing to fuse."""
    import onnxruntime as ort

    from jixiao.core.ingest.fuse import fuse

    path = getattr(session, "_model_path", None)
    if not isinstance(path, str) or not os.path.isfile(path):
        return session
    with open(path, "rb") as file:
        model, fused = fuse(file.read())
    if not fused:
        return session
    options = ort.SessionOptions()
    options.log_severity_level = 3
    if threads > 0:
        options.intra_op_num_threads = options.inter_op_num_threads = threads
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def _skew(binary: Any) -> float:
    """Angle (degrees) of the page's long horizontal rules; 0 when it has none."""
    import cv2
    import numpy as np

    width = binary.shape[1]
    # A rule tilted by up to ~2° stays a run of ≥ width/60 dark pixels on each row it crosses.
    mask = cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(width // 60, 15), 1))
    )
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 5)))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    angles, weights = [], []
    for contour in contours:
        _, _, w, _ = cv2.boundingRect(contour)
        if w < width // 3:
            continue
        vx, vy, _, _ = cv2.fitLine(contour, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        angle = float(np.degrees(np.arctan2(vy, vx)))
        angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
        if abs(angle) < 5:
            angles.append(angle)
            weights.append(w)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def _binary(gray: Any) -> Any:
    import cv2

    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)


def _deskew(gray: Any) -> Any:
    """Rotate the page so that its long rules are horizontal (scans are often tilted by <2°)."""
    import cv2

    angle = _skew(_binary(gray))
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _rule_masks(gray: Any) -> tuple[Any, Any]:
    """Pixels of the horizontal and of the vertical ruled lines (long thin runs of dark pixels)."""
    import cv2

    binary = _binary(gray)
    height, width = gray.shape
    return tuple(  # type: ignore[return-value]
        cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        for kernel in ((max(width // 40, 20), 1), (1, max(height // 60, 20)))
    )


def _rules_and_strokes(masks: tuple[Any, Any]) -> tuple[list[Edge], list[Edge], list[Any]]:
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
        return any(
            a - 4 <= at <= b + 4 and (abs(pos - start) <= 4 or abs(pos - end) <= 4)
            for (pos, a, b), _ in others
        )

    kept = (
        [r[2] - r[1] >= width / 8 or meets(r, found[1]) for r, _ in found[0]],
        [r[2] - r[1] >= height / 12 or meets(r, found[0]) for r, _ in found[1]],
    )
    rules = [[r for (r, _), k in zip(f, ks, strict=True) if k] for f, ks in zip(found, kept, strict=True)]
    strokes = [c for f, ks in zip(found, kept, strict=True) for (_, c), k in zip(f, ks, strict=True) if not k]
    return rules[0], rules[1], strokes


def _rule_pixels(masks: tuple[Any, Any], strokes: list[Any]) -> Any:
    """The pixels of the ruled lines, widened by one pixel: what is erased before recognition.
    The strokes :func:`_rules_and_strokes` took for text (the "一" of "十一", a "——") stay."""
    import cv2
    import numpy as np

    out = masks[0] | masks[1]
    if strokes:
        cv2.drawContours(out, strokes, -1, 0, thickness=cv2.FILLED)
    return cv2.dilate(out, np.ones((3, 3), np.uint8))


Box = tuple[int, int, int, int]  # x0, top, x1, bottom, in pixels


def _detect(models: _Models, page: Any) -> Any:
    """Text line boxes (N, 4, 2) on a grayscale page, in its pixels.

    Only the parts of the page that have ink go to the detector: bands of rows with ink
    (scanner specks ignored) apart from each other by white, each cut to its inked columns and
    padded with white to the multiple of 32 the detector needs rather than stretched to it. A
    page whose tables were read from their cells leaves little more than its titles and
    running text.
    """
    import cv2
    import numpy as np

    ink = cv2.medianBlur(page, 3) < 160
    rows = np.flatnonzero(ink.sum(axis=1) >= 2)
    if not len(rows):
        return None
    breaks = np.flatnonzero(np.diff(rows) > _BAND_GAP) + 1
    found = []
    for band in np.split(rows, breaks):
        top, bottom = max(int(band[0]) - 16, 0), int(band[-1]) + 17
        columns = np.flatnonzero(ink[top:bottom].sum(axis=0) >= 2)
        if not len(columns):
            continue
        left = max(int(columns[0]) - 16, 0)
        region = page[top:bottom, left : int(columns[-1]) + 17]
        height, width = (-(-n // 32) * 32 for n in region.shape)
        pixels = np.full((1, 3, height, width), 1.0, dtype=np.float32)
        pixels[0, :, : region.shape[0], : region.shape[1]] = region.astype(np.float32) / 127.5 - 1.0
        detector = models.detect
        boxes, _ = detector.postprocess_op(detector.infer(pixels)[0], (height, width))
        boxes = detector.filter_tag_det_res(boxes, (height, width))
        if len(boxes):
            found.append(boxes + np.array([left, top], dtype=boxes.dtype))
    return np.concatenate(found) if found else None


def _boxes(found: Any, shrink: float, v_rules: list[Edge]) -> list[Box]:
    """Detected text boxes in page pixels, cut at the vertical rules they cross.

    The detector, working on a reduced page, sometimes runs the text of two neighbouring cells
    into one box ("全年预" + "全年执行数"); a box is never meant to cross a cell border.
    """
    import numpy as np

    out: list[Box] = []
    for points in [] if found is None else found:
        x0, y0 = np.floor(points.min(axis=0) / shrink).astype(int)
        x1, y1 = np.ceil(points.max(axis=0) / shrink).astype(int)
        middle = (y0 + y1) / 2
        cuts = sorted(x for x, a, b in v_rules if x0 + 3 < x < x1 - 3 and a <= middle <= b)
        for left, right in zip([x0, *cuts], [*cuts, x1], strict=True):
            if right - left > 4:
                out.append((max(int(left), 0), max(int(y0), 0), int(right), int(y1)))
    return out


def _table_areas(v: list[Edge], spans: list[tuple[float, float]], scale: float) -> list[Box]:
    """The ruled tables of a page in pixels, from their extents ``spans`` in points (as
    :func:`~jixiao.core.ingest.pdf._tables` finds them) and the vertical rules ``v`` (points):
    from their leftmost to their rightmost vertical rule, from their top to their bottom rule.
    ``scale`` is points per pixel."""
    out = []
    for top, bottom in spans:
        xs = [x for x, a, b in v if a >= top - 2 and b <= bottom + 2]
        out.append(
            (int(min(xs) / scale), int(top / scale), int(max(xs) / scale) + 1, int(bottom / scale) + 1)
        )
    return out


def _cell_lines(clean: Any, rules: Any, area: Box) -> tuple[list[Box], Any]:
    """The text lines inside the cells of one ruled table, found from the ink: their boxes
    (tight on the ink, in page pixels) and the mask (over ``area``) of the cells read.

    A cell is a connected region of the table that no rule crosses (``rules``: the page's rule
    pixels, widened), so merged cells come whole; a region open to the edge of the table (above
    its top rule, a row without a border) is not a cell and is left to the detector. In a cell,
    a line is a band of rows holding ink, split where the ink leaves a gap wider than twice the
    band's height (two pieces of text the detector would also have boxed apart). A band thinner
    than half a line of the table (the median height of its bands) is a piece of a glyph ("一",
    the strokes of "三") or a mark, and goes with the band next to it when the two make one line
    (:func:`_bands`); ink of at most :data:`SPECK` pixels is noise, and a thin run along a
    border is what is left of the rule. Unlike the detector's boxes, a line found this way keeps
    the full stop at its end.
    """
    import cv2
    import numpy as np

    x0, y0, x1, y1 = area
    free = (rules[y0:y1, x0:x1] == 0).astype(np.uint8)
    ink = clean[y0:y1, x0:x1] < 160
    _, labels, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    left, top, width, height = (stats[:, k] for k in range(4))
    inside = (left > 0) & (top > 0) & (left + width < x1 - x0) & (top + height < y1 - y0)
    inside &= (width >= 4) & (height >= 4)
    inside[0] = False  # the rules
    cells = []
    for cell in np.flatnonzero(inside):
        cx, cy, cw, ch = (int(v[cell]) for v in (left, top, width, height))
        mine = ink[cy : cy + ch, cx : cx + cw] & (labels[cy : cy + ch, cx : cx + cw] == cell)
        if mine.sum() <= SPECK:
            continue
        _, parts, pstats, _ = cv2.connectedComponentsWithStats(mine.astype(np.uint8), connectivity=8)
        pl, pt, pw, ph, pa = (pstats[:, k] for k in range(5))
        residue = (pl <= 1) | (pt <= 1) | (pl + pw >= cw - 1) | (pt + ph >= ch - 1)
        residue &= ((pw <= 3) | (ph <= 3)) & (np.maximum(pw, ph) > 4 * np.minimum(pw, ph))
        keep = (pa > SPECK) & ~residue
        keep[0] = False
        if keep.any():
            mine = keep[parts]
            cells.append((cx, cy, mine, _runs(np.flatnonzero(mine.any(axis=1)))))
    # The height of a line of text in this table: the median height of a run of inked rows.
    line = float(np.median([b - a for *_, runs in cells for a, b in runs])) if cells else 0.0
    out: list[Box] = []
    for cx, cy, mine, runs in cells:
        for a, b in _bands(runs, line):
            columns = np.flatnonzero(mine[a:b].any(axis=0))
            for piece in np.split(columns, np.flatnonzero(np.diff(columns) > 2 * (b - a)) + 1):
                rows = np.flatnonzero(mine[a:b, piece[0] : piece[-1] + 1].any(axis=1))
                out.append(
                    (
                        x0 + cx + int(piece[0]),
                        y0 + cy + a + int(rows[0]),
                        x0 + cx + int(piece[-1]) + 1,
                        y0 + cy + a + int(rows[-1]) + 1,
                    )
                )
    return out, inside[labels]


def _runs(rows: Any) -> list[tuple[int, int]]:
    """Runs of consecutive row indexes: (first, last + 1)."""
    import numpy as np

    if not len(rows):
        return []
    breaks = np.flatnonzero(np.diff(rows) > 1) + 1
    return [(int(run[0]), int(run[-1]) + 1) for run in np.split(rows, breaks)]


def _bands(runs: list[tuple[int, int]], line: float) -> list[tuple[int, int]]:
    """Lines of a cell from its runs of inked rows: a run thinner than half a ``line`` (a
    piece of a glyph: the strokes of "三", a mark) is joined to the run next to it when together
    they are no taller than a line."""
    bands = [list(run) for run in runs]
    merged = True
    while merged:
        merged = False
        for i, (a, b) in enumerate(bands):
            if b - a >= line / 2:
                continue
            near = [(a - bands[i - 1][1], i - 1)] if i else []
            near += [(bands[i + 1][0] - b, i + 1)] if i + 1 < len(bands) else []
            for _, j in sorted(near):
                lo, hi = min(i, j), max(i, j)
                if bands[hi][1] - bands[lo][0] <= 1.3 * line:
                    bands[lo : hi + 1] = [[bands[lo][0], bands[hi][1]]]
                    merged = True
                    break
            if merged:
                break
    return [(a, b) for a, b in bands]


def _text_like(boxes: list[Box]) -> list[Box]:
    """The boxes that can hold text, padded for the crop: a box smaller than a third of the
    page's typical line both ways is a blot, not a character."""
    import numpy as np

    if not boxes:
        return []
    typical = float(np.median([y1 - y0 for _, y0, _, y1 in boxes]))
    out = []
    for x0, y0, x1, y1 in boxes:
        if max(x1 - x0, y1 - y0) < typical / 3:
            continue
        pad = max(2, (y1 - y0) // MARGIN) + 1
        out.append((max(x0 - pad, 0), max(y0 - pad, 0), x1 + pad, y1 + pad))
    return out


def _missed(clean: Any, boxes: list[Box], line_height: float) -> list[Box]:
    """Boxes around the glyphs no detected line covers: the detector, working on a reduced page,
    passes over a lone narrow figure ("1" in a 栏次 row, a "10" in a narrow 分值 column).

    ``clean`` is the page with its rules erased; a glyph is a run of ink as tall as a third to
    all of a line (specks, rule ends and stamps are not); glyphs side by side on a line are one
    box.
    """
    import cv2
    import numpy as np

    if not boxes or line_height <= 0:
        return []
    count, _, stats, _ = cv2.connectedComponentsWithStats((clean < 128).astype(np.uint8), connectivity=8)
    covered = np.zeros(clean.shape, dtype=bool)
    for x0, y0, x1, y1 in boxes:
        covered[y0:y1, x0:x1] = True
    x, y, w, h, area = stats[1:count].T
    sized = (line_height / 3 <= h) & (h <= line_height) & (w <= 2 * line_height) & (area >= 12) & (w >= 2)
    x, y, w, h = x[sized], y[sized], w[sized], h[sized]
    alone = ~covered[y + h // 2, x + w // 2]
    glyphs = sorted(
        [int(left), int(top), int(left + wide), int(top + high)]
        for left, top, wide, high in zip(x[alone], y[alone], w[alone], h[alone], strict=True)
    )
    out: list[list[int]] = []
    for glyph in glyphs:
        near = next(
            (
                box
                for box in out
                if glyph[0] - box[2] < line_height / 2
                and min(box[3], glyph[3]) - max(box[1], glyph[1]) > (glyph[3] - glyph[1]) / 2
            ),
            None,
        )
        if near is None:
            out.append(glyph)
        else:
            near[1:] = [min(near[1], glyph[1]), max(near[2], glyph[2]), max(near[3], glyph[3])]
    margin = max(2, round(line_height / 8))
    return [(max(x0 - margin, 0), max(y0 - margin, 0), x1 + margin, y1 + margin) for x0, y0, x1, y1 in out]


def _crop(gray: Any, box: Box, line_height: float) -> Any:
    """The text line inside a box, trimmed to its ink with a small margin, upright: a box taller
    than wide and than two lines is a line written downwards (a lone "1" is not). Trimming makes
    the glyphs as tall as the recogniser's line."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = box
    line = gray[y0 : max(y1, y0 + 1), x0 : max(x1, x0 + 1)]
    count, labels, stats, _ = cv2.connectedComponentsWithStats((line < 160).astype(np.uint8), connectivity=8)
    if count > 1:
        stats = stats[1:]
        specks = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= SPECK) + 1
        if len(specks):  # scanner noise, not a full stop: it would read as "：" or "，"
            line = line.copy()
            line[np.isin(labels, specks)] = 255
        tops, heights = stats[:, cv2.CC_STAT_TOP], stats[:, cv2.CC_STAT_HEIGHT]
        glyphs = heights >= 0.4 * heights.max()
        band = tops[glyphs].min(), (tops + heights)[glyphs].max()
        # The line: its glyphs, and the marks beside them (points, commas), not a speck above or below.
        kept = (stats[:, cv2.CC_STAT_AREA] > SPECK) & (tops < band[1]) & (tops + heights > band[0])
        if kept.any():
            left, width = stats[kept, cv2.CC_STAT_LEFT], stats[kept, cv2.CC_STAT_WIDTH]
            top, bottom = int(tops[kept].min()), int((tops + heights)[kept].max())
            margin = max(2, (bottom - top) // MARGIN)
            line = line[
                max(top - margin, 0) : bottom + margin,
                max(int(left.min()) - margin, 0) : int((left + width).max()) + margin,
            ]
    if line.shape[0] >= 1.5 * line.shape[1] and line.shape[0] >= 2 * line_height:
        line = np.rot90(line)
    return line


class Memo:
    """The short lines already read in one document, as the recogniser saw them, so that a line
    printed again (a form's labels on every form, "0.00" down a 部门决算 column) is read once.

    A line is the same as one read before when, scaled to :data:`LINE_HEIGHT` and as wide (±1
    px), the two differ nowhere by more than :data:`SAME_LINE` grey levels once both are
    smoothed over 3 × 3 pixels and the better of their alignments within one pixel is taken. On
    the scanned seeds, lines printed alike differ by 20–45 there and lines printed differently
    ("46" and "48", "30208" and "30206") by 58 and more. A line the recogniser read in doubt is
    not reused: each of its copies is read on its own.
    """

    def __init__(self) -> None:
        # width → the smoothed images of that width (a buffer that doubles when full), how many
        # it holds, and their slots
        self._seen: dict[int, tuple[Any, int, list[int]]] = {}
        self.results: list[tuple[str, float] | None] = []

    def find(self, image: Any) -> int | None:
        """The slot of the line read before that ``image`` (LINE_HEIGHT high) is the same as."""
        import numpy as np

        smooth = _smooth(image)
        width = image.shape[1]
        for near in (width, width - 1, width + 1):
            if near not in self._seen:
                continue
            buffer, count, slots = self._seen[near]
            stack, common = buffer[:count], min(width, near)
            mean = np.abs(stack[:, :, :common] - smooth[:, :common]).mean(axis=(1, 2))
            for k in np.argsort(mean)[:3]:
                if mean[k] <= SAME_LINE / 2 and _same_line(smooth, stack[k]):
                    return slots[k]
        return None

    def add(self, image: Any) -> int:
        """A new slot for ``image``, to be filled with its reading."""
        import numpy as np

        self.results.append(None)
        slot = len(self.results) - 1
        smooth = _smooth(image)
        buffer, count, slots = self._seen.get(image.shape[1], (smooth[None], 0, []))
        if count == len(buffer):
            buffer = np.concatenate([buffer, np.empty_like(buffer)])
        buffer[count] = smooth
        self._seen[image.shape[1]] = (buffer, count + 1, [*slots, slot])
        return slot


def _smooth(image: Any) -> Any:
    """A line image in floats, smoothed over 3 × 3 pixels (:class:`Memo`)."""
    import cv2
    import numpy as np

    return cv2.blur(image.astype(np.float32), (3, 3))


def _same_line(a: Any, b: Any) -> bool:
    """Whether two smoothed line images are the same print (:class:`Memo`)."""
    import cv2
    import numpy as np

    width = min(a.shape[1], b.shape[1])
    a, b = a[:, :width], b[:, :width]
    if width < 6:
        return False
    for dx in (0, -1, 1):
        for dy in (0, -1, 1):
            shifted = np.roll(b, (dy, dx), axis=(0, 1))
            difference = cv2.blur(np.abs(a - shifted), (3, 3))[2:-2, 2:-2]
            if float(difference.max()) < SAME_LINE:
                return True
    return False


def _recognise(models: _Models, lines: list[Any], memo: Memo | None = None) -> list[tuple[str, float]]:
    """Text and confidence of each line image (grayscale, any size).

    Short lines (figures, labels, cells) are read at :data:`LINE_HEIGHT`; lines longer than
    :data:`PROSE_RATIO` times their height are running text, where context carries each glyph,
    and are read at :data:`PROSE_LINE_HEIGHT` (the recogniser's time is proportional to the
    pixels it reads; dense pages are mostly such lines). A short line already read in the
    document (``memo``) is not read again.
    """
    import cv2

    results: list[tuple[str, float] | None] = [None] * len(lines)
    prose = [line.shape[1] > PROSE_RATIO * line.shape[0] for line in lines]
    memo = memo if memo is not None else Memo()
    copies: list[tuple[int, int]] = []  # (line, memo slot) read as another line is
    fresh: list[tuple[int, int]] = []  # (line, memo slot) to read
    scaled: dict[int, Any] = {}  # short lines, LINE_HEIGHT high: as the recogniser reads them
    for i, line in enumerate(lines):
        if prose[i]:
            continue
        width = max(1, round(line.shape[1] * LINE_HEIGHT / max(line.shape[0], 1)))
        interpolation = cv2.INTER_AREA if line.shape[0] > LINE_HEIGHT else cv2.INTER_LINEAR
        scaled[i] = image = cv2.resize(line, (width, LINE_HEIGHT), interpolation=interpolation)
        slot = memo.find(image)
        if slot is None:
            fresh.append((i, memo.add(image)))
        else:
            copies.append((i, slot))
    for (i, slot), result in zip(
        fresh, _recognise_at(models, [scaled[i] for i, _ in fresh], LINE_HEIGHT), strict=True
    ):
        results[i] = memo.results[slot] = result
    chosen = [i for i, p in enumerate(prose) if p]
    for i, result in zip(
        chosen, _recognise_at(models, [lines[i] for i in chosen], PROSE_LINE_HEIGHT), strict=True
    ):
        results[i] = result
    # A lone glyph read as nothing or in doubt (a "1" in a narrow cell) is read again with more
    # white around it.
    again = [
        (i, slot)
        for i, slot in fresh
        if results[i][1] < MIN_CONFIDENCE and lines[i].shape[1] < 2 * lines[i].shape[0]  # type: ignore[index]
    ]
    retried = _recognise_at(models, [scaled[i] for i, _ in again], LINE_HEIGHT, 3 * LINE_HEIGHT)
    for (i, slot), result in zip(again, retried, strict=True):
        if result[1] > results[i][1]:  # type: ignore[index]
            results[i] = memo.results[slot] = result
    # A copy of a line read in doubt is read on its own: its print may be the clearer one.
    doubted = [i for i, slot in copies if (memo.results[slot] or ("", 0.0))[1] < MIN_CONFIDENCE]
    for i, result in zip(
        doubted, _recognise_at(models, [scaled[i] for i in doubted], LINE_HEIGHT), strict=True
    ):
        results[i] = result
    for i, slot in copies:
        if results[i] is None:
            results[i] = memo.results[slot]
    return [result or ("", 0.0) for result in results]


def _recognise_at(
    models: _Models, lines: list[Any], height: int, narrowest: int | None = None
) -> list[tuple[str, float]]:
    """Text and confidence of each line image, read ``height`` pixels high.

    Lines are scaled to ``height`` and packed side by side, widest first, on strips of
    :data:`STRIP_WIDTH` separated by ``height`` of white (a lone digit is centred in white as
    wide as it is high); a line wider than a strip has a strip of its own. Greedy CTC decoding
    gives each character the time step where it appears; the character belongs to the line under
    that step (characters in a gap are noise between lines and dropped). A line's confidence is
    the mean probability of its characters, as in PaddleOCR.
    """
    import cv2
    import numpy as np

    gap, narrowest = round(height * GAP), narrowest or height
    scaled = []
    for index, line in enumerate(lines):
        width = max(1, round(line.shape[1] * height / max(line.shape[0], 1)))
        interpolation = cv2.INTER_AREA if line.shape[0] > height else cv2.INTER_LINEAR
        image = cv2.resize(line, (width, height), interpolation=interpolation)
        if width < narrowest:  # a lone digit: time steps of white around it
            left = (narrowest - width) // 2
            image = cv2.copyMakeBorder(
                image, 0, 0, left, narrowest - width - left, cv2.BORDER_CONSTANT, value=255
            )
        scaled.append((index, image))
    scaled.sort(key=lambda item: -item[1].shape[1])
    strips: list[list[tuple[int, int, Any]]] = []  # each: (line index, x on the strip, image)
    ends: list[int] = []
    for index, image in scaled:
        width = image.shape[1]
        for n, end in enumerate(ends):
            if end + gap + width <= STRIP_WIDTH:
                strips[n].append((index, end + gap, image))
                ends[n] = end + gap + width
                break
        else:
            strips.append([(index, 0, image)])
            ends.append(width)
    results: list[tuple[str, float]] = [("", 0.0)] * len(lines)
    order = sorted(range(len(strips)), key=lambda n: ends[n])
    for start in range(0, len(order), 4):
        batch = order[start : start + 4]
        width = -(-max(ends[n] for n in batch) // 8) * 8 + 8
        pixels = np.full((len(batch), 3, height, width), 1.0, dtype=np.float32)
        for k, n in enumerate(batch):
            for _, x, image in strips[n]:
                pixels[k, :, :, x : x + image.shape[1]] = image.astype(np.float32) / 127.5 - 1.0
        predictions = models.recognise.run(None, {models.recognise.get_inputs()[0].name: pixels})[0]
        step = width / predictions.shape[1]
        labels, probabilities = predictions.argmax(axis=2), predictions.max(axis=2)
        for k, n in enumerate(batch):
            found: dict[int, list[tuple[str, float]]] = {index: [] for index, _, _ in strips[n]}
            previous = 0
            for t, label in enumerate(labels[k]):
                if label and label != previous:
                    centre = (t + 0.5) * step
                    for index, x, image in strips[n]:
                        if x - gap / 2 <= centre < x + image.shape[1] + gap / 2:
                            found[index].append((models.alphabet[label], float(probabilities[k, t])))
                            break
                previous = label
            for index, chars in found.items():
                text = "".join(c for c, _ in chars).strip()
                scores = [p for c, p in chars if c.strip()]
                results[index] = (text, sum(scores) / len(scores) if scores else 0.0)
    return results


@cache
def _template_words() -> dict[int, list[tuple[str, str]]]:
    """Labels of 4 or more characters, by length: (key, the label as printed)."""
    from jixiao.core.documents.vocab import ACCOUNTS_WORDS, TEMPLATE_WORDS
    from jixiao.core.text import key

    out: dict[int, list[tuple[str, str]]] = {}
    for word in dict.fromkeys(TEMPLATE_WORDS + ACCOUNTS_WORDS):
        if len(key(word)) >= 4:
            out.setdefault(len(key(word)), []).append((key(word), word))
    return out


def _one_off(read: str, word: str) -> bool:
    """Whether ``read`` is ``word`` with one character misread, lost ("一般公共服务支" for words of
    6 or more) or added ("科目代禾码"; not a digit, "产出指标1" is no misread "产出指标")."""
    if len(read) == len(word):
        return sum(x != y for x, y in zip(read, word, strict=True)) == 1
    if len(read) == len(word) + 1:
        return any(read[:i] + read[i + 1 :] == word and not read[i].isdigit() for i in range(len(read)))
    return len(word) >= 6 and len(read) == len(word) - 1 and _one_off(word, read)


def _exact(k: str) -> str | None:
    """The template label whose key is ``k``, as printed."""
    return next((word for word_key, word in _template_words().get(len(k), []) if word_key == k), None)


def _label(k: str) -> str | None:
    """The template label a cell's key is, exactly or with one character misread (unique)."""
    if exact := _exact(k):
        return exact
    words = [w for n in (len(k) - 1, len(k), len(k) + 1) for w in _template_words().get(n, [])]
    near = {word for word_key, word in words if _one_off(k, word_key)}
    return near.pop() if len(near) == 1 else None


#: What the OCR makes of the characters of an enumeration ("十一、", "（三）"): the numerals, and
#: the strokes they are misread as ("+" for 十, "—" for 一).
_NUMERAL_LIKE = frozenset("一二三四五六七八九十上土干千丁+＋—–-－_丨|lI（）()0123456789")
_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+|\d{1,2}|[(（][一二三四五六七八九十\d]{1,3}[)）])$")


def _enumerated(prefix: str, separator: str, label: str) -> str:
    """A label behind its enumeration: "九" → "九、label", "（三）" → "（三）label", "2" and "." →
    "2.label"; an enumeration misread beyond recognition ("十—", "二丨") is dropped."""
    if not _ENUMERATION.match(prefix):
        return label
    if prefix[0] in "(（":
        return prefix + label
    return f"{prefix}{'.' if prefix.isdigit() and separator.strip()[:1] in ('.', '．') else '、'}{label}"


#: What a decimal point or a thousands separator is read as, and stray stops after a figure.
_STOPS = ".,，。:：;；·"
_SEPARATOR = f"[{_STOPS}]"
_FIGURE = re.compile(
    rf"^(-?)(\d{{1,3}}(?:{_SEPARATOR}\d{{3}})+{_SEPARATOR}(?=\d\d$)|\d+{_SEPARATOR})(\d{{1,2}})$"
)
_TAGS = re.compile(r"^(?:<b>|b>|<b(?=[\d-]))|(?:<?/b>?|<)$")
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_STOPPED_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?%)[.,，。:：;；、]$")
_FIGURE_CHARACTERS = re.compile(rf"^[\dOo{_STOPS}-]*\d[\dOo{_STOPS}-]*$")


def _figure(cell: str) -> tuple[str, bool] | None:
    """A cell that is a figure as printed, or ``None``: bold tags read in part around it
    ("<b>590.11</b", "b>0.00/b>") and a stray stop after it ("0.00，", "100%：") are dropped; a misread
    separator is put right ("10.580.40", "11;229.01", "15：00" → "10,580.40", "11,229.01",
    "15.00") and so is an "O" among digits. Returns the text and whether a character of the
    figure itself was changed (then the figure is reported as doubtful)."""
    text = _TAGS.sub("", cell.strip()).strip()
    if percent := _STOPPED_PERCENT.match(text):
        return percent[1], False
    if not _FIGURE_CHARACTERS.match(text):
        return None
    digits = re.sub("[Oo]", "0", text)
    changed = digits != text
    if len(digits) > 1 and digits[-1] in _STOPS and _NUMBER.match(digits[:-1]):
        digits = digits[:-1]
    if match := _FIGURE.match(digits):
        figure = f"{match[1]}{re.sub(_SEPARATOR, ',', match[2][:-1])}.{match[3]}"
        return figure, changed or figure != digits
    return (digits, changed) if _NUMBER.match(digits) else None


_CLOSING_TAG = re.compile(r"<?[/／]b[>≥〉]?$")
_DOUBLED = re.compile(r"（\(|\(（|）\)|\)）")


def _reread(cell: str) -> tuple[str, bool]:
    """A cell as the template must have printed it.

    - A piece of a cell border read at either end ("|", "丨") is dropped.
    - A bracket read twice, once in each width ("目标1（(40分）"), is one bracket.
    - A bold tag printed around a cell's text and read in part ("<b>本年支出合计</b≥") is whole
      again, so that it is dropped as a tag.
    - A figure is put right (:func:`_figure`).
    - A label of 4 or more characters with one character misread is the label ("项自名称" →
      "项目名称", "卫牛健康支出" → "卫生健康支出") when no other label is as near, also behind an
      enumeration, whose misread numerals are then dropped ("十—、：城乡社区支出" →
      "城乡社区支出"; "九、卫牛健康支出" → "九、卫生健康支出").

    Returns the text and whether a figure was changed (to be reported as doubtful).
    """
    from jixiao.core.text import key

    cell = _DOUBLED.sub(lambda m: m.group()[-1], cell.strip().strip("|丨").strip())
    cell = _CLOSING_TAG.sub("</b>", cell) if cell.startswith("<b>") else cell
    if (figure := _figure(cell)) is not None:
        return figure
    k = key(cell)
    if len(k) < 4:
        return cell, False
    if word := _exact(k):
        return word, False  # as printed: "政府性基金预算：财政拨款", "对个人和家庭的补助，"
    # An enumeration before a label: "十一、", "（三）", misread or not.
    run = 0
    while run < min(len(cell), 5) and cell[run] in _NUMERAL_LIKE:
        run += 1
    for split in range(run, 0, -1):
        rest = cell[split:].lstrip("、，,.．。：:;； ")
        if len(key(rest)) >= 4 and (label := _label(key(rest))):
            return _enumerated(cell[:split], cell[split : len(cell) - len(rest)], label), False
    return (_label(k) or cell), False


_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.\d{2}$")
_BARE = re.compile(r"^[1-9]\d{2,}$")


def _lost_points(table: list[list[str]]) -> list[tuple[int, int]]:
    """(row, column) of the figures of a table whose decimal point the OCR lost ("59011" for
    "590.11"): the one whole number of 3 or more digits in a row with 2 or more amounts printed
    to the cent, standing in a column of such amounts (3 or more of them, one next to it). A
    row with two such whole numbers ("300", "320": an indicator's target and result) is left
    alone, and so is a column of codes."""

    def amounts(cells: list[str]) -> int:
        return sum(1 for cell in cells if _AMOUNT.match(cell))

    columns = [
        [row[c] if c < len(row) else "" for row in table] for c in range(max(map(len, table), default=0))
    ]
    out = []
    for r, cells in enumerate(table):
        if amounts(cells) < 2:
            continue
        found = [
            c
            for c, cell in enumerate(cells)
            if _BARE.match(cell)
            and amounts(columns[c]) >= 3
            and amounts([columns[c][n] for n in (r - 1, r + 1) if 0 <= n < len(table)])
        ]
        if len(found) == 1:
            out.append((r, found[0]))
    return out


def _read_table(rows: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """The cells of a table's rows re-read (:func:`_reread`, :func:`_lost_points`), and the cells
    as read of the figures changed."""
    read = [[_reread(cell) for cell in cells] for cells in rows]
    changed = [
        cell
        for cells, pairs in zip(rows, read, strict=True)
        for cell, (_, c) in zip(cells, pairs, strict=True)
        if c
    ]
    out = [[text for text, _ in pairs] for pairs in read]
    for r, c in _lost_points(out):
        changed.append(rows[r][c])
        out[r][c] = f"{out[r][c][:-2]}.{out[r][c][-2:]}"
    return out, changed


def image_rows(
    image: Any, page: int, dpi: float, memo: Memo | None = None
) -> tuple[list[Row], list[tuple[str, float]]]:
    """Rows of one page image, and the (text, confidence) of the doubtful recognitions.

    ``memo`` holds the lines read on the document's earlier pages (:class:`Memo`).
    """
    layout, doubtful = image_page(image, dpi, memo)
    return [
        Row(tuple(cells), n, page=page) for n, (_, cells, _) in enumerate(layout.items, start=1)
    ], doubtful


def image_page(
    image: Any, dpi: float, memo: Memo | None = None
) -> tuple[PageLayout, list[tuple[str, float]]]:
    """The rows of one page image in reading order, with the bands of its ruled tables (so
    that a table row cut at the foot of the page is joined to its rest on the next, as for
    text-layer pages), and the (text, confidence) of the doubtful recognitions."""
    import cv2
    import numpy as np

    gray = _deskew(cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY))
    models = _models()
    # Lines are recognised without the rules: a piece of a cell border in a crop reads as "[",
    # "|" or "1".
    masks = _rule_masks(gray)
    h_px, v_px, strokes = _rules_and_strokes(masks)
    ruled = _rule_pixels(masks, strokes)
    clean = gray.copy()
    clean[ruled > 0] = 255
    scale = 72.0 / dpi  # the rules in PDF points, so that the text-layer tolerances apply
    h = [(y * scale, a * scale, b * scale) for y, a, b in h_px]
    v = [(x * scale, a * scale, b * scale) for x, a, b in v_px]
    spans = _tables(h, v)
    # Text in ruled cells is found from the ink; the detector reads the rest of the page (with
    # the rules: they keep cells apart).
    rest, in_cells = gray, []
    for area in _table_areas(v, spans, scale):
        found, read = _cell_lines(clean, ruled, area)
        in_cells += found
        if rest is gray:
            rest = gray.copy()
        x0, y0, x1, y1 = area
        rest[y0:y1, x0:x1][read | (ruled[y0:y1, x0:x1] > 0)] = 255
    in_cells = _text_like(in_cells)
    shrink = min(1.0, DETECT_DPI / dpi)
    small = cv2.resize(rest, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA) if shrink < 1 else rest
    found_boxes = _boxes(_detect(models, small), shrink, v_px) + in_cells
    boxes = []
    doubtful = []
    line_height = float(np.median([y1 - y0 for _, y0, _, y1 in found_boxes])) if found_boxes else 0.0
    missed = _missed(clean, found_boxes, line_height)
    lines = [_crop(clean, box, line_height) for box in found_boxes + missed]
    for n, ((x0, y0, x1, y1), (text, score)) in enumerate(
        zip(found_boxes + missed, _recognise(models, lines, memo), strict=True)
    ):
        if not text or (n >= len(found_boxes) and score < MIN_CONFIDENCE):
            continue  # a mark the detector passed over and the recogniser cannot read: no text
        boxes.append(
            {"text": text, "x0": x0 * scale, "x1": x1 * scale, "top": y0 * scale, "bottom": y1 * scale}
        )
        if score < MIN_CONFIDENCE:
            doubtful.append((text, score))
    tables = [grid for top, bottom in spans if (grid := _table_grid(boxes, h, v, top, bottom))]
    for grid in tables:
        bands = [band for band in grid if any(band.cells)]
        cells, changed = _read_table([band.cells for band in bands])
        for band, row in zip(bands, cells, strict=True):
            band.cells = row
        doubtful += [(cell, 0.0) for cell in changed]
    lines = _text_lines([b for b in boxes if not b.get("_used")])
    cells, changed = _read_table([cells for _, cells in lines])
    doubtful += [(cell, 0.0) for cell in changed]
    return PageLayout.of(tables, [(at, row) for (at, _), row in zip(lines, cells, strict=True)]), doubtful


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
