"""JX2xx — arithmetic: sums, weights, execution rates, fund rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.core.checks.base import FormContext, check
from jixiao.core.enums import FormKind, FundSource, Severity
from jixiao.core.model import Finding, Form
from jixiao.core.scoring.semantics import fmt
from jixiao.core.values import ValueKind, parse_value

_HUNDRED = Decimal(100)
_PART_SOURCES = (FundSource.FISCAL.value, FundSource.CARRYOVER.value, FundSource.OTHER.value)
_COLUMN_NAMES = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数"}
_SPENDING = re.compile(r"(支出|金额|费用|拨付|经费|成本|资金)")


def _in_wan(text: str | None) -> Decimal | None:
    """An amount printed as "4407.07万元", "91828元" or a bare number, in 万元 (else ``None``)."""
    v = parse_value(text)
    if v.number is None or v.kind not in (ValueKind.QUANTITY, ValueKind.TEXT_WITH_NUMBER):
        return None
    if v.unit == "元":
        return v.number * v.multiplier / Decimal(10000)
    if v.unit in (None, "万元"):
        return v.number if v.multiplier in (1, 10000) else None
    return None


def _pct(rate: Decimal) -> str:
    return f"{fmt((rate * _HUNDRED).quantize(Decimal('0.01')))}%"


@check("JX201", "total_not_sum", Severity.ERROR, whole=True, title="总分不等于各项得分之和")
def total_not_sum(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 总分的得分不等于预算执行率得分与各指标得分之和。

    为什么: 总分是各项得分之和（10号文“比较法”，各项得分相加）；手工相加常出错。
    示例: 预算执行 10 + 指标 10+20+10+30+9.5… = 94.4，总分填 99.4 → 报告；改为 94.4 后不报。
    依据: 财预〔2020〕10号 附件1；RULES.md §1.5、§8-8（M+S）。
    已知局限: 容差为每项 0.01（至少 0.05），容许逐项四舍五入；得分空白的行按 0 计；总分空白时不报（由 missing_values 报告）。
    """
    if form.kind == FormKind.COMPLETION or form.total_score is None:
        return
    parts: list[Decimal] = []
    budget = form.funds.score if form.funds else None
    if budget is not None:
        parts.append(budget)
    parts += [i.score for i in form.indicators if i.score is not None and i.level1 != "约束性指标"]
    if not parts:
        return
    deduction = sum(
        (abs(i.score) for i in form.indicators if i.level1 == "约束性指标" and i.score), Decimal(0)
    )
    total = sum(parts, Decimal(0)) - deduction
    tolerance = max(Decimal("0.05"), Decimal("0.01") * len(parts))
    if abs(total - form.total_score) > tolerance:
        yield ctx.finding(
            f"{ctx.where}：总分填报 {fmt(form.total_score)}，而预算执行率得分与各指标得分之和为 {fmt(total)}",
            "逐项核对得分后重新合计总分",
            form.refs.get("total_score"),
        )


