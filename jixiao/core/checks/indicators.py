"""JX4xx — indicator quality: units, measurability, structure of the indicator system."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.core.checks.base import FormContext, check
from jixiao.core.enums import FormKind, Severity
from jixiao.core.model import Finding, Form
from jixiao.core.scoring.semantics import fmt
from jixiao.core.values import Op, ValueKind, parse_value

_SATISFACTION = re.compile(r"满意")
_RATE_NAME = re.compile(r"率")
_MONEY = ("万元", "元", "亿元")


@check("JX401", "unit_mismatch", Severity.WARNING, title="目标值与完成值单位不一致")
def unit_mismatch(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 年度指标值与实际完成值的单位或类型不一致，无法比较。

    为什么: 目标是人数、完成却填百分比（或反之），既无法判断是否完成，也无法复核得分。
    示例: 补助涉及范围 目标“242202人”，完成“100%” → 报告；完成填“242202人”后不报。
    依据: 包头绩效目标审核要点“指标性质、指标方向、目标值和计量单位”；RULES.md §6.3、§8-12（S）。
    已知局限: 单位“元/人/年”与“元”等前缀相同的视为一致；完成值无单位的另由 actual_without_unit 提示；
        文字目标配数值完成值（“≤前三年平均值”对“100%”）也报告，数量和成本指标的这种情况由 target_not_measurable 报告。
    """
    for s in ctx.score.indicators:
        why = s.semantics.why or ""
        ind = s.indicator
        if s.kind == "unknown" and why.startswith("单位不一致"):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：目标“{ind.target}”，完成“{ind.actual}”，{why}",
                "完成值应与目标值使用同一计量单位",
                ind.refs.get("actual") or ind.refs.get("name"),
            )
            continue
        a, b = parse_value(ind.target), parse_value(ind.actual)
        if (
            a.kind == ValueKind.QUALITATIVE
            and a.text != "定性"
            and b.kind == ValueKind.QUANTITY
            and ind.level2
            not in ("数量指标", "成本指标", "经济成本指标")  # reported by target_not_measurable
        ):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：目标“{ind.target}”是文字，完成“{ind.actual}”是数值，二者无法对应",
                "目标与完成值应为同一类型：同为数值（同一单位）或同为文字描述",
                ind.refs.get("actual") or ind.refs.get("name"),
            )


