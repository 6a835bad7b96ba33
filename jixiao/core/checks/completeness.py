"""JX1xx — completeness: blanks, template text, missing explanations, dates."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.core.checks.base import FormContext, check
from jixiao.core.enums import FormKind, Severity
from jixiao.core.model import Finding, Form
from jixiao.core.scoring.semantics import fmt

_EMPTY_GOAL = re.compile(r"目标\s*\d+\s*(?:完成情况)?\s*[:：]\s*(?=目标\s*\d+|\.{2,}|…|$)")
_INSTRUCTION = re.compile(
    r"[（(][^（）()]{0,40}(概括表述|请填写|请根据|填写说明|如实填写|按要求填写)[^（）()]{0,40}[）)]"
)
_PLACEHOLDER = re.compile(r"(XXXX|××××|xxxx|＊＊＊|\*\*\*)")
_TEMPLATE = re.compile("|".join(f"(?:{p.pattern})" for p in (_EMPTY_GOAL, _INSTRUCTION, _PLACEHOLDER)))
_TEMPLATE_HINT = re.compile(r"目标\s*\d|表述|填写|请根据|XXXX|××××|xxxx|＊＊＊|\*\*\*")
_DATE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?"
)


def _has_weights(form: Form) -> bool:
    """Whether the layout prints a 分值 per indicator row (Hubei forms do not)."""
    return any(i.weight is not None for i in form.indicators)


def _has_scores(form: Form) -> bool:
    return form.kind != FormKind.COMPLETION


@check("JX101", "missing_values", Severity.ERROR, whole=True, title="必填项空白")
def missing_values(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 必填的指标值、实际完成值、分值、得分，以及预算执行行的执行数、得分为空。

    为什么: 空白的单元格无法复核，常见于半填的表（行有分值却无目标和完成值）。
    示例: "医保基金医疗赔付55万元" 分值 10，年度指标值、实际完成值、得分均空白 → 报告；补齐后不报。
    依据: 财预〔2020〕10号 附件1 表样；RULES.md §1.7、§8-4（M+S）。
    已知局限: 湖北表每行不列分值、得分写在合并单元格中，只在本表有指标列出分值时才要求各行的分值和得分；
        约束性指标行不检查；绩效完成表不要求分值和得分。
    """
    per_row_weights = _has_weights(form)
    for ind in form.indicators:
        if ind.level1 == "约束性指标":
            continue
        missing = []
        if ind.target is None:
            missing.append("年度指标值")
        if ind.actual is None:
            missing.append("实际完成值")
        if per_row_weights and ind.weight is None:
            missing.append("分值")
        if per_row_weights and _has_scores(form) and ind.score is None:
            missing.append("得分")
        if missing:
            yield ctx.finding(
                f"{ctx.where} {ind.path}：{'、'.join(missing)}为空",
                "补填空白单元格；该指标不再使用时应从表中删除并调整分值",
                ind.refs.get("name"),
            )
    total = form.funds.total if form.funds else None
    if form.kind == FormKind.COMPLETION:
        return
    if form.funds is not None and total is None:
        yield ctx.finding(f"{ctx.where} 项目资金：缺少“年度资金总额”行", "补填年度资金总额行", form.ref)
    elif total is not None:
        if total.executed is None:
            yield ctx.finding(
                f"{ctx.where} 年度资金总额：全年执行数为空", "补填全年执行数", total.refs.get("label")
            )
        if total.score is None:
            yield ctx.finding(
                f"{ctx.where} 年度资金总额：预算执行率得分为空",
                "按“执行率 × 分值”填写得分",
                total.refs.get("label"),
            )
    if form.total_score is None:
        yield ctx.finding(
            f"{ctx.where}：总分（得分）为空", "填写总分：预算执行率得分与各指标得分之和", form.ref
        )


