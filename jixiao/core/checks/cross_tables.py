"""JX521 — the 决算 tables against each other (RULES.md §7.3 X1 … X10), and the self-evaluation
forms against the 决算."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from jixiao.core.checks.amounts import _CENT, _ref, _tol, _v
from jixiao.core.checks.base import DocumentContext, document_check
from jixiao.core.documents.accounts.model import Accounts
from jixiao.core.enums import FormKind, Severity
from jixiao.core.model import Finding, Form
from jixiao.core.scoring.semantics import fmt

_CROSS = [
    # (description, (table, path), (table, path), hard?)
    ("01表本年收入合计 = 02表合计本年收入合计", ("01", "income_total"), ("02", "row:合计:本年收入合计")),
    ("02表合计财政拨款收入 = 04表本年收入合计", ("02", "row:合计:财政拨款收入"), ("04", "income_total")),
    ("01表本年支出合计 = 03表合计本年支出合计", ("01", "expense_total"), ("03", "row:合计:本年支出合计")),
    (
        "04表一般公共预算财政拨款本年支出合计 = 05表合计本年支出小计",
        ("04", "expense_total.一般公共预算财政拨款"),
        ("05", "row:合计:本年支出小计"),
    ),
    (
        "04表政府性基金预算财政拨款本年支出合计 = 07表本年支出小计",
        ("04", "expense_total.政府性基金预算财政拨款"),
        ("07", "row:合计:本年支出小计"),
    ),
    (
        "04表国有资本经营预算财政拨款本年支出合计 = 08表本年支出合计",
        ("04", "expense_total.国有资本经营预算财政拨款"),
        ("08", "row:合计:本年支出合计"),
    ),
]


@document_check("JX521", "cross_table_mismatch", Severity.ERROR, title="表间勾稽不符")
def cross_table_mismatch(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 决算表之间的勾稽关系不成立（RULES.md §7.3 X1–X10），或自评表与决算表对不上（部门整体支出总额、项目支出）。

    为什么: 同一笔收支在多张表中出现，数字必须一致；部门整体自评表的支出总额应来自决算。
    示例: 部门整体自评表 部门整体支出总额 11757.05，决算 本年支出合计 11229.01 → 报告。
    依据: 部门决算公开表样；RULES.md §7.3（X1–X10）、§8-13（S）。
    已知局限: 04 与 05 逐类比较一般公共预算财政拨款（X4）；空表（政府性基金、国有资本经营无数）按 0 计；X9、X10（“三公”表与基本支出明细）只在“三公”数小于明细数时报告；
        项目自评表执行数之和与决算项目支出相差时只作警告（并非每个项目都须附自评表）。
    """
    for accounts in ctx.accounts:
        for description, (ta, pa), (tb, pb) in _CROSS:
            if accounts.table(ta) is None or accounts.table(tb) is None:
                continue
            a, b = _v(accounts.value(ta, pa)), _v(accounts.value(tb, pb))
            if abs(a - b) > _CENT:
                yield ctx.finding(
                    f"{description} 不成立：{fmt(a)} ≠ {fmt(b)}",
                    "核对两张表的同一数字",
                    _ref(accounts.tables[tb], pb),
                )
        t01, t02, t03, t04 = (accounts.table(n) for n in ("01", "02", "03", "04"))
        if t01 is not None and t02 is not None and t04 is not None:
            fiscal = sum(
                (_v(v) for k, v in t01.data.get("income_rows", {}).items() if "财政拨款" in k), Decimal(0)
            )
            if abs(fiscal - _v(t04.data.get("income_total"))) > _tol(3):
                yield ctx.finding(
                    f"01表三项财政拨款收入之和 {fmt(fiscal)} ≠ 04表本年收入合计 {fmt(_v(t04.data.get('income_total')))}",
                    "核对两张表的财政拨款收入",
                    t04.refs.get("income_total"),
                )
        if t01 is not None and t03 is not None:
            for name, value in t01.data.get("expense_rows", {}).items():
                row = t03.row(name=name)
                if row is not None and abs(_v(value) - _v(row["values"].get("本年支出合计"))) > _CENT:
                    yield ctx.finding(
                        f"01表“{name}” {fmt(_v(value))} ≠ 03表同类 {fmt(_v(row['values'].get('本年支出合计')))}",
                        "核对两张表的同一类支出",
                        t01.refs.get(f"expense_rows.{name}"),
                    )
        t05, t06 = accounts.table("05"), accounts.table("06")
        if t04 is not None and t05 is not None:
            for name, values in t04.data.get("expense_rows", {}).items():
                general = _v(values.get("一般公共预算财政拨款")) if isinstance(values, dict) else Decimal(0)
                row = t05.row(name=name)
                other = _v(row["values"].get("本年支出小计")) if row is not None else Decimal(0)
                if abs(general - other) > _CENT:
                    yield ctx.finding(
                        f"04表“{name}”一般公共预算财政拨款 {fmt(general)} ≠ 05表同类 {fmt(other)}"
                        + ("" if row is not None else "（05表无此类）"),
                        "核对两张表的同一类支出",
                        t04.refs.get(f"expense_rows.{name}.一般公共预算财政拨款"),
                    )
        if t05 is not None and t06 is not None:
            basic = _v(accounts.value("05", "row:合计:基本支出"))
            detail = _v(t06.data.get("personnel_total")) + _v(t06.data.get("public_total"))
            if abs(basic - detail) > _tol(2):
                yield ctx.finding(
                    f"05表基本支出 {fmt(basic)} ≠ 06表人员经费合计 + 公用经费合计 {fmt(detail)}",
                    "核对基本支出明细",
                    t06.refs.get("public_total"),
                )
        if t05 is not None and t03 is not None:
            for column in ("基本支出", "项目支出"):
                fiscal, whole = (
                    _v(accounts.value("05", f"row:合计:{column}")),
                    _v(accounts.value("03", f"row:合计:{column}")),
                )
                if fiscal > whole + _CENT:
                    yield ctx.finding(
                        f"05表（财政拨款）{column} {fmt(fiscal)} 大于 03表（全部资金）{fmt(whole)}",
                        "财政拨款支出不应大于全部支出",
                        t05.refs.get(f"rows[0].{column}"),
                    )
        t09 = accounts.table("09")
        if t09 is not None and t06 is not None:
            for item, field, name in (
                ("30231", "vehicle_operation", "公务用车运行维护费"),
                ("30217", "reception", "公务接待费"),
            ):
                row = t06.row(code=item)
                spent = _v(t09.data.get("actual", {}).get(field))
                if row is not None and _v(row["amount"]) > spent + _CENT:
                    yield ctx.finding(
                        f"09表决算{name} {fmt(spent)} 小于 06表 {item} {fmt(_v(row['amount']))}",
                        "“三公”表应包含基本支出中的同项支出",
                        t09.refs.get(f"actual.{field}"),
                    )
        yield from _forms_against(forms, accounts, ctx)