@check("JX402", "impossible_target", Severity.WARNING, title="目标无法达到或无法衡量")
def impossible_target(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 无法达到或无法衡量的目标值：“≤0%”“<0”“=0”，或比率类指标目标高于 100%。

    为什么: 目标应合理可行（88号文“适当性、可行性”）；感染率“≤0%”这类目标实际无法衡量，却常被直接判为达成。
    示例: 新冠病毒感染率 目标“≤0%”，完成“≤0%”，满分 → 报告。
    依据: 《中央部门预算绩效目标管理办法》（财预〔2015〕88号）审核“可行性”；RULES.md §6.3（M+S）。
    已知局限: 只识别数值上的不可能；“100%”等过高但可能的目标不报告。
    """
    for ind in form.indicators:
        v = parse_value(ind.target)
        if v.number is None or v.kind not in (ValueKind.QUANTITY, ValueKind.TEXT_WITH_NUMBER):
            continue
        reason = None
        if v.number == 0 and v.op in (Op.LE, Op.LT, Op.EQ):
            reason = f"目标“{ind.target}”为零，无法衡量完成程度"
        elif v.number < 0 and v.op in (Op.LE, Op.LT):
            reason = f"目标“{ind.target}”为负数"
        elif (
            v.unit == "%"
            and v.number > 100
            and v.op in (Op.GE, Op.GT, Op.EQ)
            and _RATE_NAME.search(ind.name or "")
        ):
            reason = f"比率类指标的目标“{ind.target}”高于 100%"
        elif v.unit == "%" and v.number == 100 and v.op == Op.GT:
            reason = f"目标“{ind.target}”（大于 100%）无法达到"
        if reason:
            yield ctx.finding(
                f"{ctx.where} {ind.path}：{reason}",
                "设置可衡量、可实现的目标值",
                ind.refs.get("target") or ind.refs.get("name"),
            )


@check("JX403", "target_not_measurable", Severity.WARNING, title="目标未量化")
def target_not_measurable(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 数量指标、成本指标没有量化的目标值（只有文字，或只有比较符号没有数值，如“≤核定数”）。

    为什么: 目标应“细化量化”；数量和成本指标以数值衡量，文字目标无法判断完成程度。
    示例: 成本指标 各项经费成本 目标“≤核定数” → 报告；写“≤20万元”后不报。
    依据: 财预〔2015〕88号“细化量化”；财预〔2021〕101号（计算符号 + 数值 + 计量单位）；RULES.md §2、§6.2、§8-12（M+S）。
    已知局限: 质量、时效、效益指标允许定性目标，不检查文字目标；但任何指标的目标只写“定性”二字（占位）都报告。
    """
    for ind in form.indicators:
        if ind.target == "定性":
            yield ctx.finding(
                f"{ctx.where} {ind.path}：年度指标值只写了“定性”，没有写明目标",
                "写明定性目标的具体内容（如“按规定及时拨付”），或改为可衡量的数值",
                ind.refs.get("target") or ind.refs.get("name"),
            )
            continue
        if ind.level2 not in ("数量指标", "成本指标", "经济成本指标") or ind.target is None:
            continue
        v = parse_value(ind.target)
        if v.kind == ValueKind.QUALITATIVE:
            yield ctx.finding(
                f"{ctx.where} {ind.path}：{ind.level2}的目标“{ind.target}”没有数值",
                "写明比较符号、数值和计量单位，如“≥500人次”“≤20万元”",
                ind.refs.get("target") or ind.refs.get("name"),
            )


@check("JX404", "missing_output_or_outcome", Severity.WARNING, whole=True, title="缺少产出或效益指标")
def missing_output_or_outcome(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 指标体系中没有产出指标或没有效益指标。

    为什么: 原则上每个项目都须设置产出和效益指标（101号文），否则无法反映做了什么、起了什么作用。
    示例: 只有产出指标和满意度指标 → 报告缺少效益指标。
    依据: 财预〔2021〕101号；RULES.md §2、§8-12（S）。
    已知局限: 按一级指标名称判断（“效果指标”视为效益指标）。
    """
    if form.kind == FormKind.COMPLETION or not form.indicators:
        return
    present = {i.level1 for i in form.indicators}
    for level1 in ("产出指标", "效益指标"):
        if level1 not in present:
            yield ctx.finding(f"{ctx.where}：指标体系中没有{level1}", f"补充{level1}", form.ref)


@check("JX405", "satisfaction_as_outcome", Severity.WARNING, title="满意度指标放错类别")
def satisfaction_as_outcome(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 满意度类指标（名称含“满意”）放在效益指标或产出指标下。

    为什么: 服务对象满意度是独立的一级指标；放在效益指标下会重复计分，也使一级指标分值失真。
    示例: 社会效益指标 “在为民服务方面，群众满意度” → 报告；移到满意度指标下后不报。
    依据: 财预〔2020〕10号 指标体系（产出、效益、满意度）；RULES.md §1.4、§1.7（M）。
    已知局限: 只按名称中的“满意”判断。
    """
    for ind in form.indicators:
        if ind.level1 in ("效益指标", "产出指标") and ind.name and _SATISFACTION.search(ind.name):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：满意度指标放在了{ind.level1}下",
                "将满意度类指标放在“满意度指标/服务对象满意度指标”下",
                ind.refs.get("name"),
            )


@check("JX406", "level1_weights_off_default", Severity.INFO, title="一级指标分值偏离默认值")
def level1_weights_off_default(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 一级指标分值偏离所选规则的默认值（全国：产出 50、效益 30、满意度 10；湖北：产出 40、效益 40）。

    为什么: 10号文要求一级指标权重“原则上”统一，特殊情况可调整；偏离只作提示。
    示例: 产出 50、效益 20、满意度 20 → 提示。
    依据: 财预〔2020〕10号；RULES.md §1.4、§8-2（M/S）。
    已知局限: 只在每行都有分值时按行合计；湖北等只列一级分值的表用印出的一级分值。
    """
    if form.kind == FormKind.COMPLETION:
        return
    defaults = ctx.rules.level1_weights
    actual = dict.fromkeys(defaults, Decimal(0))
    has_rows = False
    for i in form.indicators:
        if i.weight is not None:
            has_rows = True
            if i.level1 in actual:
                actual[i.level1] += i.weight
    if not has_rows:
        if not form.level1_weights:
            return
        actual = {k: form.level1_weights.get(k, Decimal(0)) for k in defaults}
    if any(actual[k] != v for k, v in defaults.items()):
        shown = "、".join(f"{k[:-2]} {fmt(actual[k])}" for k in defaults)
        default = "、".join(f"{k[:-2]} {fmt(v)}" for k, v in defaults.items())
        yield ctx.finding(
            f"{ctx.where}：一级指标分值为 {shown}，默认为 {default}",
            "确有特殊情况的可调整，宜在报告中说明",
            form.ref,
        )


@check("JX407", "satisfaction_missing", Severity.INFO, whole=True, title="未设满意度指标")
def satisfaction_missing(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 项目没有设置满意度指标。

    为什么: 服务对象满意度原则上占 10%；湖北规定暂可不作为必评指标（湖北规则预设不作此提示）。
    示例: 指标只有产出和效益 → 提示。
    依据: 财预〔2020〕10号；RULES.md §1.4、§4.2-4（M/S）。
    已知局限: 只作提示。
    """
    if form.kind == FormKind.COMPLETION or not form.indicators:
        return
    if not any(i.level1 == "满意度指标" for i in form.indicators):
        yield ctx.finding(f"{ctx.where}：没有满意度指标", "原则上设置服务对象满意度指标", form.ref)


@check("JX408", "actual_restates_target", Severity.WARNING, title="完成值照抄目标值")
def actual_restates_target(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 实际完成值带有比较符号（如“≥85%”“≤1年”），是把目标抄作完成值，而不是实测值。

    为什么: 完成值应是实际达到的数；照抄目标无法复核是否真正完成。
    示例: 参保率 目标“≥85%”，完成“≥85%” → 报告；填“87.3%”后不报。
    依据: 财预〔2020〕10号 自评内容（对照年初目标填写实际完成值）；RULES.md §1.3（M+S）。
    已知局限: 只识别以比较符号开头的完成值。
    """
    for ind in form.indicators:
        v = parse_value(ind.actual)
        if (
            v.op is not None
            and v.kind in (ValueKind.QUANTITY, ValueKind.DEADLINE)
            and ind.actual
            and ind.actual[:1] in "≥≤><=不"
        ):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：实际完成值“{ind.actual}”是目标的写法，不是实测值",
                "填写实际达到的数值",
                ind.refs.get("actual") or ind.refs.get("name"),
            )


@check("JX409", "cost_target_exceeds_budget", Severity.WARNING, title="成本目标超过项目资金")
def cost_target_exceeds_budget(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 成本指标的金额目标超过项目全部资金的 1.5 倍。

    为什么: 项目的成本不可能超过它的全部资金，多为单位写错（元/万元）或抄错数。
    示例: 项目资金 50 万元，成本指标 运行成本 目标“134万元” → 报告。
    依据: 财预〔2015〕88号“相应匹配”（绩效目标与资金量匹配）；RULES.md §6.2（M）。
    已知局限: 只比较以万元、元计的总额目标；“元/人”等单价不比较。
    """
    total = form.funds.total if form.funds else None
    budget = None
    if total is not None:
        budget = total.annual_budget or total.initial_budget
    if not budget:
        return
    for ind in form.indicators:
        if ind.level2 not in ("成本指标", "经济成本指标"):
            continue
        v = parse_value(ind.target)
        if v.number is None or v.unit not in _MONEY:
            continue
        amount = v.number * v.multiplier / (Decimal(10000) if v.unit == "元" else Decimal(1))
        if amount > budget * Decimal("1.5"):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：成本目标“{ind.target}”超过项目资金 {fmt(budget)} 万元",
                "核对金额和单位",
                ind.refs.get("target") or ind.refs.get("name"),
            )


@check("JX410", "overachievement_without_note", Severity.WARNING, title="大幅超额完成未说明")
def overachievement_without_note(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 实际完成值远超目标值（达到所选规则规定的倍数，如广西 130%），却没有说明原因。

    为什么: 大幅超额完成多因目标设置过低，须分析原因；10号文规定因目标明显偏低的应适度调减得分。
    示例: 广西规则下，目标 ≥100 人次，完成 150 人次，偏差原因空白 → 报告。
    依据: 财预〔2020〕10号；RULES.md §1.5(b)（S：广西 [C3]）。
    已知局限: 只在所选规则设置了倍数时检查（全国规则不设）；只检查正向定量指标。
    """
    ratio = ctx.rules.overachievement_ratio
    if ratio is None:
        return
    for s in ctx.score.indicators:
        sem, ind = s.semantics, s.indicator
        if s.kind != "positive" or sem.a is None or sem.b is None or not sem.a or ind.note:
            continue
        if sem.b >= sem.a * ratio:
            yield ctx.finding(
                f"{ctx.where} {ind.path}：完成 {ind.actual} 达到目标 {ind.target} 的 {fmt((sem.b / sem.a * 100).quantize(Decimal('1')))}%，未说明原因",
                "说明超额完成的原因（目标是否设置过低）",
                ind.refs.get("note") or ind.refs.get("name"),
            )


@check("JX411", "actual_without_unit", Severity.INFO, title="完成值缺计量单位")
def actual_without_unit(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 目标值有计量单位，实际完成值却只有数字。

    为什么: 缺少单位时只能假定与目标同单位，复核时易生歧义（如“278.9万”与“273.86”）。
    示例: 监督检查次数 目标“≥3次”，完成“6” → 提示。
    依据: 财预〔2021〕101号（数值 + 计量单位）；RULES.md §2（S）。
    已知局限: 只作提示；计分时按与目标同单位、且最接近目标的量级理解。
    """
    for ind in form.indicators:
        a, b = parse_value(ind.target), parse_value(ind.actual)
        has_unit = a.unit is not None or a.multiplier != 1
        if (
            a.kind == ValueKind.QUANTITY
            and has_unit
            and b.kind == ValueKind.QUANTITY
            and b.unit is None
            and b.multiplier == 1
        ):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：目标“{ind.target}”有单位，完成“{ind.actual}”没有单位",
                "完成值写明计量单位",
                ind.refs.get("actual") or ind.refs.get("name"),
            )


_RATE_WORDS = re.compile(r"(率|比例|覆盖|占比)$")
_COST_RATES = re.compile(r"(支出率|执行率|节约率|控制率|降低率|下降率|使用率|成本率)$")


@check("JX412", "cost_indicator_not_cost", Severity.WARNING, title="成本指标衡量的不是成本")
def cost_indicator_not_cost(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 成本指标衡量的不是成本：目标是百分比且名称是比率（“救助比例”“参保率”），没有任何金额字样。

    为什么: 成本指标应反映经济成本（金额、单价、标准）；把比率放在成本指标下，成本控制就没有衡量。
    示例: 成本指标 住院医疗费用救助比例 目标“≥80%” → 报告。
    依据: 财预〔2021〕101号 成本指标（经济成本、社会成本、生态环境成本）；RULES.md §2（S）。
    已知局限: 只按名称和单位判断；支出率、执行率、节约率、控制率等反映成本控制的比率不报告。
    """
    for ind in form.indicators:
        if ind.level2 not in ("成本指标", "经济成本指标") or not ind.name:
            continue
        v = parse_value(ind.target)
        if v.unit == "%" and _RATE_WORDS.search(ind.name) and not _COST_RATES.search(ind.name):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：成本指标“{ind.name}”（目标 {ind.target}）是比率，不是成本",
                "成本指标应写金额、单价或标准；比率类指标放在质量或效益指标下",
                ind.refs.get("name"),
            )


_SATISFACTION_NAME = re.compile(r"满意|满足|认可|评价|需求|需要")


@check("JX413", "satisfaction_row_not_satisfaction", Severity.WARNING, title="满意度指标下不是满意度")
def satisfaction_row_not_satisfaction(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 满意度指标下的指标衡量的不是满意度（如政策知晓率、投诉量）。

    为什么: 服务对象满意度指标只衡量服务对象的满意程度；知晓率、投诉量属于效益或质量指标，放错会使一级指标失真。
    示例: 满意度指标 政策知晓率 目标“≥90%” → 报告。
    依据: 财预〔2020〕10号 指标体系；RULES.md §1.4、§1.7（M）。
    已知局限: 只按名称中是否含“满意、满足、认可、评价、需求、需要”判断。
    """
    for ind in form.indicators:
        if ind.level1 == "满意度指标" and ind.name and not _SATISFACTION_NAME.search(ind.name):
            yield ctx.finding(
                f"{ctx.where} {ind.path}：“{ind.name}”放在满意度指标下，但衡量的不是满意度",
                "移到相应的效益或质量指标下，满意度指标衡量服务对象满意程度",
                ind.refs.get("name"),
            )


@check("JX414", "target_without_unit", Severity.INFO, title="目标值缺计量单位")
def target_without_unit(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 定量目标只有数字，没有计量单位（如“5”“390.40”“>95”）。

    为什么: 目标应写明“计算符号 + 数值 + 计量单位”；缺少单位的目标无法复核，也难与完成值比较。
    示例: 数量指标 拨付医院数量 目标“5” → 提示；写“5家”后不提示。
    依据: 财预〔2021〕101号；包头审核要点“计量单位”；RULES.md §2、§6.3（S）。
    已知局限: 只作提示；名称里已写明单位的（“租赁房屋1套”）也会提示。
    """
    for ind in form.indicators:
        v = parse_value(ind.target)
        if v.kind == ValueKind.QUANTITY and v.unit is None and v.multiplier == 1:
            yield ctx.finding(
                f"{ctx.where} {ind.path}：目标“{ind.target}”没有计量单位",
                "写明计量单位，如“5家”“390.4万元”“>95%”",
                ind.refs.get("target") or ind.refs.get("name"),
            )
