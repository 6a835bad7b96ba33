"""Align the cells of a data row with the columns of its header.

Published tables are rarely clean: a row may lose a leading blank cell, a header may miss a
column the data still has, or a whole row may sit a few cells to the right. Instead of trusting
positions, :func:`align` tries the plausible alignments (positional with small offsets, and
sequential with or without the header's empty columns) and keeps the one whose cells best fit
the type each column expects (an amount, a rate, points, a short value, a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from jixiao.core.numbers import D, NumberFormatError, is_placeholder

__all__ = ["AMOUNT", "DOTS", "POINTS", "PROSE", "RATE", "VALUE", "Alignment", "align", "fit", "points"]

#: What each field expects.
AMOUNT, RATE, POINTS, VALUE, PROSE = "amount", "rate", "points", "value", "prose"

DOTS = re.compile(r"^[.。…·、]+$")
_PROSE = re.compile(r"[，。；,;：:]")
_OFFSETS = range(-3, 4)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Which cell index feeds each field, how well it fits, and what was left over."""

    cells: Mapping[str, int]
    score: float
    leftover: tuple[int, ...]
    offset: int | None


def points(text: str | None) -> object:
    """Read a 分值/得分 cell: a number, allowing a trailing "分" ("100分")."""
    if text is None:
        return None
    return D(text[:-1] if text.endswith("分") else text)


def _number(text: str) -> tuple[bool, bool, object]:
    """(is a number, is a percentage, value)."""
    try:
        value = points(text)
    except NumberFormatError:
        return False, False, None
    return value is not None, text.rstrip().endswith(("%", "％")), value


@lru_cache(maxsize=65536)
def fit(kind: str, text: str | None) -> float:
    if text is None:
        return -0.3 if kind == VALUE else 0.0
    if is_placeholder(text) or DOTS.match(text):
        return 0.1 if kind in (POINTS, RATE) else -0.2
    is_num, is_pct, value = _number(text)
    if kind == AMOUNT:
        return 1.0 if is_num and not is_pct else -2.0 if is_pct else -3.0
    if kind == RATE:
        if is_pct:
            return 1.5
        if is_num:
            return 0.3 if 0 <= value <= 1.5 or value == 100 else -1.0
        return -3.0
    if kind == POINTS:
        if is_num and not is_pct:
            return 0.9 if 0 <= value <= 100 else -1.0
        return -2.0 if is_pct else -3.0
    prose = len(text) > 12 or bool(_PROSE.search(text))
    if kind == VALUE:
        return 0.1 if prose and len(text) > 20 else 0.5
    # PROSE
    return 0.6 if prose else (-0.5 if is_num or len(text) <= 3 else 0.2)


def align(
    texts: Sequence[str | None],
    header: Sequence[tuple[int, str | None]],
    kinds: Mapping[str, str],
    start: int,
    anchor: int | None = None,
    bonus: Callable[[Mapping[str, int]], float] | None = None,
) -> Alignment:
    """Find the best mapping of fields to cells.

    Args:
        texts: cleaned cell texts of the data row (``None`` = blank).
        header: ``(column, field or None)`` for the header columns after the row label, in
            order; ``None`` marks a header column with no known field.
        kinds: field → expected kind (amount, rate, points, value, prose).
        start: first cell index that may hold a value (after the row's label or name).
        anchor: the header column of the row's label (for label-relative offsets).
        bonus: optional score for a whole mapping (e.g. amounts agreeing with a printed rate).

    Returns:
        The best :class:`Alignment`.
    """
    end = len(texts)
    while end > start and texts[end - 1] is None:
        end -= 1
    filled = [i for i in range(start, end) if texts[i] is not None]
    candidates: list[tuple[dict[str, int], float, int | None]] = []
    natural = start - 1 - anchor if anchor is not None else 0
    if natural == 0:
        quick = _positional_if_clean(texts, header, kinds, start, end, filled, bonus)
        if quick is not None:
            return quick
    offsets = [natural, *(d for d in _OFFSETS if d != natural)]
    for d in offsets:
        mapping = {f: col + d for col, f in header if f is not None and start <= col + d < end}
        candidates.append((mapping, 0.15 * min(abs(d), abs(d - natural)), d))
    fields_full = [f for _, f in header]
    fields_compact = [f for f in fields_full if f is not None]
    for fields in (fields_full, fields_compact):
        for skip in range(3):
            cols = list(range(start + skip, end))
            if skip and any(texts[c] is not None for c in range(start, min(start + skip, end))):
                continue
            mapping = {f: c for f, c in zip(fields, cols, strict=False) if f is not None}
            candidates.append((mapping, 0.1 + 0.05 * skip, None))
    candidates.append((_sequence(texts, header, kinds, filled), 0.2, None))
    best: Alignment | None = None
    for mapping, penalty, d in candidates:
        used = set(mapping.values())
        score = sum(fit(kinds[f], texts[c]) for f, c in mapping.items()) - penalty
        leftover = tuple(i for i in filled if i not in used)
        score -= 2.0 * len(leftover)
        if bonus is not None:
            score += bonus(mapping)
        if best is None or score > best.score + 1e-9:
            best = Alignment(cells=mapping, score=score, leftover=leftover, offset=d)
    assert best is not None
    return _numbers_out_of_prose(best, texts, kinds)