@check("JX202", "weights_not_100", Severity.ERROR, whole=True, title="分值合计不是 100")
def weights_not_100(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 预算执行率分值与各指标分值之和不等于 100；或总分行的分值不是 100；或一级指标小计与其下各行分值之和不符。

    为什么: 总分为 100 分（全国 10 + 90；湖北 20 + 80），分值设置错误会使得分失去可比性。
    示例: 分值 10 + 20+20+15+15+10+10 = 100，总分行分值却印 90 → 报告；一级指标“产出指标(80分)”下各行分值合计 50 → 报告。
    依据: 财预〔2020〕10号 附件1；RULES.md §1.4、§8-1、§8-3（M+S）。
    已知局限: 湖北表不列每行分值时，只检查一级指标小计（加预算执行率分值）之和；绩效指标栏标题带分值的
        （“项目支出绩效指标 (50分)”）也与各指标分值之和比较。
    """
    if form.kind == FormKind.COMPLETION:
        return
    budget_weight = form.funds.weight if form.funds else None
    rows = [i for i in form.indicators if i.level1 != "约束性指标"]
    weights = [i.weight for i in rows if i.weight is not None]
    if weights and budget_weight is not None:
        total = budget_weight + sum(weights, Decimal(0))
        if total != _HUNDRED:
            yield ctx.finding(
                f"{ctx.where}：预算执行率分值 {fmt(budget_weight)} 与各指标分值之和 {fmt(total - budget_weight)} 合计 {fmt(total)}，不等于 100",
                "调整各指标分值，使合计为 100",
                form.ref,
            )
        if form.total_weight is not None and form.total_weight != total:
            yield ctx.finding(
                f"{ctx.where}：总分行的分值印为 {fmt(form.total_weight)}，而各项分值合计 {fmt(total)}",
                "总分行分值应为预算执行率分值与各指标分值之和（100）",
                form.refs.get("total_weight"),
            )
    elif not weights and form.total_weight is not None and form.total_weight != _HUNDRED:
        yield ctx.finding(
            f"{ctx.where}：总分行的分值印为 {fmt(form.total_weight)}，应为 100",
            "总分行分值应为预算执行率分值与各指标分值之和（100）",
            form.refs.get("total_weight"),
        )
    if not weights and form.level1_weights and budget_weight is not None:
        total = budget_weight + sum(form.level1_weights.values(), Decimal(0))
        if total != _HUNDRED:
            yield ctx.finding(
                f"{ctx.where}：预算执行率分值 {fmt(budget_weight)} 与一级指标分值合计 {fmt(total)}，不等于 100",
                "调整一级指标分值，使合计为 100",
                form.ref,
            )
    section = form.fields.get("绩效指标分值")
    if section and weights and Decimal(section) != sum(weights, Decimal(0)):
        yield ctx.finding(
            f"{ctx.where}：绩效指标栏标明 {section} 分，各指标分值合计 {fmt(sum(weights, Decimal(0)))}",
            "使绩效指标栏的分值与各指标分值之和一致",
            form.refs.get("绩效指标分值"),
        )
    if weights:
        for level1, printed in form.level1_weights.items():
            sub = sum((i.weight for i in rows if i.level1 == level1 and i.weight is not None), Decimal(0))
            if sub != printed:
                yield ctx.finding(
                    f"{ctx.where} {level1}：一级指标印为 {fmt(printed)} 分，其下各指标分值合计 {fmt(sub)}",
                    "使一级指标分值等于其下三级指标分值之和",
                    form.ref,
                )


@check("JX203", "execution_rate_wrong", Severity.ERROR, title="执行率算错")
def execution_rate_wrong(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 填报的执行率与“全年执行数 ÷ 全年预算数”不符（各资金行分别检查）。

    为什么: 执行率决定预算执行得分；手填的执行率常与金额对不上。
    示例: 全年预算数 6，全年执行数 1.65，执行率填 100% → 报告（应为 27.5%）；填 28%（取整）不报。
    依据: 财预〔2020〕10号 附件1；RULES.md §1.5(a)、§8-4（S）。
    已知局限: 容许四舍五入到整数百分比（±0.5 个百分点）；全年预算数为 0 或空白而有执行数时（预算数本身由
        annual_budget_zero 报告），所填执行率与按年初预算数计算的一致则不报，否则报告；版式无全年预算数时用年初预算数。
    """
    if form.funds is None:
        return
    for row in form.funds.rows:
        budget = row.annual_budget if row.annual_budget is not None else row.initial_budget
        if row.execution_rate is None or row.executed is None:
            continue
        if not budget:
            # 全年预算数 0 (reported by annual_budget_zero): the rate may still follow 年初预算数
            initial = row.initial_budget
            consistent = initial and abs(row.executed / initial - row.execution_rate) <= Decimal("0.005")
            if row.executed > 0 and not consistent:
                yield ctx.finding(
                    f"{ctx.where} {row.label}：预算数为0，执行率无法计算，却填报 {_pct(row.execution_rate)}（全年执行数 {fmt(row.executed)}）",
                    "先补正全年预算数，再按“全年执行数 ÷ 全年预算数”计算执行率",
                    row.refs.get("rate") or row.refs.get("label"),
                )
            continue
        exact = row.executed / budget
        if abs(exact - row.execution_rate) > Decimal("0.005"):
            yield ctx.finding(
                f"{ctx.where} {row.label}：执行率填报 {_pct(row.execution_rate)}，"
                f"按 {fmt(row.executed)} ÷ {fmt(budget)} 应为 {_pct(exact)}",
                "按“全年执行数 ÷ 全年预算数”重新计算执行率",
                row.refs.get("rate") or row.refs.get("label"),
            )


@check("JX204", "execution_score_wrong", Severity.ERROR, title="执行率得分算错")
def execution_score_wrong(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 预算执行率得分与“分值 × min(执行率, 1)”不符。

    为什么: 执行率得分是公式结果；手填得分常与执行数、预算数对不上。
    示例: 全年预算数 100，全年执行数 87.4，分值 10，填报得分 9.5 → 应为 8.74，报告。
        全年预算数为 0、执行率填 0% 却得 10 分 → 按所填执行率应为 0，报告。
    依据: 财预〔2020〕10号 附件1；RULES.md §1.5(a)、§8-4（S）。
    已知局限: 按所选地区规则计算（河北先将执行率取整到百分数）；容差 0.05；预算数为 0 时按所填执行率判断。
    """
    s = ctx.score
    total = form.funds.total if form.funds else None
    if s.budget is None or total is None or total.score is None:
        return
    expected = s.budget.computed
    rule = s.budget.rule
    if expected is None and total.execution_rate is not None and s.budget.weight is not None:
        expected = (s.budget.weight * min(total.execution_rate, Decimal(1))).quantize(Decimal("0.01"))
        rule = f"按所填执行率 {_pct(total.execution_rate)}：{fmt(s.budget.weight)} × {_pct(total.execution_rate)} = {expected}"
    if expected is not None and abs(expected - total.score) > ctx.tolerance:
        yield ctx.finding(
            f"{ctx.where}：预算执行率得分填报 {fmt(total.score)}，按“执行率 × 分值（不超过分值）”应为 {fmt(expected)}（{rule}）",
            "按公式重新计算预算执行率得分",
            total.refs.get("score") or total.refs.get("label"),
        )


@check("JX205", "annual_budget_zero", Severity.ERROR, title="预算数为零却有执行数")
def annual_budget_zero(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 全年预算数为 0 或空白，却有全年执行数。

    为什么: 没有预算就不能支出，执行率也无法计算；多为漏填调整后预算数。
    示例: 年初预算数 10，全年预算数 0.00，全年执行数 10 → 报告；全年预算数填 10 后不报。
    依据: 财预〔2020〕10号 附件1；RULES.md §8-4（S：承德 2023 样表）。
    已知局限: 版式无全年预算数列时检查年初预算数；各资金行分别检查。
    """
    if form.funds is None:
        return
    has_annual = "annual_budget" in form.funds.columns or any(
        r.annual_budget is not None for r in form.funds.rows
    )
    for row in form.funds.rows:
        budget = row.annual_budget if has_annual else row.initial_budget
        if row.executed and row.executed > 0 and not budget:
            label = "全年预算数" if has_annual else "年初预算数"
            shown = "空白" if budget is None else "0"
            yield ctx.finding(
                f"{ctx.where} {row.label}：{label}为{shown}，全年执行数却为 {fmt(row.executed)}",
                f"补填{label}（调整后的预算，含上年结转）",
                row.refs.get("annual_budget" if has_annual else "initial_budget") or row.refs.get("label"),
            )


@check("JX206", "fund_rows_inconsistent", Severity.ERROR, title="各资金来源之和不等于总额")
def fund_rows_inconsistent(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 当年财政拨款、上年结转资金、其他资金之和不等于年度资金总额（年初预算数、全年预算数、全年执行数各列分别检查）。

    为什么: 年度资金总额由各来源构成，分项与合计不符说明有数填错了格。
    示例: 年度资金总额 年初预算数 6.00，其中当年财政拨款 1.65、上年结转 0、其他 0 → 报告。
    依据: 财预〔2020〕10号 附件1 表样；RULES.md §8-4（S）。
    已知局限: 分项全部空白的列不检查；容差 0.01。
    """
    funds = form.funds
    total = funds.total if funds else None
    if funds is None or total is None:
        return
    parts = [r for r in funds.rows if r.source in _PART_SOURCES]
    if not parts:
        return
    for column, name in _COLUMN_NAMES.items():
        values = [getattr(r, column) for r in parts]
        printed = getattr(total, column)
        if printed is None or all(v is None for v in values):
            continue
        subtotal = sum((v for v in values if v is not None), Decimal(0))
        if abs(subtotal - printed) > Decimal("0.01"):
            detail = " + ".join(
                f"{r.label} {fmt(getattr(r, column)) if getattr(r, column) is not None else '空白'}"
                for r in parts
            )
            yield ctx.finding(
                f"{ctx.where} {name}：年度资金总额 {fmt(printed)}，而 {detail} = {fmt(subtotal)}",
                "核对各资金来源的金额，使分项之和等于年度资金总额",
                total.refs.get(column) or total.refs.get("label"),
            )


@check("JX207", "cost_actual_differs_from_executed", Severity.WARNING, title="成本指标金额与执行数不一致")
def cost_actual_differs_from_executed(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 成本指标中的全年支出金额与项目资金的全年执行数不一致。

    为什么: 同一张表中的同一笔支出应是同一个数；不一致说明有一处抄错。
    示例: 全年执行数 4477.074674，成本指标“全年支出金额”实际完成值 4407.074674万元 → 报告。
    依据: RULES.md §8-13 表内一致（S）。
    已知局限: 只检查名称含“支出、金额、费用、拨付、经费、成本、资金”的成本指标，且完成值与执行数在同一量级
        （相差不超过一倍）；单位标准（元/人）等不比较。
    """
    total = form.funds.total if form.funds else None
    if total is None or total.executed is None:
        return
    executed = total.executed
    for ind in form.indicators:
        if ind.level2 not in ("成本指标", "经济成本指标") or not ind.name or not _SPENDING.search(ind.name):
            continue
        value = _in_wan(ind.actual)
        if value is None:
            continue
        if not executed or not (executed / 2 <= value <= executed * 2):
            continue
        if abs(value - executed) > max(Decimal("0.01"), executed * Decimal("0.001")):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：实际完成值 {ind.actual}，而项目资金全年执行数为 {fmt(executed)}",
                "核对两处金额，以决算数为准统一",
                ind.refs.get("actual") or ind.refs.get("name"),
            )


@check("JX208", "low_execution_full_marks", Severity.INFO, title="执行率低却全部满分")
def low_execution_full_marks(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 预算执行率低于 60%，各项绩效指标却全部满分。

    为什么: 大部分资金未使用，产出和效益仍全部达成，二者难以同时成立，值得抽查复核。
    示例: 全年预算数 49438，全年执行数 2000（4%），7 项指标全部满分 → 提示。
    依据: 预算执行与绩效目标“双监控”；RULES.md §5（S）。
    已知局限: 阈值 60% 取自厂商预警配置的红灯线；只作提示，不判定对错。
    """
    rate = ctx.score.rate
    rows = [i for i in form.indicators if i.weight is not None and i.score is not None]
    if rate is None or rate >= Decimal("0.6") or not rows:
        return
    if all(i.score >= i.weight for i in rows):
        yield ctx.finding(
            f"{ctx.where}：预算执行率仅 {_pct(rate)}，{len(rows)} 项绩效指标却全部得满分",
            "核实产出和效益的完成情况是否与资金使用相符",
            form.funds.total.refs.get("label") if form.funds and form.funds.total else form.ref,
        )


@check("JX209", "department_total_inconsistent", Severity.ERROR, title="部门整体支出总额不符")
def department_total_inconsistent(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 部门整体自评表中，基本支出总额与项目支出总额之和不等于部门整体支出总额（预算数或执行数）。

    为什么: 部门整体支出由基本支出和项目支出构成；表头和预算执行行对不上，说明至少一处抄错。
    示例: 基本支出总额 590.11、项目支出总额 10638.90（合计 11229.01），部门整体支出总额 11757.05 → 报告。
    依据: 部门决算 基本支出 + 项目支出 = 本年支出合计；RULES.md §7.3（03-a）（S）。
    已知局限: 只在表头同时印有基本支出总额和项目支出总额时检查；容差 0.01；与决算表的核对由跨文件检查完成。
    """
    if form.kind != FormKind.DEPARTMENT or form.funds is None or form.funds.total is None:
        return
    try:
        basic = Decimal(form.fields["基本支出总额"].replace(",", ""))
        project = Decimal(form.fields["项目支出总额"].replace(",", ""))
    except (KeyError, ArithmeticError, ValueError):
        return
    total = form.funds.total
    parts = basic + project
    for column, name in (("executed", "执行数"), ("annual_budget", "预算数")):
        value = getattr(total, column)
        if value is not None and abs(value - parts) > Decimal("0.01"):
            yield ctx.finding(
                f"{ctx.where}：部门整体支出总额{name} {fmt(value)}，而基本支出总额 {fmt(basic)} + 项目支出总额 {fmt(project)} = {fmt(parts)}",
                "核对部门整体支出总额与基本支出、项目支出（以部门决算为准）",
                total.refs.get(column) or total.refs.get("label"),
            )
            return
