"""The scoring engine: recompute a form under a rule profile, beside what it prints.

Every computed number carries its rule as a formula with the real inputs (the trace), so the
CLI, the web app and the reports all say the same thing:

    产出指标/数量指标/参保人数 [等于, 目标 278.9万, 完成 273.86] 20 × 273.86 ÷ 278.9 = 19.64（填报 18）

Rules are those of ``docs/scoring.md``; their values come from the profile
(:class:`~jixiao.core.scoring.profile.Rules`). Nothing printed is changed: a difference is
reported as printed vs computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from jixiao.core.enums import FormKind
from jixiao.core.model import Form, Indicator
from jixiao.core.scoring.profile import Profile, Rules
from jixiao.core.scoring.semantics import KIND_NAMES, Semantics, fmt, read_indicator

__all__ = ["FormScore", "IndicatorScore", "LineScore", "score_form"]

_ONE = Decimal(1)
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class LineScore:
    """The budget row or the total: printed beside computed, with the rule."""

    printed: Decimal | None
    computed: Decimal | None
    rule: str
    weight: Decimal | None = None


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """One indicator recomputed.

    The rule text is built on demand from ``formula`` and the inputs, so scoring thousands of
    forms does not pay for strings nobody reads.
    """

    indicator: Indicator
    kind: str
    printed: Decimal | None
    computed: Decimal | None
    semantics: Semantics
    formula: str
    band: tuple[Decimal, Decimal] | None = None
    tier_top: bool = False

    @property
    def met(self) -> bool | None:
        """Whether the actual meets the target."""
        return self.semantics.met

    @property
    def rule(self) -> str:
        """The rule with its inputs and result, e.g. "20 × 273.86 ÷ 278.9 = 19.64"."""
        return _describe(self)

    def trace(self) -> str:
        """One line a finance officer can read: path, kind and inputs, formula, printed."""
        ind = self.indicator
        inputs = [KIND_NAMES[self.kind]]
        if ind.target:
            inputs.append(f"目标 {ind.target}")
        if ind.actual:
            inputs.append(f"完成 {ind.actual}")
        printed = "（填报空白）" if self.printed is None else f"（填报 {fmt(self.printed)}）"
        return f"{ind.path} [{', '.join(inputs)}] {self.rule}{printed}"


def _describe(s: IndicatorScore) -> str:
    sem, w = s.semantics, s.indicator.weight
    sa, sb = sem.shown_a, sem.shown_b
    value = s.computed
    formula = s.formula
    if formula == "unknown":
        return f"无法计分：{sem.why}"
    if formula == "no_weight":
        return "表中未列该指标分值，无法计分"
    if formula == "no_tier":
        return f"无法计分：{sem.why or '未能判断完成档次'}"
    wf = fmt(w) if w is not None else "?"
    if formula == "met":
        relation = "≤" if s.kind == "negative" else "≥"
        return f"{sb} {relation} {sa}，达成，得满分 {value}"
    if formula == "ratio_pos":
        return f"{wf} × {sb} ÷ {sa} = {value}"
    if formula == "ratio_neg":
        return f"{wf} × {sa} ÷ {sb} = {value}"
    if formula == "linear":
        return f"{wf} × (1 − ({sb} − {sa}) ÷ {sa}) = {value}"
    if formula == "zero":
        return f"目标 {sa}，完成 {sb}：未达成，得 0"
    # qualitative
    low, high = s.band or (None, None)
    band = f"[{low}, {high}{']' if s.tier_top else ')'}"
    printed = s.printed
    if printed is None:
        how = "填报空白，取" + ("上限" if s.tier_top else "下限")
    elif value is not None and printed < value:
        how = f"填报 {fmt(printed)} 低于本档，取下限"
    elif value is not None and printed > value:
        how = f"填报 {fmt(printed)} 高于本档，取上限"
    else:
        how = f"填报 {fmt(printed)} 在本档内"
    return f"定性·{sem.tier}：分值区间 {band}，{how} = {value}"


@dataclass(frozen=True, slots=True)
class FormScore:
    """A form recomputed under one profile."""

    form: Form
    rules: Rules
    budget: LineScore | None
    indicators: tuple[IndicatorScore, ...]
    total: LineScore
    grade_computed: str | None
    grade_printed_total: str | None
    rate: Decimal | None
    constraint: str | None = None

    @property
    def profile(self) -> str:
        """The profile's name."""
        return self.rules.profile


def _q(value: Decimal, rules: Rules) -> Decimal:
    return value.quantize(rules.quantum, rounding=ROUND_HALF_UP)


def _budget(form: Form, rules: Rules) -> tuple[LineScore | None, Decimal | None]:
    funds = form.funds
    total = funds.total if funds else None
    if total is None:
        return None, None
    weight = total.weight if total.weight is not None else rules.budget_weight
    budget = None
    column = None
    for name in rules.budget_columns:
        value = getattr(total, name, None)
        if value is not None:
            budget, column = value, name
            break
    executed = total.executed
    label = {"annual_budget": "全年预算数", "initial_budget": "年初预算数"}.get(column or "", "预算数")
    if executed is None:
        return LineScore(total.score, None, "全年执行数空白，无法计算执行率", weight), None
    if not budget:
        why = f"{label}为0或空白，无法计算执行率（全年执行数 {fmt(executed)}）"
        return LineScore(total.score, None, why, weight), None
    exact = executed / budget
    rate = exact
    shown = f"{fmt(executed)} ÷ {fmt(budget)}"
    if rules.rate_rounding == "percent":
        rate = (exact * _HUNDRED).quantize(_ONE, rounding=ROUND_HALF_UP) / _HUNDRED
        if rate != exact:
            shown = (
                f"{shown} = {fmt((exact * _HUNDRED).quantize(Decimal('0.01')))}% → {fmt(rate * _HUNDRED)}%"
            )
    score = _q(weight * min(rate, _ONE), rules)
    return LineScore(total.score, score, f"{fmt(weight)} × min({shown}, 1) = {score}", weight), rate