def _positional_if_clean(
    texts: Sequence[str | None],
    header: Sequence[tuple[int, str | None]],
    kinds: Mapping[str, str],
    start: int,
    end: int,
    filled: list[int],
    bonus: Callable[[Mapping[str, int]], float] | None,
) -> Alignment | None:
    """The header's own positions, when the row sits under them and every cell fits its column."""
    mapping = {f: col for col, f in header if f is not None and start <= col < end}
    if not set(mapping.values()).issuperset(filled):
        return None
    score = 0.0
    for f, c in mapping.items():
        cell_fit = fit(kinds[f], texts[c])
        if cell_fit <= 0 and not (texts[c] is None and kinds[f] != VALUE):
            return None
        score += cell_fit
    if bonus is not None:
        b = bonus(mapping)
        if b < 0:
            return None
        score += b
    return Alignment(cells=mapping, score=score, leftover=(), offset=0)


def _sequence(
    texts: Sequence[str | None],
    header: Sequence[tuple[int, str | None]],
    kinds: Mapping[str, str],
    filled: list[int],
) -> dict[str, int]:
    """Order-preserving alignment of the filled cells to the header fields (dynamic programming).

    Blank cells may have been dropped (text copied from a PDF), so any field may be skipped;
    a cell may be left over at a cost. Each assignment scores by type fit.
    """
    fields = [f for _, f in header if f is not None]
    m, k = len(filled), len(fields)
    skip_cell = -2.0
    # best[i][j]: best score using the first i cells and the first j fields
    best = [[0.0] * (k + 1) for _ in range(m + 1)]
    move = [[0] * (k + 1) for _ in range(m + 1)]
    field_kinds = [kinds[f] for f in fields]
    blank = [fit(kind, None) for kind in field_kinds]
    for j in range(1, k + 1):  # the first row: fields skipped only
        best[0][j], move[0][j] = best[0][j - 1] + blank[j - 1], 2
    for i in range(1, m + 1):
        text = texts[filled[i - 1]]
        row, above = best[i], best[i - 1]
        moves = move[i]
        row[0], moves[0] = above[0] + skip_cell, 3
        for j in range(1, k + 1):
            # the first of the best options, in the order: assign, skip the field, skip the cell
            value, step = above[j - 1] + fit(field_kinds[j - 1], text), 1
            left = row[j - 1] + blank[j - 1]
            if left > value:
                value, step = left, 2
            up = above[j] + skip_cell
            if up > value:
                value, step = up, 3
            row[j], moves[j] = value, step
    mapping: dict[str, int] = {}
    i, j = m, k
    while i or j:
        step = move[i][j]
        if step == 1:
            mapping[fields[j - 1]] = filled[i - 1]
            i, j = i - 1, j - 1
        elif step == 2:
            j -= 1
        else:
            i -= 1
    return mapping


def _numbers_out_of_prose(
    found: Alignment, texts: Sequence[str | None], kinds: Mapping[str, str]
) -> Alignment:
    """A bare number never belongs in a sentence column: give it to a blank points column.

    (A header "得分 | 得分计算方法" over data "(blank) | 10" means the 10 is the score.)
    """
    cells = dict(found.cells)
    for f, c in found.cells.items():
        t = texts[c]
        if kinds[f] != PROSE or t is None:
            continue
        is_num, is_pct, _ = _number(t)
        if not is_num or is_pct:
            continue
        empty = [g for g in kinds if kinds[g] == POINTS and (g not in cells or texts[cells[g]] is None)]
        if empty:
            target = "score" if "score" in empty else empty[0]
            cells[target] = c
            del cells[f]
    if cells == found.cells:
        return found
    return Alignment(cells=cells, score=found.score, leftover=found.leftover, offset=found.offset)
