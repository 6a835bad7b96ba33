"""Printed 年度指标值 / 实际完成值 → comparable values.

A target is stored as comparison sign + number + unit (RULES.md §2: "计算符号 + 指标值 + 度量单位"),
or as qualitative text ("优", "达成", "有所提升"). Real forms print every variant: an explicit
sign or none ("≥85%", "100%"), words for the sign ("不低于", "不超过"), ASCII signs (">="),
a 万/亿 multiplier ("278.9万", "≥34万人"), deadlines ("12月前完成") and text around the number.

This module only *reads* what is printed; deciding whether a target was met is the scoring
engine's work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from jixiao.core.numbers import D, NumberFormatError
from jixiao.core.text import clean

__all__ = ["Op", "Value", "ValueKind", "parse_value"]


class Op(StrEnum):
    """Comparison sign of a target (指标性质)."""

    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="


class ValueKind(StrEnum):
    """What a printed value turned out to be."""

    QUANTITY = "quantity"  # [sign] number [unit], nothing else
    DEADLINE = "deadline"  # "12月前完成", "6月底前"
    TEXT_WITH_NUMBER = "text_with_number"  # "达成预期指标95%", "每人每月100元"
    QUALITATIVE = "qualitative"  # "优", "有所提升", "≤核定数"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed target or actual.

    Attributes:
        text: the printed text (cleaned).
        kind: see :class:`ValueKind`.
        op: the comparison sign, or ``None`` when none is printed.
        number: the number as printed (before the 万/亿 multiplier), or ``None``.
        multiplier: 10000 for 万, 100000000 for 亿 (not applied to 万元/亿元 amounts, whose
            unit is 万元), else 1.
        unit: the unit after the number ("%", "人", "万元", "元/人", "个月" …), or ``None``.
        words: the text around the number ("达成预期指标"), or the whole text when qualitative.
    """

    text: str
    kind: ValueKind
    op: Op | None = None
    number: Decimal | None = None
    multiplier: int = 1
    unit: str | None = None
    words: str | None = None

    @property
    def magnitude(self) -> Decimal | None:
        """The number with its 万/亿 multiplier applied (percentages stay in percent)."""
        if self.number is None:
            return None
        return self.number * self.multiplier


_OPS = [
    (re.compile(r"^(≥|>=|＞=|≧|不低于|不少于|不小于|大于等于|至少)"), Op.GE),
    (re.compile(r"^(≤|<=|＜=|≦|不超过|不高于|不多于|不大于|小于等于|最多|控制在)"), Op.LE),
    (re.compile(r"^(>|＞|大于|高于|超过)"), Op.GT),
    (re.compile(r"^(<|＜|小于|低于)"), Op.LT),
    (re.compile(r"^(=|＝|等于)"), Op.EQ),
]
_NUM = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?")
_DEADLINE = re.compile(r"^(\d{1,2})月(?:底|末|份)?(?:前|以前|之前)")
_SUFFIX_OPS = [(re.compile(r"(以上|及以上)$"), Op.GE), (re.compile(r"(以下|及以下|以内)$"), Op.LE)]
_MAX_UNIT = 6


def _sign(text: str) -> tuple[Op | None, str]:
    for pattern, op in _OPS:
        m = pattern.match(text)
        if m:
            return op, text[m.end() :]
    return None, text


@lru_cache(maxsize=65536)
def parse_value(text: str | None) -> Value:
    """Read a printed target or actual.

    Args:
        text: the cell text (cleaned or not).

    Returns:
        A :class:`Value`; never raises. Cached: the same texts recur across forms.

    >>> v = parse_value("≥34万人"); (v.op, v.number, v.multiplier, v.unit, v.kind.value)
    (<Op.GE: '≥'>, Decimal('34'), 10000, '人', 'quantity')
    >>> v = parse_value("≤ 2689.5 万元"); (v.op, v.number, v.unit)
    (<Op.LE: '≤'>, Decimal('2689.5'), '万元')
    >>> parse_value("12 月前完成").kind.value, parse_value("优").kind.value
    ('deadline', 'qualitative')
    """
    t = clean(text)
    if t is None:
        return Value(text="", kind=ValueKind.EMPTY)
    op, rest = _sign(t)
    if op is None:
        for pattern, suffix_op in _SUFFIX_OPS:
            if pattern.search(rest):
                op, rest = suffix_op, pattern.sub("", rest)
                break
    m = _DEADLINE.match(rest)
    if m:
        return Value(
            text=t,
            kind=ValueKind.DEADLINE,
            op=op or Op.LE,
            number=Decimal(m.group(1)),
            unit="月",
            words=rest[m.end() :] or None,
        )
    m = _NUM.search(rest)
    if not m:
        return Value(text=t, kind=ValueKind.QUALITATIVE, op=op, words=rest or None)
    try:
        number = D(m.group(0))
    except NumberFormatError:  # pragma: no cover - the regex admits only numbers
        return Value(text=t, kind=ValueKind.QUALITATIVE, op=op, words=t)
    before, after = rest[: m.start()], rest[m.end() :]
    if op is None and before:
        # a sign standing right before the number inside words: "上访率≤1%"
        for pattern, inner in _OPS:
            tail = pattern.pattern.lstrip("^")
            found = re.search(f"{tail}$", before)
            if found:
                op, before = inner, before[: found.start()]
                break
    multiplier = 1
    if after.startswith("亿") and not after.startswith("亿元"):
        multiplier, after = 100_000_000, after[1:]
    elif after.startswith("万") and not after.startswith("万元"):
        multiplier, after = 10_000, after[1:]
    elif after.startswith("亿元"):
        multiplier, after = 10_000, "万元" + after[2:]
    unit = after or None
    if before or (unit is not None and len(unit) > _MAX_UNIT):
        return Value(
            text=t,
            kind=ValueKind.TEXT_WITH_NUMBER,
            op=op,
            number=number,
            multiplier=multiplier,
            unit=unit,
            words=(before + "…" + after).strip("…") or None,
        )
    return Value(text=t, kind=ValueKind.QUANTITY, op=op, number=number, multiplier=multiplier, unit=unit)