def _indicator(ind: Indicator, rules: Rules) -> IndicatorScore:
    sem = read_indicator(ind.target, ind.actual, ind.level2, ind.name)
    w = ind.weight
    kind = sem.kind
    if kind == "unknown":
        return IndicatorScore(ind, kind, ind.score, None, sem, "unknown")
    if w is None:
        return IndicatorScore(ind, kind, ind.score, None, sem, "no_weight")
    if kind == "qualitative":
        return _qualitative(ind, sem, w, rules)
    a, b = sem.a, sem.b
    if a is None or b is None:
        return IndicatorScore(ind, kind, ind.score, None, sem, "unknown")
    quantum = rules.quantum
    if sem.met:
        return IndicatorScore(ind, kind, ind.score, w.quantize(quantum, ROUND_HALF_UP), sem, "met")
    if kind == "negative":
        if rules.negative_formula == "linear" and a:
            value, formula = w * (_ONE - (b - a) / a), "linear"
        elif b == 0 or a == 0:
            value, formula = _ZERO, "zero"
        else:
            value, formula = w * a / b, "ratio_neg"
    elif a == 0:
        value, formula = _ZERO, "zero"
    else:
        value, formula = w * b / a, "ratio_pos"
    if value > w:
        value = w
    elif value < 0:
        value = _ZERO
    return IndicatorScore(ind, kind, ind.score, value.quantize(quantum, ROUND_HALF_UP), sem, formula)


@lru_cache(maxsize=4096)
def _band(w: Decimal, low: Decimal, high: Decimal, quantum: Decimal) -> tuple[Decimal, Decimal]:
    return (w * low).quantize(quantum, ROUND_HALF_UP), (w * high).quantize(quantum, ROUND_HALF_UP)


def _qualitative(ind: Indicator, sem: Semantics, w: Decimal, rules: Rules) -> IndicatorScore:
    tier = rules.tier(sem.tier)
    if tier is None:
        return IndicatorScore(ind, "qualitative", ind.score, None, sem, "no_tier")
    low, high = _band(w, tier.low, tier.high, rules.quantum)
    top = tier.high == _ONE
    printed = ind.score
    if printed is None:
        value = high if top else low
    elif printed < low:
        value = low
    elif printed > high or (not top and printed >= high):
        value = high
    else:
        value = _q(printed, rules)
    return IndicatorScore(ind, "qualitative", printed, value, sem, "qualitative", (low, high), top)


def _constraint(form: Form) -> tuple[Decimal, str | None]:
    rows = [i for i in form.indicators if i.level1 == "约束性指标"]
    deduction = sum((abs(i.score) for i in rows if i.score), _ZERO)
    if not rows:
        return _ZERO, None
    if deduction:
        return deduction, f"约束性指标扣 {fmt(deduction)} 分"
    return _ZERO, "约束性指标未扣分"


def score_form(form: Form, profile: Profile | Rules) -> FormScore:
    """Recompute a form under a profile (a :class:`Profile` or rules already resolved).

    Completion tables (绩效完成表) carry no scores: their lines are read but not scored.
    """
    rules = profile.at(form.year) if isinstance(profile, Profile) else profile
    budget, rate = _budget(form, rules)
    scored = tuple(_indicator(i, rules) for i in form.indicators if i.level1 != "约束性指标")
    if form.kind == FormKind.COMPLETION:
        return FormScore(
            form, rules, budget, scored, LineScore(None, None, "绩效完成表不计分"), None, None, rate
        )
    parts: list[str] = []
    total = _ZERO
    printed_used = 0
    if budget is not None:
        if budget.computed is not None:
            total += budget.computed
            parts.append(f"{budget.computed}")
        elif budget.printed is not None:
            total += budget.printed
            parts.append(f"{fmt(budget.printed)}（预算执行率按填报）")
    ind_sum = _ZERO
    for s in scored:
        if s.computed is not None:
            ind_sum += s.computed
        elif s.printed is not None:
            ind_sum += s.printed
            printed_used += 1
    total += ind_sum
    parts.append(f"{_q(ind_sum, rules)}（指标）")
    deduction, constraint = _constraint(form) if len(scored) != len(form.indicators) else (_ZERO, None)
    total -= deduction
    rule = " + ".join(parts)
    if deduction:
        rule += f" − {fmt(deduction)}（约束性指标）"
        if rules.constraint_cap is not None and total > rules.constraint_cap:
            total = rules.constraint_cap
            rule += f"，约束性指标扣分后总分不得超过 {fmt(rules.constraint_cap)}"
    for below, cap in rules.caps_by_rate:
        if rate is not None and rate < below and total > cap:
            total = cap
            pct = fmt((rate * _HUNDRED).quantize(Decimal("0.01")))
            rule += f"，预算执行率 {pct}% 低于 {fmt(below * _HUNDRED)}%，总分不得超过 {fmt(cap)}"
            break
    total = _q(total, rules)
    rule += f" = {total}"
    if printed_used:
        rule += f"；{printed_used} 项指标无法计分，按填报得分计入"
    return FormScore(
        form=form,
        rules=rules,
        budget=budget,
        indicators=scored,
        total=LineScore(form.total_score, total, rule),
        grade_computed=rules.grade(total),
        grade_printed_total=rules.grade(form.total_score),
        rate=rate,
        constraint=constraint,
    )
