"""D(): every printed number goes through one helper."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.numbers import D, NumberFormatError, is_number, is_placeholder, rate

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,025.42", Decimal("2025.42")),
        ("11,208.44", Decimal("11208.44")),
        ("100%", Decimal("1")),
        ("28%", Decimal("0.28")),
        ("15.22%", Decimal("0.1522")),
        ("0.90732 3", Decimal("0.907323")),
        ("4477.07 4674", Decimal("4477.074674")),
        ("14. 8", Decimal("14.8")),
        ("２０２５．４２", Decimal("2025.42")),
        ("10.00", Decimal("10.00")),
        ("-3", Decimal("-3")),
        ("0%", Decimal("0")),
    ],
)
def test_D_reads_printed_numbers(text: str, expected: Decimal) -> None:
    assert D(text) == expected


@pytest.mark.parametrize("text", [None, "", "  ", "—", "——", "-", "/", "……", "无"])
def test_D_placeholders_are_none(text: str | None) -> None:
    assert D(text) is None
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["10万", "优", "1,2,3", "12月", "abc", "1.2.3"])
def test_D_rejects_non_numbers(text: str) -> None:
    with pytest.raises(NumberFormatError):
        D(text)
    assert not is_number(text)


def test_rate_reads_bare_percentages_in_rate_columns() -> None:
    assert rate("100") == Decimal("1")
    assert rate("99.8") == Decimal("0.998")
    assert rate("1") == Decimal("1")
    assert rate("0.95") == Decimal("0.95")
    assert rate("—") is None
