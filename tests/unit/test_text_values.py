"""Cell text cleaning and target/actual parsing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.text import clean, key, simplified
from jixiao.core.values import Op, ValueKind, parse_value

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("城 乡 居 民", "城乡居民"),
        ("年初预 算数", "年初预算数"),
        ("2.4335 77 万 元", "2.433577万元"),
        ("<b>总计</b>", "总计"),
        ("<p>目标1:</p> <p>目标2:</p>", "目标1:目标2:"),
        ("DRG DIP 试点", "DRG DIP试点"),
        ("", None),
        ("   ", None),
    ],
)
def test_clean_removes_inserted_whitespace_and_tags(raw: str, expected: str | None) -> None:
    assert clean(raw) == expected


def test_key_matches_traditional_fullwidth_and_punctuated_labels() -> None:
    assert key("項目資金（萬元）") == key("项目资金 (万元)") == "项目资金万元"
    assert key("其中：當年財政撥款") == "其中当年财政拨款"
    assert simplified("績效") == "绩效"


@pytest.mark.parametrize(
    ("text", "kind", "op", "number", "multiplier", "unit"),
    [
        ("≥85%", ValueKind.QUANTITY, Op.GE, "85", 1, "%"),
        (">=1375554人", ValueKind.QUANTITY, Op.GE, "1375554", 1, "人"),
        ("278.9万", ValueKind.QUANTITY, None, "278.9", 10000, None),
        ("≥34万人", ValueKind.QUANTITY, Op.GE, "34", 10000, "人"),
        ("≤12 万元", ValueKind.QUANTITY, Op.LE, "12", 1, "万元"),
        ("1亿元", ValueKind.QUANTITY, None, "1", 10000, "万元"),
        ("=100%", ValueKind.QUANTITY, Op.EQ, "100", 1, "%"),
        ("不超过 14.36184 万元", ValueKind.QUANTITY, Op.LE, "14.36184", 1, "万元"),
        ("90%以上", ValueKind.QUANTITY, Op.GE, "90", 1, "%"),
        ("≤1 年", ValueKind.QUANTITY, Op.LE, "1", 1, "年"),
        ("12 月前完成", ValueKind.DEADLINE, Op.LE, "12", 1, "月"),
        ("每人每月100元", ValueKind.TEXT_WITH_NUMBER, None, "100", 1, "元"),
        ("优", ValueKind.QUALITATIVE, None, None, 1, None),
        ("≤核定数", ValueKind.QUALITATIVE, Op.LE, None, 1, None),
        ("", ValueKind.EMPTY, None, None, 1, None),
    ],
)
def test_parse_value(text, kind, op, number, multiplier, unit) -> None:
    v = parse_value(text)

    assert (v.kind, v.op, v.multiplier, v.unit) == (kind, op, multiplier, unit)
    assert v.number == (Decimal(number) if number else None)


def test_magnitude_applies_multiplier() -> None:
    assert parse_value("≥34万人").magnitude == Decimal("340000")
