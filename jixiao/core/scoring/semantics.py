"""Indicator semantics: what a target asks for, and whether the actual meets it.

Reads the printed 年度指标值 and 实际完成值 (:func:`~jixiao.core.values.parse_value`) into
comparable numbers in one scale, decides the kind — 正向 (≥), 反向 (≤), 等于 (=), 定性, or
无法判断 — and, for qualitative rows, the tier the actual describes. It never guesses: when
target and actual cannot be compared, the kind is ``unknown`` and ``why`` says why.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.core.values import Op, Value, ValueKind, parse_value

__all__ = ["KIND_NAMES", "Semantics", "read_indicator", "tier_of"]

KIND_NAMES = {
    "positive": "正向",
    "negative": "反向",
    "equal": "等于",
    "qualitative": "定性",
    "unknown": "无法判断",
}
_MONEY = {"万元": ("元", Decimal(10000)), "亿元": ("元", Decimal(100_000_000)), "元": ("元", Decimal(1))}
_MONTHS = ("月", "月份", "月底", "月末")
_NUMERIC_KINDS = (ValueKind.QUANTITY, ValueKind.DEADLINE, ValueKind.TEXT_WITH_NUMBER)

_PARTIAL = re.compile(r"(基本|部分|较好|一般|尚可|^良$|^良好$|^中$)")
_MISSED = re.compile(r"^(未|不|没|无法)|^(差|较差|否|无)$|未达|未完成|不满意|不合格|不到位")
_MET = re.compile(
    r"(达成|完成|达到|实现|优|满意|及时|到位|覆盖|提升|提高|增强|减轻|缓解|改善|有效|明显|符合|满足|好|"
    r"正常|稳定|稳健|畅通|通畅|规范|保障|按时|按要求|按规定|每月|持续|全面|推进|积极|合格|是|降低|下降|平衡|安全)"
)


@dataclass(frozen=True, slots=True)
class Semantics:
    """How one indicator row reads.

    Attributes:
        kind: positive, negative, equal, qualitative or unknown.
        a: the target in the comparison scale (``None`` when not numeric).
        b: the actual in the same scale.
        shown_a: how to write A in a rule ("278.9").
        shown_b: how to write B in a rule ("273.86").
        tier: for qualitative rows, 达成 / 部分达成 / 未达成.
        why: for unknown rows, the reason; otherwise a remark on how the row was read.
    """

    kind: str
    a: Decimal | None = None
    b: Decimal | None = None
    shown_a: str = ""
    shown_b: str = ""
    tier: str | None = None
    why: str | None = None

    @property
    def met(self) -> bool | None:
        """Whether the actual meets the target (``None`` when it cannot be said)."""
        if self.kind == "qualitative":
            return self.tier == "达成" if self.tier else None
        if self.a is None or self.b is None:
            return None
        if self.kind == "negative":
            return self.b <= self.a
        if self.kind == "equal" and self.a == 0:
            return self.b <= 0
        return self.b >= self.a


def fmt(d: Decimal) -> str:
    """A Decimal as printed in a rule: no exponent, no trailing zeros.

    >>> fmt(Decimal("278.90")), fmt(Decimal("1E+4")), fmt(Decimal("0.50"))
    ('278.9', '10000', '0.5')
    """
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"


def tier_of(actual: str | None, target: str | None) -> str | None:
    """The qualitative tier an actual describes (``None`` when it cannot be read).

    >>> tier_of("基本达成目标", "完成目标"), tier_of("优", "优"), tier_of("未完成", "完成")
    ('部分达成', '达成', '未达成')
    """
    if not actual:
        return None
    if target and actual == target:
        return "达成"
    if _PARTIAL.search(actual):
        return "部分达成"
    if _MISSED.search(actual):
        return "未达成"
    if _MET.search(actual) or (target and (target in actual or actual in target)):
        return "达成"
    v = parse_value(actual)
    if v.kind == ValueKind.QUANTITY and v.unit == "%" and v.number is not None and v.number >= 100:
        return "达成"
    return None


def _base(v: Value) -> tuple[str | None, Decimal]:
    """Base unit and factor of a value ("万元" → ("元", 10000); "万人" → ("人", 10000))."""
    unit = v.unit
    factor = Decimal(v.multiplier)
    if unit in _MONEY:
        base, money = _MONEY[unit]
        return base, factor * money
    if unit is not None:
        for month in _MONTHS:
            if unit.startswith(month):
                return "月", factor
    return unit, factor


def _compatible(ua: str | None, ub: str | None) -> bool:
    if ua is None or ub is None or ua == ub:
        return True
    return ua.startswith(ub) or ub.startswith(ua)


def _kind(a: Value, level2: str | None) -> str:
    if a.kind == ValueKind.DEADLINE:
        return "negative"
    if a.op in (Op.GE, Op.GT):
        return "positive"
    if a.op in (Op.LE, Op.LT):
        return "negative"
    if a.op == Op.EQ:
        return "equal"
    unit, _ = _base(a)
    if unit == "月" and level2 == "时效指标":
        return "negative"
    return "positive"  # no sign: a quantity to reach


_NAME_SIGN = re.compile(r"(不超过|不高于|不多于|以内|≤|<=|不低于|不少于|≥|>=)")


@lru_cache(maxsize=32768)
def read_indicator(
    target: str | None, actual: str | None, level2: str | None = None, name: str | None = None
) -> Semantics:
    """Read a target/actual pair (cached: the same texts recur across forms).

    >>> s = read_indicator("278.9万", "273.86"); (s.kind, s.shown_a, s.shown_b, s.met)
    ('positive', '278.9', '273.86', False)
    >>> s = read_indicator("≥34万人", "344683人"); (s.kind, s.met)
    ('positive', True)
    >>> read_indicator("242202 人", "100%").kind
    'unknown'
    """
    a = parse_value(target)
    b = parse_value(actual)
    if a.kind == ValueKind.EMPTY:
        return Semantics("unknown", why="年度指标值空白")
    if a.text == "定性":
        # "定性" written in the value column: a qualitative target whose content is the name
        tier = tier_of(b.text, name) if b.kind != ValueKind.EMPTY else None
        if tier is None:
            return Semantics(
                "unknown", why=f"目标只写“定性”，无法从实际完成值“{b.text or '空白'}”判断完成档次"
            )
        return Semantics("qualitative", tier=tier)
    if a.op is None and a.kind in _NUMERIC_KINDS and name:
        # the sign is sometimes in the name: "购置费用不超过15.5万元" with target "15.5万元"
        m = _NAME_SIGN.search(name)
        if m:
            a = parse_value(m.group(1) + a.text)
    if a.kind == ValueKind.QUALITATIVE:
        if a.op is not None and b.kind != ValueKind.QUALITATIVE:
            return Semantics(
                "unknown", why=f"目标“{a.text}”有比较符号但没有数值，无法与“{b.text or '空白'}”比较"
            )
        if b.kind == ValueKind.EMPTY:
            return Semantics("qualitative", why="实际完成值空白")
        tier = tier_of(b.text, a.text)
        if tier is None:
            return Semantics("unknown", why=f"无法从实际完成值“{b.text}”判断定性指标的完成档次")
        return Semantics("qualitative", tier=tier)
    kind = _kind(a, level2)
    if b.kind == ValueKind.EMPTY:
        return Semantics(kind, why="实际完成值空白")
    if b.kind not in _NUMERIC_KINDS or b.number is None:
        tier = tier_of(b.text, a.text)
        if tier is not None:
            return Semantics(
                "qualitative", tier=tier, why=f"目标为数值，实际完成值为文字“{b.text}”，按定性判断"
            )
        return Semantics("unknown", why=f"目标“{a.text}”为数值，实际完成值“{b.text}”不是数值")
    ua, fa = _base(a)
    ub, fb = _base(b)
    if not _compatible(ua, ub):
        return Semantics("unknown", why=f"单位不一致：目标为“{ua}”，实际为“{ub}”")
    a_mag = a.number * fa  # type: ignore[operator]
    if b.unit is None and b.multiplier == 1 and fa != 1:
        # the actual is printed without unit: read it in the scale nearest the target
        same, base = b.number * fa, b.number  # type: ignore[operator]
        b_mag = same if _distance(same, a_mag) <= _distance(base, a_mag) else base
    else:
        b_mag = b.number * fb  # type: ignore[operator]
    if (b_mag == b.number * fa and fa == fb) or (b.unit is None and b_mag == b.number * fa):  # type: ignore[operator]
        shown_a, shown_b = fmt(a.number), fmt(b.number)  # type: ignore[arg-type]
    else:
        shown_a, shown_b = fmt(a_mag), fmt(b_mag)
    return Semantics(kind, a=a_mag, b=b_mag, shown_a=shown_a, shown_b=shown_b)


def _distance(x: Decimal, y: Decimal) -> float:
    if x <= 0 or y <= 0:
        return math.inf if x != y else 0.0
    return abs(math.log(float(x) / float(y)))
