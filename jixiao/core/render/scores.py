"""Score results as JSON (``spec/CONTRACT.md``) and as text for a finance officer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.render.text import pad, width
from jixiao.core.scoring.engine import FormScore, IndicatorScore
from jixiao.core.scoring.semantics import fmt
from jixiao.core.serialize import num

__all__ = ["differs", "format_scores", "score_to_dict"]

#: Printed and computed scores closer than this are the same (printed forms round to 0.1).
TOLERANCE = Decimal("0.05")


def differs(printed: Decimal | None, computed: Decimal | None) -> bool:
    """Whether a printed score and a computed one really differ."""
    if computed is None:
        return False
    if printed is None:
        return True
    return abs(printed - computed) > TOLERANCE


def _indicator(s: IndicatorScore) -> dict[str, Any]:
    ind = s.indicator
    return {
        "name": ind.name,
        "kind": s.kind,
        "printed": num(s.printed),
        "computed": num(s.computed),
        "rule": s.rule,
        "level1": ind.level1,
        "level2": ind.level2,
        "target": ind.target,
        "actual": ind.actual,
        "weight": num(ind.weight),
        "met": s.met,
        "tier": s.semantics.tier,
        "band": [num(s.band[0]), num(s.band[1])] if s.band else None,
        "trace": s.trace(),
        "location": str(ind.refs["score"])
        if "score" in ind.refs
        else (str(ind.refs["name"]) if "name" in ind.refs else None),
    }


def _form(s: FormScore) -> dict[str, Any]:
    form = s.form
    budget = None
    if s.budget is not None:
        budget = {
            "printed": num(s.budget.printed),
            "computed": num(s.budget.computed),
            "rule": s.budget.rule,
            "weight": num(s.budget.weight),
            "execution_rate": num(s.rate),
        }
    return {
        "project": form.project,
        "kind": form.kind.value,
        "year": form.year,
        "budget": budget,
        "indicators": [_indicator(i) for i in s.indicators],
        "total": {"printed": num(s.total.printed), "computed": num(s.total.computed), "rule": s.total.rule},
        "grade": {"printed": None, "computed": s.grade_computed, "of_printed_total": s.grade_printed_total},
        "constraint": s.constraint,
        "index": form.index,
        "location": str(form.ref) if form.ref else None,
    }


def score_to_dict(
    source: str, profile: str, scores: list[FormScore], region: str | None = None
) -> dict[str, Any]:
    """The ``score --format json`` object."""
    return {
        "source": source,
        "profile": profile,
        "region": region,
        "forms": [_form(s) for s in scores],
    }


def _n(d: Decimal | None) -> str:
    return "—" if d is None else fmt(d)


def format_scores(source: str, profile_title: str, scores: list[FormScore], explain: bool) -> str:
    """Text for people: per form, printed beside computed; with ``explain`` every rule."""
    out = [f"{source}：{len(scores)} 张表，规则：{profile_title}"]
    for s in scores:
        form = s.form
        out.append("")
        head = "合并计分" if form.layout == "combined" else f"第{form.index}张表"
        out.append(f"━━ {head} · {form.project or '（未填项目名称）'}  {form.ref or ''}".rstrip())
        if s.total.rule == "绩效完成表不计分":
            out.append("  绩效完成表：不计分")
            continue
        rows = [["项目", "填报", "计算", ""]]
        if s.budget is not None:
            rows.append(
                [
                    "预算执行率",
                    _n(s.budget.printed),
                    _n(s.budget.computed),
                    _mark(s.budget.printed, s.budget.computed, s.budget.rule),
                ]
            )
        for i in s.indicators:
            if explain or differs(i.printed, i.computed) or i.computed is None:
                rows.append(
                    [
                        _short(i.indicator.name),
                        _n(i.printed),
                        _n(i.computed),
                        _mark(i.printed, i.computed, i.rule),
                    ]
                )
        rows.append(
            ["总分", _n(s.total.printed), _n(s.total.computed), _mark(s.total.printed, s.total.computed)]
        )
        rows.append(["等级", s.grade_printed_total or "—", s.grade_computed or "—", ""])
        widths = [max(width(r[c]) for r in rows) for c in range(4)]
        for r in rows:
            out.append(
                "  " + "  ".join(pad(cell, widths[c], c in (1, 2)) for c, cell in enumerate(r)).rstrip()
            )
        note = _printed_in_total(s)
        if note:
            out.append(f"  注：{note}")
        if explain:
            out.append("  计分依据：")
            if s.budget is not None:
                out.append(f"    预算执行率：{s.budget.rule}")
            for i in s.indicators:
                out.append(f"    {i.trace()}")
            out.append(f"    总分：{s.total.rule}")
            if s.constraint:
                out.append(f"    {s.constraint}")
    return "\n".join(out)


def _short(name: str | None) -> str:
    name = name or "（无名称）"
    return name if width(name) <= 36 else name[:17] + "…"


def _printed_in_total(s: FormScore) -> str:
    """Which printed scores the computed total takes as printed (items it cannot score)."""
    items = [i for i in s.indicators if i.computed is None and i.printed is not None]
    budget = s.budget is not None and s.budget.computed is None and s.budget.printed is not None
    if not items and not budget:
        return ""
    what = "预算执行率" if budget else ""
    if items:
        what += f"{'和' if what else ''} {len(items)} 项指标"
    return f"计算的总分中，{what.strip()}无法按规则计分，按填报得分计入"


def _mark(printed: Decimal | None, computed: Decimal | None, rule: str = "") -> str:
    if computed is None:
        return rule if rule.startswith("无法计分") else f"无法计分：{rule}"
    if not differs(printed, computed):
        return ""
    if printed is None:
        return "≠ 未填得分"
    if printed > computed:
        return "≠ 高于规则（少扣分）"
    return "≠ 低于规则（多扣分）"