def _forms_against(forms: Sequence[Form], accounts: Accounts, ctx: DocumentContext) -> Iterator[Finding]:
    spent = accounts.value("01", "expense_total") or accounts.value("03", "row:合计:本年支出合计")
    for form in forms:
        total = form.funds.total if form.funds else None
        if form.kind != FormKind.DEPARTMENT or total is None or spent is None:
            continue
        for column, name in (("executed", "执行数"), ("annual_budget", "预算数")):
            value = getattr(total, column)
            if value is not None and abs(value - spent) > _CENT:
                yield ctx.finding(
                    f"第{form.index}张表（部门整体自评表）部门整体支出总额{name} {fmt(value)}，决算本年支出合计为 {fmt(spent)}",
                    "部门整体支出应与部门决算一致",
                    total.refs.get(column) or form.ref,
                    form=form.index,
                )
                break
    project = accounts.value("05", "row:合计:项目支出") or accounts.value("03", "row:合计:项目支出")
    executed = [
        f.funds.total.executed
        for f in forms
        if f.kind == FormKind.PROJECT and f.funds and f.funds.total and f.funds.total.executed is not None
    ]
    if project is not None and executed:
        covered = sum(executed, Decimal(0))
        if abs(covered - project) > _tol(len(executed)):
            yield ctx.finding(
                f"{len(executed)} 张项目自评表的全年执行数合计 {fmt(covered)}，决算项目支出为 {fmt(project)}，"
                f"相差 {fmt(project - covered)}",
                "核对项目自评的覆盖范围：未自评的项目支出应说明原因",
                accounts.tables.get("05", accounts.tables.get("03")).ref if accounts.tables else None,
                severity=Severity.WARNING,
            )
