"""JX3xx — scoring and grade: printed scores against the rules (via the scoring engine)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.core.checks.base import FormContext, check
from jixiao.core.enums import FormKind, Severity
from jixiao.core.model import Finding, Form
from jixiao.core.scoring.semantics import KIND_NAMES, fmt

_GRADE_WORDS = {
    "优": "优",
    "优秀": "优",
    "良": "良",
    "良好": "良",
    "中": "中",
    "中等": "中",
    "合格": "中",
    "差": "差",
    "较差": "差",
    "不合格": "差",
}

#: Printed forms round, and sometimes truncate, to one decimal: a lower score is reported
#: only when it is more than this below the rule.
BELOW_TOLERANCE = Decimal("0.1")


@check("JX301", "score_exceeds_weight", Severity.ERROR, title="得分高于分值")
def score_exceeds_weight(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 某项得分高于其分值（含预算执行率行）。

    为什么: 得分不得突破权重（分值）；超出说明填错了格或算错了分。
    示例: 严厉打击医保违规行为及损失 分值 10，得分 30 → 报告。
    依据: 湖北、江西、安徽自评表说明“得分不得突破权重总额”；RULES.md §1.5(b)、§8-5（S/M）。
    已知局限: 分值空白的行不检查（由 missing_values 报告）。
    """
    total = form.funds.total if form.funds else None
    if (
        total is not None
        and total.weight is not None
        and total.score is not None
        and total.score > total.weight
    ):
        yield ctx.finding(
            f"{ctx.where} 预算执行率：得分 {fmt(total.score)} 高于分值 {fmt(total.weight)}",
            "得分不得超过分值",
            total.refs.get("score") or total.refs.get("label"),
        )
    for ind in form.indicators:
        if ind.weight is not None and ind.score is not None and ind.score > ind.weight:
            yield ctx.finding(
                f"{ctx.where} {ind.path}：得分 {fmt(ind.score)} 高于分值 {fmt(ind.weight)}",
                "得分不得超过分值；核对是否填错了格",
                ind.refs.get("score") or ind.refs.get("name"),
            )