@check("JX102", "template_text_not_filled", Severity.WARNING, title="模板文字未填写")
def template_text_not_filled(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 模板的提示文字或空的占位项（"目标2完成情况："后无内容、"（概括表述……）"、"XXXX"）留在表中。

    为什么: 说明模板没有认真填写，也会让公开的表显得敷衍。
    示例: 年度目标完成情况写"目标1完成情况：……目标2完成情况：目标3完成情况：" → 报告；删去空的目标2、目标3后不报。
    依据: RULES.md §6.2 绩效目标应完整、明确（S）。
    已知局限: 只识别常见的占位写法；叙述文字中的模板提示由报告检查另行处理。
    """
    candidates: list[tuple[object, str, str | None]] = []
    if form.goals:
        candidates += [(None, "预期目标", form.goals.expected), (None, "实际完成情况", form.goals.actual)]
    for ind in form.indicators:
        candidates += [(ind, "年度指标值", ind.target), (ind, "实际完成值", ind.actual)]
    for ind, what, text in candidates:
        if not text or not _TEMPLATE_HINT.search(text):
            continue
        found = _TEMPLATE.search(text)
        if found:
            label = what if ind is None else f"{ind.path} {what}"  # type: ignore[attr-defined]
            yield ctx.finding(
                f"{ctx.where} {label}：模板文字未填写——“{found.group(0).strip()}”",
                "删去未使用的占位项，或填写实际内容",
                form.refs.get("goals") if ind is None else form.ref,
            )


@check("JX103", "missing_deviation_note", Severity.WARNING, title="扣分或未完成却未说明原因")
def missing_deviation_note(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 指标未完成或被扣分，但“偏差原因分析及改进措施/未完成原因分析”为空。

    为什么: 10号文要求对未完成或偏离较大的目标分析原因并提出改进措施；只扣分不说明，复核无从判断。
    示例: 补助人员数量 目标 ≥2780000人，完成 2738600人，得分 19/20，偏差原因空白 → 报告；写明原因后不报。
        广西等地规则要求完成值超过目标值 130% 时也须说明（由 overachievement_without_note 报告）。
    依据: 财预〔2020〕10号 第十三条（自评内容）；RULES.md §1.3、§8-9（M+S）。
    已知局限: 湖北表的“偏差大或目标未完成原因分析”是整表一栏，该栏填写即视为有说明。
    """
    footer = form.fields.get("偏差大或目标未完成原因分析")
    if footer and footer not in ("无",):
        return
    for s in ctx.score.indicators:
        ind = s.indicator
        if ind.note:
            continue
        deducted = ind.weight is not None and ind.score is not None and ind.score < ind.weight
        if s.met is False or deducted:
            what = []
            if s.met is False:
                what.append(f"目标 {ind.target}，完成 {ind.actual}，未达成")
            if deducted:
                what.append(f"得分 {fmt(ind.score)}/{fmt(ind.weight)}")
            yield ctx.finding(
                f"{ctx.where} {ind.path}：{'，'.join(what)}，但偏差原因未填写",
                "在偏差原因分析栏写明未完成或扣分的原因及改进措施",
                ind.refs.get("note") or ind.refs.get("name"),
            )


def _date(text: str) -> tuple[int, int, int | None] | None:
    m = _DATE.search(text)
    if not m:
        return None
    if m.group(1):
        return int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
    return int(m.group(4)), int(m.group(5)), int(m.group(6)) if m.group(6) else None


@check("JX104", "date_before_year_end", Severity.ERROR, title="填报日期早于年度结束")
def date_before_year_end(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: N 年度的自评表，填报日期（或评价时间）早于 N 年年底。

    为什么: 年度自评须在年度结束、决算数据形成后进行；早于年底的日期说明日期或年度填错。
    示例: 2023年度项目自评表 填报日期 2023年6月 → 报告；改为 2024年3月 后不报。
    依据: 财预〔2020〕10号 第四条、第十二条（年度自评）；RULES.md §1.3（M）。
    已知局限: 只读表头的“填报日期/填报时间/评价时间”；只有年月时按该月最后一天判断。
    """
    if form.year is None:
        return
    for label in ("填报日期", "评价时间"):
        text = form.fields.get(label)
        parsed = _date(text) if text else None
        if parsed is None:
            continue
        year, month, day = parsed
        if year < form.year or (year == form.year and (month < 12 or (day is not None and day < 31))):
            yield ctx.finding(
                f"{ctx.where}：{form.year}年度自评表的{label}为“{text}”，早于{form.year}年年底",
                "核对填报日期或表题年度",
                form.refs.get(label),
            )


@check("JX105", "category_not_ticked", Severity.WARNING, title="类别未勾选")
def category_not_ticked(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 项目类别、项目属性、项目类型等勾选项一个也没有勾选。

    为什么: 湖北等地模板要求勾选项目类别（部门预算项目/专项/转移支付）、属性（持续性/新增性）和类型（常年性/延续性/一次性），
        它们决定结果应用方式。
    示例: 项目类别 “1、部门预算项目☐ 2、区直专项☐ 3、区对下转移支付项目☐” → 报告；勾选其一后不报。
    依据: 湖北项目自评表表头；RULES.md §4.1（S）。
    已知局限: 只识别网页文本中的复选框（☐/☑）；扫描件的勾选由 OCR 读出后才能检查。
    """
    for label in ("项目类别", "项目属性", "项目类型"):
        text = form.fields.get(label)
        if text and "☐" in text and "☑" not in text:
            yield ctx.finding(f"{ctx.where}：{label}未勾选任何一项", f"勾选{label}", form.refs.get(label))


@check("JX106", "missing_header_fields", Severity.WARNING, title="表头信息空白")
def missing_header_fields(form: Form, ctx: FormContext) -> Iterator[Finding]:
    """检查内容: 项目名称、主管部门或实施单位空白（部门整体自评表只查单位名称）。

    为什么: 表头说明这是谁的哪个项目；缺少主管部门或实施单位，自评结果无法归口应用。
    示例: 实施单位一栏空白 → 报告；填写后不报。
    依据: 财预〔2020〕10号 附件1 表样（项目名称、主管部门、实施单位）；RULES.md §1.7（M）。
    已知局限: 表中根本没有该栏（如只有“填报单位”）时不报告；绩效完成表不查实施单位。
    """
    labels = [("project", "单位名称" if form.kind == FormKind.DEPARTMENT else "项目名称")]
    if form.kind == FormKind.PROJECT:
        labels += [("department", "主管部门"), ("implementer", "实施单位")]
    for attr, label in labels:
        key = "unit_name" if form.kind == FormKind.DEPARTMENT and attr == "project" else attr
        printed = key in form.refs
        if getattr(form, attr) is None and printed:
            yield ctx.finding(f"{ctx.where}：{label}为空", f"填写{label}", form.refs.get(key))
