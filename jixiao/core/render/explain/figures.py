"""The figures the explanation names and how it prints them.

A figure is a table cell, keyed ``(table number, path)`` as :meth:`Accounts.value` reads it;
:data:`PRIOR_KEYS` names the figures whose prior-year value the explanation uses. Amounts are
printed in 万元 with two decimals, percentages with one decimal, as published.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "EXPENSE",
    "FISCAL",
    "FISCAL_TYPES",
    "GENERAL",
    "GRAND",
    "INCOME",
    "PRIOR_KEYS",
    "SANGONG",
    "ZERO",
    "Key",
    "fmt_amount",
    "fmt_pct",
]

Key = tuple[str, str]

GRAND: Key = ("01", "income_grand_total")
INCOME: Key = ("01", "income_total")
EXPENSE: Key = ("01", "expense_total")
FISCAL: Key = ("04", "income_grand_total")
GENERAL: Key = ("05", "row:合计:本年支出小计")
FISCAL_TYPES = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
SANGONG: list[tuple[str, str]] = [
    ("total", "“三公”经费财政拨款支出"),
    ("abroad", "因公出国(境)费"),
    ("vehicle_total", "公务用车购置及运行费"),
    ("reception", "公务接待费"),
]
#: Every figure whose prior-year value the explanation uses, with the name users write it under.
PRIOR_KEYS: dict[Key, str] = {
    GRAND: "收支总计",
    INCOME: "收入合计",
    EXPENSE: "支出合计",
    FISCAL: "财政拨款收支总计",
    **{("04", f"income_rows.{t}"): f"{t}收入" for t in FISCAL_TYPES},
    GENERAL: "一般公共预算财政拨款支出",
    **{("09", f"actual.{k}"): name for k, name in SANGONG},
}
ZERO = Decimal(0)
_HUNDRED = Decimal(100)


def fmt_amount(value: Decimal) -> str:
    """An amount in 万元 as explanations print it: two decimals, 0 as "0"."""
    return "0" if value == 0 else f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):f}"


def fmt_pct(fraction: Decimal) -> str:
    """A fraction as a percentage with one decimal ("99.8%", "24%")."""
    text = f"{(fraction * _HUNDRED).quantize(Decimal('0.1'), ROUND_HALF_UP):f}"
    return f"{text.removesuffix('.0')}%"