@check("JX302", "met_but_deducted", Severity.WARNING, title="已达成目标却扣分")
def met_but_deducted(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 实际完成值已达到目标（≥、≤、= 或定性“达成”），得分却低于分值。

    为什么: 按规则，完成目标即得满分；反向指标（成本上限）未超过上限也应满分，常见错误是按比例扣分。
    示例: 经费保障额度 目标 ≤12万元，完成 9.1828，得分 7.6/10 → 报告（应为 10）。
    依据: 财预〔2020〕10号（达成年度指标值即得满分）；RULES.md §1.5(b)、§8-6（M+S）。
    已知局限: 定性指标“达成”档的分值区间为 80%–100%，档内扣分不报告，只在低于本档时由
        qualitative_score_outside_band 报告；无法判断完成情况的指标不检查。
    """
    for s in ctx.score.indicators:
        ind = s.indicator
        if s.kind == "qualitative" or not s.met or ind.weight is None or ind.score is None:
            continue
        if ind.score < ind.weight - Decimal("0.005"):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：目标 {ind.target}，完成 {ind.actual}，已达成（{KIND_NAMES[s.kind]}），"
                f"得分却为 {fmt(ind.score)}/{fmt(ind.weight)}",
                "达成目标的指标应得满分；若目标设置过低，应在偏差原因中说明并按规定调减",
                ind.refs.get("score") or ind.refs.get("name"),
            )


@check("JX303", "score_above_formula", Severity.ERROR, title="得分高于规则允许")
def score_above_formula(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 未完成的定量指标，得分高于规则允许的分数（正向 分值×B/A，反向 分值×A/B）。

    为什么: 未完成目标却得高分是最常见的“刻意抬高分数”（中央通知明确禁止）。
    示例: 全年支出金额 目标 ≤2689.5万元，完成 2726万元，得分 20/20 → 按 20×2689.5÷2726 应为 19.73，报告。
    依据: 财预〔2020〕10号（未完成按完成值÷指标值×分值计分）；RULES.md §1.3、§1.5(b)、§8-6（M+S）。
    已知局限: 容差 0.05；无法量化比较的指标不检查（单位不一致、目标无数值等由 JX4xx 报告）。
    """
    for s in ctx.score.indicators:
        ind = s.indicator
        if s.kind == "qualitative" or s.met is not False or s.computed is None or ind.score is None:
            continue
        if ind.score > s.computed + ctx.tolerance:
            yield ctx.finding(
                f"{ctx.where} {ind.path}：目标 {ind.target}，完成 {ind.actual}，未达成，得分填报 {fmt(ind.score)}，"
                f"按规则应为 {fmt(s.computed)}（{s.rule}）",
                "按“完成值÷指标值×分值”（反向指标“指标值÷完成值×分值”）计分",
                ind.refs.get("score") or ind.refs.get("name"),
            )


@check("JX304", "score_below_formula", Severity.WARNING, title="多扣分")
def score_below_formula(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 未完成的定量指标，得分明显低于规则给出的分数（多扣了分）。

    为什么: 多扣分同样是规则用错，会低估项目绩效，也使各单位之间不可比。
    示例: 参保人数 目标 278.9万，完成 273.86，得分 18/20 → 按 20×273.86÷278.9 应为 19.64，报告。
    依据: 财预〔2020〕10号；RULES.md §1.5(b)、§8-6（M+S）。
    已知局限: 低于规则 0.1 分以内不报告（表上常按一位小数舍入或截断）；地方自定的扣分标准（如每低 1 个百分点扣 1 分）
        属指标自身的评(扣)分标准，无法从表中读出，仍按比例规则比较。
    """
    for s in ctx.score.indicators:
        ind = s.indicator
        if s.kind == "qualitative" or s.met is not False or s.computed is None or ind.score is None:
            continue
        if ind.score < s.computed - BELOW_TOLERANCE:
            yield ctx.finding(
                f"{ctx.where} {ind.path}：目标 {ind.target}，完成 {ind.actual}，得分填报 {fmt(ind.score)}，"
                f"按规则应为 {fmt(s.computed)}（{s.rule}）",
                "按比例规则计分；若采用地方扣分标准，应在表中注明",
                ind.refs.get("score") or ind.refs.get("name"),
            )


@check("JX305", "grade_wrong", Severity.ERROR, whole=True, title="等级与总分不符")
def grade_wrong(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 表中填报的等级（优/良/中/差）与总分不符。

    为什么: 等级由总分决定（优 ≥90、良 ≥80、中 ≥60、差 <60），等级直接影响结果应用和下年预算。
    示例: 总分 87，自评等级填“优” → 按等级划分应为“良”，报告。
    依据: 财政部预算司等级划分；RULES.md §1.6、§8-10（M+S）。
    已知局限: 只读表中的“自评等级/评价等级/绩效等级”栏；叙述文字中的等级由报告检查处理；按所选地区规则的等级划分。
    """
    for label in ("自评等级", "评价等级", "绩效等级"):
        printed = form.fields.get(label)
        if not printed or form.total_score is None:
            continue
        expected = ctx.rules.grade(form.total_score)
        grade = _GRADE_WORDS.get(printed.strip().rstrip("级等"))
        if grade is not None and grade != expected:
            yield ctx.finding(
                f"{ctx.where}：{label}填报“{printed}”，总分 {fmt(form.total_score)} 按等级划分应为“{expected}”",
                "按总分重新确定等级",
                form.refs.get(label),
            )


@check("JX306", "qualitative_score_outside_band", Severity.WARNING, title="定性得分不在档次区间内")
def qualitative_score_outside_band(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 定性指标的得分不在所选完成档次的分值区间内。

    为什么: 定性指标按三档计分（达成 80%–100%，部分达成 50%–80%，未达成 0–50%；另有 80/60 的档次划分），
        得分应落在所选档次内。
    示例: 完成值“基本达成”（部分达成），分值 20，得分 20 → 区间 [10, 16)，报告。
    依据: 财预〔2020〕10号；湖北、江西、安徽说明；RULES.md §1.5(c)、§8-7（M+S）。
    已知局限: 完成档次从实际完成值的文字判断（见 docs/scoring.md）；判断不出时不检查。湖北表不列每行分值，
        则按目标块（“目标1(40分)”）或一级指标（“产出指标(40分)”）检查：其下各行都属同一较低档次时，
        该块得分之和不应达到本档上限。
    """
    yield from _group_bands(form, ctx)
    for s in ctx.score.indicators:
        ind = s.indicator
        if s.kind != "qualitative" or s.band is None or ind.score is None:
            continue
        low, high = s.band
        outside = ind.score < low or ind.score > high or (not s.tier_top and ind.score >= high)
        if outside:
            closing = "]" if s.tier_top else ")"
            yield ctx.finding(
                f"{ctx.where} {ind.path}：完成“{ind.actual}”属“{s.semantics.tier}”，分值区间 [{fmt(low)}, {fmt(high)}{closing}，"
                f"得分 {fmt(ind.score)} 不在区间内",
                "按完成档次在对应区间内给分",
                ind.refs.get("score") or ind.refs.get("name"),
            )


@check("JX307", "constraint_cap_exceeded", Severity.ERROR, whole=True, title="约束性指标扣分后未封顶")
def constraint_cap_exceeded(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 约束性指标已扣分（审计等部门披露问题），总分却高于封顶分。

    为什么: 湖北部门整体自评表规定，出现审计等部门重点披露的问题或重大不良社会影响的，评价总得分不得超过 70 分。
    示例: 约束性指标 资金管理合规性 扣 5 分，总分 88 → 报告（不得超过 70）。
    依据: 湖北部门整体绩效自评表说明；RULES.md §3.2、§4.2、§8-11（S）。
    已知局限: 只在所选规则设有封顶分（湖北）时检查；表上未填扣分时无法判断是否触发。
    """
    cap = ctx.rules.constraint_cap
    if cap is None or form.kind == FormKind.COMPLETION or form.total_score is None:
        return
    deducted = [i for i in form.indicators if i.level1 == "约束性指标" and i.score]
    if deducted and form.total_score > cap:
        yield ctx.finding(
            f"{ctx.where}：约束性指标已扣分，总分 {fmt(form.total_score)} 超过封顶 {fmt(cap)} 分",
            f"触发约束性指标的，总分不得超过 {fmt(cap)} 分",
            form.refs.get("total_score"),
        )


def _group_bands(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """Hubei forms: points per goal block or level 1, rows all in a lower tier, block at full marks."""
    if any(i.weight is not None for i in form.indicators):
        return
    blocks: dict[str, tuple[Decimal, list]] = {}
    for s in ctx.score.indicators:
        ind = s.indicator
        weight = None
        if ind.group and f"{ind.group}分值" in form.fields:
            key, weight = ind.group, Decimal(form.fields[f"{ind.group}分值"])
        elif ind.level1 in form.level1_weights:
            key, weight = ind.level1, form.level1_weights[ind.level1]  # type: ignore[assignment]
        if weight is not None:
            blocks.setdefault(key, (weight, []))[1].append(s)
    for key, (weight, rows) in blocks.items():
        tiers = {s.semantics.tier for s in rows}
        if len(tiers) != 1 or None in tiers:
            continue
        tier = next(t for t in ctx.rules.tiers if t.name == next(iter(tiers)))
        if tier.high == Decimal(1):
            continue
        printed = sum((s.indicator.score for s in rows if s.indicator.score is not None), Decimal(0))
        limit = weight * tier.high
        if printed >= limit:
            first = rows[0].indicator
            yield ctx.finding(
                f"{ctx.where} {key}（{fmt(weight)}分）：其下 {len(rows)} 项指标均为“{tier.name}”，得分合计 {fmt(printed)}，"
                f"应低于 {fmt(limit)}（{fmt(tier.high * 100)}%）",
                "按完成档次在对应区间内给分",
                first.refs.get("score") or first.refs.get("name"),
            )
