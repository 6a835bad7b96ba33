"""Text lines of a scanned page: from the ink in ruled cells, from the detector elsewhere.

Inside the ruled tables, the text lines of each cell are found from the ink itself
(:func:`cell_lines`: the cells are the regions the rules enclose); the rest of the page
(titles, running text, tables without rules) goes to the text detector (:func:`detect`), on
the inked part of it scaled down to ``detect_dpi`` (it needs ~15 px a line, not 30), its lines
cut where they cross a cell border (:func:`cut_at_rules`). A glyph no detected line covers (a lone
"1" in a narrow column) gets a box of its own (:func:`missed`). Lines are trimmed to their
ink (a lone noise pixel is no ink) before recognition (:func:`crop`). Boxes here are in the
page's pixels.
"""

from __future__ import annotations

from typing import Any

from jixiao.core.ingest.ocr.models import Models
from jixiao.core.ingest.ruled import Edge
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings

__all__ = [
    "PxBox",
    "bands",
    "cell_lines",
    "crop",
    "detect",
    "missed",
    "runs",
    "table_areas",
    "text_like",
]

PxBox = tuple[int, int, int, int]  # x0, top, x1, bottom, in pixels


def detect(models: Models, page: Any, settings: ReaderSettings = DEFAULT_SETTINGS) -> Any:
    """Text line boxes (N, 4, 2) on a grayscale page, in its pixels.

    Only the parts of the page that have ink go to the detector: bands of rows with ink
    (scanner specks ignored) apart from each other by white, each cut to its inked columns and
    padded with white to the multiple of 32 the detector needs rather than stretched to it. A
    page whose tables were read from their cells leaves little more than its titles and
    running text.
    """
    import cv2
    import numpy as np

    ink = cv2.medianBlur(page, 3) < settings.ink_threshold
    least, pad = settings.detect_min_ink, settings.detect_pad
    rows = np.flatnonzero(ink.sum(axis=1) >= least)
    if not len(rows):
        return None
    breaks = np.flatnonzero(np.diff(rows) > settings.band_gap) + 1
    found = []
    for band in np.split(rows, breaks):
        top, bottom = max(int(band[0]) - pad, 0), int(band[-1]) + pad + 1
        columns = np.flatnonzero(ink[top:bottom].sum(axis=0) >= least)
        if not len(columns):
            continue
        left = max(int(columns[0]) - pad, 0)
        region = page[top:bottom, left : int(columns[-1]) + pad + 1]
        height, width = (-(-n // 32) * 32 for n in region.shape)
        pixels = np.full((1, 3, height, width), 1.0, dtype=np.float32)
        pixels[0, :, : region.shape[0], : region.shape[1]] = region.astype(np.float32) / 127.5 - 1.0
        detector = models.detect
        boxes, _ = detector.postprocess_op(detector.infer(pixels)[0], (height, width))
        boxes = detector.filter_tag_det_res(boxes, (height, width))
        if len(boxes):
            found.append(boxes + np.array([left, top], dtype=boxes.dtype))
    return np.concatenate(found) if found else None


def cut_at_rules(
    found: Any, shrink: float, v_rules: list[Edge], settings: ReaderSettings = DEFAULT_SETTINGS
) -> list[PxBox]:
    """Detected text boxes in page pixels, cut at the vertical rules they cross.

    The detector, working on a reduced page, sometimes runs the text of two neighbouring cells
    into one box ("全年预" + "全年执行数"); a box is never meant to cross a cell border.
    """
    import numpy as np

    margin = settings.cut_margin
    out: list[PxBox] = []
    for points in [] if found is None else found:
        x0, y0 = np.floor(points.min(axis=0) / shrink).astype(int)
        x1, y1 = np.ceil(points.max(axis=0) / shrink).astype(int)
        middle = (y0 + y1) / 2
        cuts = sorted(x for x, a, b in v_rules if x0 + margin < x < x1 - margin and a <= middle <= b)
        for left, right in zip([x0, *cuts], [*cuts, x1], strict=True):
            if right - left > settings.min_piece:
                out.append((max(int(left), 0), max(int(y0), 0), int(right), int(y1)))
    return out


def table_areas(
    v: list[Edge], spans: list[tuple[float, float]], scale: float, settings: ReaderSettings = DEFAULT_SETTINGS
) -> list[PxBox]:
    """The ruled tables of a page in pixels, from their extents ``spans`` in points (as
    :func:`~jixiao.core.ingest.ruled.table_spans` finds them) and the vertical rules ``v`` (points):
    from their leftmost to their rightmost vertical rule, from their top to their bottom rule.
    ``scale`` is points per pixel."""
    tol = settings.rule_tolerance
    out = []
    for top, bottom in spans:
        xs = [x for x, a, b in v if a >= top - tol and b <= bottom + tol]
        out.append(
            (int(min(xs) / scale), int(top / scale), int(max(xs) / scale) + 1, int(bottom / scale) + 1)
        )
    return out


def cell_lines(
    clean: Any, rules: Any, area: PxBox, settings: ReaderSettings = DEFAULT_SETTINGS
) -> tuple[list[PxBox], Any]:
    """The text lines inside the cells of one ruled table, found from the ink: their boxes
    (tight on the ink, in page pixels) and the mask (over ``area``) of the cells read.

    A cell is a connected region of the table that no rule crosses (``rules``: the page's rule
    pixels, widened), so merged cells come whole; a region open to the edge of the table (above
    its top rule, a row without a border) is not a cell and is left to the detector. In a cell,
    a line is a band of rows holding ink, split where the ink leaves a gap wider than twice the
    band's height (two pieces of text the detector would also have boxed apart). A band thinner
    than half a line of the table (the median height of its bands) is a piece of a glyph ("一",
    the strokes of "三") or a mark, and goes with the band next to it when the two make one line
    (:func:`bands`); ink of at most ``speck`` pixels is noise, and a thin run along a
    border is what is left of the rule. Unlike the detector's boxes, a line found this way keeps
    the full stop at its end.
    """
    import cv2
    import numpy as np

    x0, y0, x1, y1 = area
    free = (rules[y0:y1, x0:x1] == 0).astype(np.uint8)
    ink = clean[y0:y1, x0:x1] < settings.ink_threshold
    _, labels, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    left, top, width, height = (stats[:, k] for k in range(4))
    inside = (left > 0) & (top > 0) & (left + width < x1 - x0) & (top + height < y1 - y0)
    inside &= (width >= settings.min_piece) & (height >= settings.min_piece)
    inside[0] = False  # the rules
    cells = []
    for cell in np.flatnonzero(inside):
        cx, cy, cw, ch = (int(v[cell]) for v in (left, top, width, height))
        mine = ink[cy : cy + ch, cx : cx + cw] & (labels[cy : cy + ch, cx : cx + cw] == cell)
        if mine.sum() <= settings.speck:
            continue
        _, parts, pstats, _ = cv2.connectedComponentsWithStats(mine.astype(np.uint8), connectivity=8)
        pl, pt, pw, ph, pa = (pstats[:, k] for k in range(5))
        residue = (pl <= 1) | (pt <= 1) | (pl + pw >= cw - 1) | (pt + ph >= ch - 1)
        thin, ratio = settings.residue_width, settings.residue_ratio
        residue &= ((pw <= thin) | (ph <= thin)) & (np.maximum(pw, ph) > ratio * np.minimum(pw, ph))
        keep = (pa > settings.speck) & ~residue
        keep[0] = False
        if keep.any():
            mine = keep[parts]
            cells.append((cx, cy, mine, runs(np.flatnonzero(mine.any(axis=1)))))
    # The height of a line of text in this table: the median height of a run of inked rows.
    line = float(np.median([b - a for *_, inked in cells for a, b in inked])) if cells else 0.0
    out: list[PxBox] = []
    for cx, cy, mine, inked in cells:
        for a, b in bands(inked, line, settings):
            columns = np.flatnonzero(mine[a:b].any(axis=0))
            for piece in np.split(
                columns, np.flatnonzero(np.diff(columns) > settings.piece_gap * (b - a)) + 1
            ):
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


def runs(rows: Any) -> list[tuple[int, int]]:
    """Runs of consecutive row indexes: (first, last + 1)."""
    import numpy as np

    if not len(rows):
        return []
    breaks = np.flatnonzero(np.diff(rows) > 1) + 1
    return [(int(run[0]), int(run[-1]) + 1) for run in np.split(rows, breaks)]


def bands(
    runs: list[tuple[int, int]], line: float, settings: ReaderSettings = DEFAULT_SETTINGS
) -> list[tuple[int, int]]:
    """Lines of a cell from its runs of inked rows: a run thinner than half a ``line`` (a
    piece of a glyph: the strokes of "三", a mark) is joined to the run next to it when together
    they are no taller than a line."""
    bands = [list(run) for run in runs]
    merged = True
    while merged:
        merged = False
        for i, (a, b) in enumerate(bands):
            if b - a >= settings.thin_band * line:
                continue
            near = [(a - bands[i - 1][1], i - 1)] if i else []
            near += [(bands[i + 1][0] - b, i + 1)] if i + 1 < len(bands) else []
            for _, j in sorted(near):
                lo, hi = min(i, j), max(i, j)
                if bands[hi][1] - bands[lo][0] <= settings.band_join * line:
                    bands[lo : hi + 1] = [[bands[lo][0], bands[hi][1]]]
                    merged = True
                    break
            if merged:
                break
    return [(a, b) for a, b in bands]


def text_like(boxes: list[PxBox], settings: ReaderSettings = DEFAULT_SETTINGS) -> list[PxBox]:
    """The boxes that can hold text, padded for the crop: a box smaller than a third of the
    page's typical line both ways is a blot, not a character."""
    import numpy as np

    if not boxes:
        return []
    typical = float(np.median([y1 - y0 for _, y0, _, y1 in boxes]))
    out = []
    for x0, y0, x1, y1 in boxes:
        if max(x1 - x0, y1 - y0) < typical / settings.blot:
            continue
        pad = max(2, (y1 - y0) // settings.margin) + 1
        out.append((max(x0 - pad, 0), max(y0 - pad, 0), x1 + pad, y1 + pad))
    return out


def missed(
    clean: Any, boxes: list[PxBox], line_height: float, settings: ReaderSettings = DEFAULT_SETTINGS
) -> list[PxBox]:
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
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        (clean < settings.glyph_threshold).astype(np.uint8), connectivity=8
    )
    covered = np.zeros(clean.shape, dtype=bool)
    for x0, y0, x1, y1 in boxes:
        covered[y0:y1, x0:x1] = True
    x, y, w, h, area = stats[1:count].T
    sized = (
        (line_height / settings.blot <= h) & (h <= line_height) & (w <= settings.glyph_width * line_height)
    )
    sized &= (area >= settings.glyph_area) & (w >= 2)
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
                if glyph[0] - box[2] < settings.glyph_join * line_height
                and min(box[3], glyph[3]) - max(box[1], glyph[1]) > (glyph[3] - glyph[1]) / 2
            ),
            None,
        )
        if near is None:
            out.append(glyph)
        else:
            near[1:] = [min(near[1], glyph[1]), max(near[2], glyph[2]), max(near[3], glyph[3])]
    margin = max(2, round(line_height / settings.margin))
    return [(max(x0 - margin, 0), max(y0 - margin, 0), x1 + margin, y1 + margin) for x0, y0, x1, y1 in out]


