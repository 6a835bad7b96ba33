"""Several projects scored as one (Hubei notes 2 and 3, RULES.md §1.5(d)).

Budgets and executed amounts are summed. Indicators with the same level and name are
combined before scoring: absolute values summed, rates (%) averaged weighted by each
project's budget; qualitative scores averaged weighted by budget. The result is an ordinary
:class:`~jixiao.core.model.Form`, so it is scored — and explained — like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.core.enums import FormKind, FundSource
from jixiao.core.model import Form, FundRow, Funds, Indicator
from jixiao.core.scoring.semantics import fmt
from jixiao.core.values import ValueKind, parse_value

__all__ = ["combine_forms"]

_NUMERIC = (ValueKind.QUANTITY, ValueKind.TEXT_WITH_NUMBER)


def _q4(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.0001"))


def _budget(form: Form) -> Decimal:
    total = form.funds.total if form.funds else None
    if total is None:
        return Decimal(0)
    return total.annual_budget or total.initial_budget or Decimal(0)


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _weighted(values: list[tuple[Decimal, Decimal]]) -> Decimal:
    total = sum((w for _, w in values), Decimal(0))
    if not total:
        return sum((v for v, _ in values), Decimal(0)) / len(values)
    return sum((v * w for v, w in values), Decimal(0)) / total


def _combine_values(texts: list[str | None], weights: list[Decimal]) -> str | None:
    parsed = [parse_value(t) for t in texts]
    if not parsed or any(p.kind not in _NUMERIC or p.number is None for p in parsed):
        return texts[0]
    units = {p.unit for p in parsed}
    if len(units) > 1:
        return texts[0]
    first = parsed[0]
    op = first.op.value if first.op else ""
    unit = first.unit or ""
    if unit == "%":
        number = _weighted([(p.number, w) for p, w in zip(parsed, weights, strict=True)])  # type: ignore[misc]
        return f"{op}{fmt(number.quantize(Decimal('0.01')))}{unit}"
    number = sum((p.number * p.multiplier for p in parsed), Decimal(0))  # type: ignore[operator]
    return f"{op}{fmt(number)}{unit}"


def combine_forms(forms: Sequence[Form], project: str | None = None) -> Form:
    """One form standing for several projects (see the module docstring)."""
    forms = [f for f in forms if f.kind != FormKind.COMPLETION]
    if not forms:
        raise ValueError("没有可合并的表")
    budgets = [_budget(f) for f in forms]
    totals = [f.funds.total if f.funds and f.funds.total else None for f in forms]
    row = FundRow(
        source=FundSource.TOTAL.value,
        label="年度资金总额（合并）",
        initial_budget=_sum([t.initial_budget if t else None for t in totals]),
        annual_budget=_sum([t.annual_budget if t else None for t in totals]),
        executed=_sum([t.executed if t else None for t in totals]),
        weight=next((t.weight for t in totals if t and t.weight is not None), None),
    )
    groups: dict[tuple[str | None, str | None, str | None], list[tuple[Indicator, Decimal]]] = {}
    for form, budget in zip(forms, budgets, strict=True):
        for ind in form.indicators:
            groups.setdefault((ind.level1, ind.level2, ind.name), []).append((ind, budget))
    whole = sum(budgets, Decimal(0))
    share = [(b / whole) if whole else Decimal(1) / len(forms) for b in budgets]
    by_budget = dict(zip(budgets, share, strict=False))
    indicators = []
    for (level1, level2, name), members in groups.items():
        inds = [i for i, _ in members]
        weights = [w for _, w in members]
        # an indicator weighs in proportion to the funds of the projects that carry it
        weight = sum((i.weight * by_budget[b] for i, b in members if i.weight is not None), Decimal(0))
        score = sum((i.score * by_budget[b] for i, b in members if i.score is not None), Decimal(0))
        indicators.append(
            Indicator(
                level1=level1,
                level2=level2,
                name=name,
                target=_combine_values([i.target for i in inds], weights),
                actual=_combine_values([i.actual for i in inds], weights),
                weight=weight.quantize(Decimal("0.0001"))
                if any(i.weight is not None for i in inds)
                else None,
                score=score.quantize(Decimal("0.0001")) if any(i.score is not None for i in inds) else None,
                note=f"由 {len(members)} 个项目合并" if len(members) > 1 else inds[0].note,
            )
        )
    first = forms[0]
    return Form(
        kind=FormKind.PROJECT,
        year=first.year,
        project=project or f"合并（{len(forms)} 个项目）",
        department=first.department,
        funds=Funds(unit=first.funds.unit if first.funds else "万元", rows=(row,)),
        indicators=tuple(indicators),
        layout="combined",
        title="多个项目合并计分",
        index=0,
    )
