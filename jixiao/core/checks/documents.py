"""JX5xx — across forms of one document (and, later, forms against the final accounts)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from jixiao.core.checks.base import DocumentContext, document_check
from jixiao.core.enums import FormKind, Severity
from jixiao.core.model import Finding, Form


@document_check("JX501", "completion_table_differs", Severity.WARNING, title="完成表与自评表不一致")
def completion_table_differs(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 同一项目的绩效完成表与项目支出绩效自评表中，同一指标的目标值、完成值或未完成原因不一致。

    为什么: 两张表说的是同一件事，数字或说明不同，至少有一处错；公开后会被质疑。
    示例: 自评表中 城乡居民满意度 未填未完成原因，完成表中写“以后加大政策宣传力度” → 报告。
    依据: RULES.md §4.1 陕西样表（自评表附绩效完成表）、§8-13（S）。
    已知局限: 按项目名称配对两张表，按三级指标名称配对指标；名称不同的指标不比较；两表都写了原因但措辞不同的只作提示
        （一张写原因、一张写措施，未必矛盾）。
    """
    evaluations = {f.project: f for f in forms if f.kind == FormKind.PROJECT and f.project}
    for table in forms:
        if table.kind != FormKind.COMPLETION or table.project not in evaluations:
            continue
        form = evaluations[table.project]
        by_name = {i.name: i for i in form.indicators if i.name}
        for ind in table.indicators:
            other = by_name.get(ind.name)
            if other is None:
                continue
            for label, a, b in (
                ("年度指标值", other.target, ind.target),
                ("实际完成值", other.actual, ind.actual),
                ("未完成原因", other.note, ind.note),
            ):
                if (a or "") != (b or "") and not (label != "未完成原因" and _same_number(a, b)):
                    # differing wording of two notes (a cause, a remedy) is worth a look, not an error;
                    # a note present in one table and missing in the other is a real gap
                    wording = label == "未完成原因" and a and b
                    yield ctx.finding(
                        f"第{form.index}张表与第{table.index}张表（绩效完成表）{ind.name}：{label}分别为"
                        f"“{a or '空白'}”和“{b or '空白'}”",
                        "统一两张表的内容",
                        ind.refs.get("name"),
                        form=table.index,
                        severity=Severity.INFO if wording else None,
                    )


def _same_number(a: str | None, b: str | None) -> bool:
    """ "300" and "300万元" are the same figure written twice."""
    from jixiao.core.values import parse_value

    va, vb = parse_value(a), parse_value(b)
    if va.number is None or vb.number is None or va.op != vb.op:
        return False
    same_unit = va.unit == vb.unit or va.unit is None or vb.unit is None
    return same_unit and va.number * va.multiplier == vb.number * vb.multiplier


@document_check("JX502", "department_name_inconsistent", Severity.WARNING, title="主管部门名称不一致")
def department_name_inconsistent(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 同一文件中各表的主管部门写法不一致（如“明光市医疗保障局”“明光市医疗保险局”“区医保局”“医保局”）。

    为什么: 主管部门是同一个单位，写法不一致会使结果归口出错，公开文件也显得不严谨。
    示例: 第1张表主管部门“明光市医疗保障局”，第4张表“医保局” → 报告。
    依据: RULES.md §8-13（S：明光 2021 样表）。
    已知局限: 只比较项目支出自评表的主管部门；多个主管部门的汇编文件也会提示。
    """
    names: dict[str, list[Form]] = {}
    for form in forms:
        if form.kind == FormKind.PROJECT and form.department:
            names.setdefault(form.department, []).append(form)
    if len(names) < 2:
        return
    main = max(names, key=lambda n: (len(names[n]), len(n)))
    for name, group in names.items():
        if name == main:
            continue
        indexes = "、".join(f"第{f.index}张表" for f in group)
        yield ctx.finding(
            f"{indexes}的主管部门写作“{name}”，其他表写作“{main}”",
            "统一主管部门的全称",
            group[0].refs.get("department"),
            form=group[0].index,
        )