def crop(gray: Any, box: PxBox, line_height: float, settings: ReaderSettings = DEFAULT_SETTINGS) -> Any:
    """The text line inside a box, trimmed to its ink with a small margin, upright: a box taller
    than wide and than two lines is a line written downwards (a lone "1" is not). Trimming makes
    the glyphs as tall as the recogniser's line."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = box
    line = gray[y0 : max(y1, y0 + 1), x0 : max(x1, x0 + 1)]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (line < settings.ink_threshold).astype(np.uint8), connectivity=8
    )
    if count > 1:
        stats = stats[1:]
        specks = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= settings.speck) + 1
        if len(specks):  # scanner noise, not a full stop: it would read as "：" or "，"
            line = line.copy()
            line[np.isin(labels, specks)] = 255
        tops, heights = stats[:, cv2.CC_STAT_TOP], stats[:, cv2.CC_STAT_HEIGHT]
        glyphs = heights >= settings.glyph_fraction * heights.max()
        band = tops[glyphs].min(), (tops + heights)[glyphs].max()
        # The line: its glyphs, and the marks beside them (points, commas), not a speck above or below.
        kept = (stats[:, cv2.CC_STAT_AREA] > settings.speck) & (tops < band[1]) & (tops + heights > band[0])
        if kept.any():
            left, width = stats[kept, cv2.CC_STAT_LEFT], stats[kept, cv2.CC_STAT_WIDTH]
            top, bottom = int(tops[kept].min()), int((tops + heights)[kept].max())
            margin = max(2, (bottom - top) // settings.margin)
            line = line[
                max(top - margin, 0) : bottom + margin,
                max(int(left.min()) - margin, 0) : int((left + width).max()) + margin,
            ]
    if (
        line.shape[0] >= settings.upright_ratio * line.shape[1]
        and line.shape[0] >= settings.upright_lines * line_height
    ):
        line = np.rot90(line)
    return line
