"""Printed numbers → ``Decimal``: one helper for every amount, rate and score.

Published forms print numbers in many ways: thousands separators ("11,208.44"), full-width
digits ("２０２５．４２"), percentages ("100%"), placeholders for "nothing" ("—", "——", "/", "-"),
and numbers split by a line wrap inside a cell ("0.90732 3", "14. 8"). Everything that reads
a number goes through :func:`D` so the rules live in one place. Never ``float`` for money.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = ["PLACEHOLDERS", "D", "NumberFormatError", "is_number", "is_placeholder", "rate"]

#: Cell texts that mean "no value" (blank, dashes, slashes, ellipses, 无).
PLACEHOLDERS = frozenset(
    {"", "-", "--", "—", "——", "–", "－", "/", "／", "\\", "…", "……", "...", "......", "无", "N/A"}
)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－＋", "0123456789.,%-+")
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class NumberFormatError(ValueError):
    """A cell that should hold a number holds something else."""


def is_placeholder(text: str | None) -> bool:
    """Whether a cell text means "no value".

    >>> is_placeholder("——"), is_placeholder(" "), is_placeholder("0")
    (True, True, False)
    """
    return text is None or _placeholder(text)


@lru_cache(maxsize=65536)
def _placeholder(text: str) -> bool:
    return _SPACES.sub("", text) in PLACEHOLDERS


def D(text: str | None) -> Decimal | None:
    """Read a printed number.

    Percentages become fractions, so that every rate in jixiao is a fraction (100% → 1).

    Args:
        text: the cell text as printed.

    Returns:
        The value, or ``None`` for a blank cell or a placeholder.

    Raises:
        NumberFormatError: the text is not a number.

    >>> D("2,025.42"), D("100%"), D("—"), D("0.90732 3"), D("１４. ８")
    (Decimal('2025.42'), Decimal('1'), None, Decimal('0.907323'), Decimal('14.8'))
    """
    if text is None:
        return None
    return _read(text)


@lru_cache(maxsize=65536)
def _read(text: str) -> Decimal | None:
    """:func:`D` of a text (a text that is not a number raises each time: errors are not kept)."""
    if is_placeholder(text):
        return None
    s = _SPACES.sub("", text.translate(_FULLWIDTH))
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    if _GROUPED.match(s):
        s = s.replace(",", "")
    if s.endswith(".") and s[:-1].isdigit():
        s = s[:-1]
    if not _NUMBER.match(s):
        raise NumberFormatError(f"不是数字：{text!r}")
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        raise NumberFormatError(f"不是数字：{text!r}") from None
    if percent:
        value = (value / 100).normalize() if value else Decimal(0)
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return value


def is_number(text: str | None) -> bool:
    """Whether ``text`` reads as a number (placeholders are not numbers).

    >>> is_number("10.00"), is_number("100%"), is_number("—"), is_number("10万")
    (True, True, False, False)
    """
    if is_placeholder(text):
        return False
    try:
        D(text)
    except NumberFormatError:
        return False
    return True


def rate(text: str | None) -> Decimal | None:
    """Read a cell of a 执行率 column as a fraction.

    A rate column sometimes drops the "%" sign ("100" for 100%): a bare number above 1.5 is
    then read as a percentage.

    >>> rate("28%"), rate("100"), rate("1"), rate("")
    (Decimal('0.28'), Decimal('1'), Decimal('1'), None)
    """
    value = D(text)
    if value is None:
        return None
    compact = _SPACES.sub("", (text or "").translate(_FULLWIDTH))
    if not compact.endswith("%") and value > Decimal("1.5"):
        value = (value / 100).normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return value
