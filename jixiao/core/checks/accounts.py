"""Checks on the 部门决算: table identities, tables against each other, text against tables.

The identities are those of RULES.md §7.3 (within-table 01-a … 09-b, the hierarchy H, and the
cross-table X1 … X10). Tables are rounded after unit conversion, so every sum is allowed
±0.01 per summed term (in L4, Σ of the 01 income rows is 11,229.02 against a printed 11,229.01).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from itertools import product

from jixiao.core.checks.base import DocumentContext, document_check
from jixiao.core.documents.accounts.model import Accounts, Figure, Table
from jixiao.core.enums import FormKind, Severity
from jixiao.core.model import Finding, Form, SourceRef
from jixiao.core.scoring.semantics import fmt

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)
_CHILD_PARENT = {5: 3, 7: 5}


def _tol(terms: int) -> Decimal:
    return _CENT * max(1, terms)


def _v(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(0)


def _ref(table: Table, path: str) -> SourceRef | None:
    return table.ref_of(path)


def _pct(value: Decimal) -> str:
    return f"{fmt((value * _HUNDRED).quantize(Decimal('0.01')))}%"


def _sum_check(
    ctx: DocumentContext,
    table: Table,
    label: str,
    total: object,
    parts: Sequence[object],
    where: str,
    detail: str,
) -> Iterator[Finding]:
    if total is None or all(p is None for p in parts):
        return
    s = sum((_v(p) for p in parts), Decimal(0))
    if abs(s - _v(total)) > _tol(len(parts)):
        yield ctx.finding(
            f"{table.number}表 {table.title}：{label} {fmt(_v(total))}，而 {detail} = {fmt(s)}",
            "核对合计与各项数字",
            _ref(table, where),
        )


@document_check("JX221", "table_total_mismatch", Severity.ERROR)
def table_total_mismatch(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 决算表的合计、总计不等于其各行或各列之和（RULES.md §7.3 的表内等式 01-a…09-b）。

    为什么: 决算表之间、表内各栏有固定的勾稽关系，合计不符说明有数字录错或漏项。
    示例: 收入支出决算总表 本年收入合计 11229.01，八项收入之和 11229.02 → 在尾数误差内，不报；若为 11300 → 报告。
    依据: 部门决算公开表样；RULES.md §7.2、§7.3（S）。
    已知局限: 每个相加项容许 0.01 的尾数误差；空白的格按 0 计；只检查识别出的表。
    """
    for accounts in ctx.accounts:
        yield from _within(accounts, ctx)


# Keyed identities of tables 01, 04 and 09: (table, label, total path, part paths, what the parts are).
# A part path ending in ".*" stands for every value of that mapping.
_KEYED: list[tuple[str, str, str, tuple[str, ...], str]] = [
    ("01", "本年收入合计", "income_total", ("income_rows.*",), "各项收入之和"),
    (
        "01",
        "收入总计",
        "income_grand_total",
        ("income_total", "use_of_non_fiscal_balance", "opening_balance"),
        "本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
    ),
    (
        "01",
        "支出总计",
        "expense_grand_total",
        ("expense_total", "surplus_distribution", "closing_balance"),
        "本年支出合计 + 结余分配 + 年末结转和结余",
    ),
    ("01", "本年支出合计", "expense_total", ("expense_rows.*",), "各类支出之和"),
    ("04", "本年收入合计", "income_total", ("income_rows.*",), "三项财政拨款收入之和"),
    ("04", "年初财政拨款结转和结余", "opening_balance", ("opening_balance_rows.*",), "其下三项之和"),
]
for _side, _label in (("budget", "预算数"), ("actual", "决算数")):
    _KEYED += [
        (
            "09",
            f"{_label}合计",
            f"{_side}.total",
            (f"{_side}.abroad", f"{_side}.vehicle_total", f"{_side}.reception"),
            "因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费",
        ),
        (
            "09",
            f"{_label}公务用车购置及运行维护费",
            f"{_side}.vehicle_total",
            (f"{_side}.vehicle_purchase", f"{_side}.vehicle_operation"),
            "公务用车购置费 + 公务用车运行维护费",
        ),
    ]


def _get(data: dict[str, object], path: str) -> object:
    node: object = data
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _parts(data: dict[str, object], paths: Sequence[str]) -> list[object]:
    out: list[object] = []
    for path in paths:
        if path.endswith(".*"):
            node = _get(data, path[:-2])
            out += list(node.values()) if isinstance(node, dict) else []
        else:
            out.append(_get(data, path))
    return out


def _within(accounts: Accounts, ctx: DocumentContext) -> Iterator[Finding]:
    for number, label, total, parts, detail in _KEYED:
        t = accounts.table(number)
        if t is not None:
            yield from _sum_check(ctx, t, label, _get(t.data, total), _parts(t.data, parts), total, detail)
    t = accounts.table("01")
    if t is not None:
        d = t.data
        grand_in, grand_out = d.get("income_grand_total"), d.get("expense_grand_total")
        if grand_in is not None and grand_out is not None and abs(_v(grand_in) - _v(grand_out)) > _CENT:
            yield ctx.finding(
                f"01表：收入总计 {fmt(_v(grand_in))} 与支出总计 {fmt(_v(grand_out))} 不等",
                "收入总计应等于支出总计",
                _ref(t, "expense_grand_total"),
            )
    t = accounts.table("04")
    if t is not None:
        d = t.data
        columns = d.get("columns", [])
        for name, values in [
            *d.get("expense_rows", {}).items(),
            ("本年支出合计", d.get("expense_total") or {}),
        ]:
            if isinstance(values, dict) and columns:
                path = (
                    f"expense_rows.{name}.{columns[0]}"
                    if name != "本年支出合计"
                    else f"expense_total.{columns[0]}"
                )
                yield from _sum_check(
                    ctx,
                    t,
                    f"{name} 合计",
                    values.get(columns[0]),
                    [values.get(c) for c in columns[1:]],
                    path,
                    "三类财政拨款之和",
                )
        grand_in, grand_out = (
            d.get("income_grand_total"),
            (d.get("expense_grand_total") or {}).get(columns[0] if columns else ""),
        )
        if grand_in is not None and grand_out is not None and abs(_v(grand_in) - _v(grand_out)) > _CENT:
            yield ctx.finding(
                f"04表：收入总计 {fmt(_v(grand_in))} 与支出总计 {fmt(_v(grand_out))} 不等",
                "收入总计应等于支出总计",
                _ref(t, "income_grand_total"),
            )
    for number, total_col, parts in (
        (
            "02",
            "本年收入合计",
            ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
        ),
        ("03", "本年支出合计", ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]),
        ("05", "本年支出小计", ["基本支出", "项目支出"]),
        ("07", "本年支出小计", ["基本支出", "项目支出"]),
        ("08", "本年支出合计", ["基本支出", "项目支出"]),
    ):
        t = accounts.table(number)
        if t is None:
            continue
        for n, row in enumerate(t.rows()):
            values = row["values"]
            yield from _sum_check(
                ctx,
                t,
                f"“{row['name']}”行{total_col}",
                values.get(total_col),
                [values.get(c) for c in parts if c in values],
                f"rows[{n}].{total_col}",
                "+".join(c for c in parts if c in values),
            )
            if number == "07":
                opening, income, spent, closing = (
                    values.get(c) for c in ("年初结转和结余", "本年收入", "本年支出小计", "年末结转和结余")
                )
                if None not in (opening, income, spent, closing) and abs(
                    _v(opening) + _v(income) - _v(spent) - _v(closing)
                ) > _tol(4):
                    yield ctx.finding(
                        f"07表“{row['name']}”行：年初 {fmt(_v(opening))} + 本年收入 {fmt(_v(income))} − 本年支出 {fmt(_v(spent))} ≠ 年末 {fmt(_v(closing))}",
                        "核对政府性基金的结转结余",
                        _ref(t, f"rows[{n}].年末结转和结余"),
                    )
    t = accounts.table("06")
    if t is not None:
        rows = t.rows()
        personnel = [r["amount"] for r in rows if r["code"] in ("301", "303")]
        public = [r["amount"] for r in rows if len(r["code"] or "") == 3 and r["code"] not in ("301", "303")]
        yield from _sum_check(
            ctx, t, "人员经费合计", t.data.get("personnel_total"), personnel, "personnel_total", "301 + 303"
        )
        yield from _sum_check(
            ctx,
            t,
            "公用经费合计",
            t.data.get("public_total"),
            public,
            "public_total",
            " + ".join(
                r["code"] for r in rows if len(r["code"] or "") == 3 and r["code"] not in ("301", "303")
            ),
        )


@document_check("JX222", "children_not_sum_parent", Severity.ERROR)
def children_not_sum_parent(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 科目的下级之和不等于上级：类 = Σ款、款 = Σ项、合计 = Σ类（02、03、05、07、08 表），经济分类类 = Σ款（06 表）；或上级不为零而下级全部空白。

    为什么: 功能分类和经济分类是层级科目，上级数由下级汇总而来；不符说明科目或金额录错。
    示例: 210 卫生健康支出 11208.44，其下 21013 医疗救助 10580.40 + 21015 医疗保障管理事务 628.04 = 11208.44 → 不报。
    依据: 《政府收支分类科目》层级结构；RULES.md §7.3（H、06-c）（S）。
    已知局限: 上下级按编码前缀判断（210 ⊃ 21013 ⊃ 2101399）；每个下级容许 0.01 的尾数误差。
    """
    for accounts in ctx.accounts:
        for number in ("02", "03", "05", "07", "08"):
            t = accounts.table(number)
            if t is None:
                continue
            rows = t.rows()
            coded = [(n, r) for n, r in enumerate(rows) if r.get("code")]
            total = t.total_row()
            for column in t.data.get("columns", []):
                parents = [(n, r) for n, r in coded if len(r["code"]) == 3]
                if total is not None and parents:
                    n_total = rows.index(total)
                    yield from _children(
                        ctx,
                        t,
                        total["name"],
                        total["values"].get(column),
                        [r["values"].get(column) for _, r in parents],
                        f"rows[{n_total}].{column}",
                        column,
                    )
                for n, parent in coded:
                    size = len(parent["code"])
                    if size not in (3, 5):
                        continue
                    kids = [
                        r
                        for _, r in coded
                        if len(r["code"]) == size + 2 and r["code"].startswith(parent["code"])
                    ]
                    if kids:
                        yield from _children(
                            ctx,
                            t,
                            f"{parent['code']} {parent['name']}",
                            parent["values"].get(column),
                            [k["values"].get(column) for k in kids],
                            f"rows[{n}].{column}",
                            column,
                        )
        t = accounts.table("06")
        if t is not None:
            rows = t.rows()
            for n, parent in enumerate(rows):
                if len(parent["code"] or "") != 3:
                    continue
                kids = [
                    r["amount"]
                    for r in rows
                    if len(r["code"] or "") == 5 and r["code"].startswith(parent["code"])
                ]
                if kids:
                    yield from _children(
                        ctx,
                        t,
                        f"{parent['code']} {parent['name']}",
                        parent["amount"],
                        kids,
                        f"rows[{n}].amount",
                        "决算数",
                    )


def _children(
    ctx: DocumentContext, t: Table, label: str, parent: object, kids: list[object], path: str, column: str
) -> Iterator[Finding]:
    if parent is None:
        return
    if all(k is None for k in kids):
        if _v(parent) != 0:
            yield ctx.finding(
                f"{t.number}表 {label}（{column}）为 {fmt(_v(parent))}，其下级科目全部空白",
                "补填下级科目金额",
                _ref(t, path),
            )
        return
    total = sum((_v(k) for k in kids), Decimal(0))
    if abs(total - _v(parent)) > _tol(len(kids)):
        yield ctx.finding(
            f"{t.number}表 {label}（{column}）为 {fmt(_v(parent))}，其下级科目之和为 {fmt(total)}",
            "核对上级科目与下级科目的金额",
            _ref(t, path),
        )


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


@document_check("JX521", "cross_table_mismatch", Severity.ERROR)
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


# ---------------------------------------------------------------- text against tables


def _figures(ctx: DocumentContext, kind: str) -> Iterator[tuple[Accounts, Figure]]:
    for accounts in ctx.accounts:
        for f in accounts.narrative:
            if f.kind == kind:
                yield accounts, f


def _pct_tolerance(f: Figure) -> Decimal:
    """Half a unit of the printed percentage's precision, as a fraction ("99.8%" → 0.0005)."""
    printed = f.context.get("pct")
    if not isinstance(printed, Decimal):
        return Decimal("0.005")
    if printed in (0, 100):
        return Decimal("0.00001")  # "100%" and "0%" claim all or nothing, not a rounding
    return _printed_tolerance(printed) / _HUNDRED


def _ratio(part: Decimal, base: Decimal) -> Decimal:
    """``part ÷ base`` for a positive base (a base at or below zero has no meaningful rate)."""
    if base <= 0:
        raise ZeroDivisionError
    return part / base


def _printed_tolerance(value: Decimal) -> Decimal:
    """Half a unit of the printed precision (10.5 → 0.05; 11208.44 → 0.005)."""
    exponent = value.as_tuple().exponent
    return (
        Decimal(5) * Decimal(10) ** (int(exponent) - 1)
        if isinstance(exponent, int) and exponent < 0
        else Decimal("0.5")
    )


def _off(f: Figure, rate: Callable[..., Decimal], *inputs: Decimal) -> bool:
    """Whether the printed percentage of ``f`` is off by more than rounding explains.

    Each input may lie half a unit of its printed precision either way (41.61 万元 stands for
    41.605 … 41.615), and so may the percentage: only a percentage outside every value the
    printed inputs allow is a slip. A range that reaches a zero base allows anything.
    """
    spans = [(v - _printed_tolerance(v), v + _printed_tolerance(v)) for v in inputs]
    try:
        rates = [rate(*corner) for corner in product(*spans)]
    except (ArithmeticError, ZeroDivisionError):
        return False
    tolerance = _pct_tolerance(f)
    return f.value + tolerance < min(rates) or f.value - tolerance > max(rates)


@document_check("JX522", "narrative_contradicts_table", Severity.ERROR)
def narrative_contradicts_table(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 决算情况说明中的金额与表中同一项的数字不符，或说明所称的科目（类）在表中不存在。

    为什么: 情况说明是对表的文字解释，数字必须与表一致；常见错误是抄错数、把款级金额当作类级、把科目名写错。
    示例: “其他对个人和家庭的补助 48.73 万元”，06表该项为 0（48.73 为 30302 退休费）→ 报告。
    依据: 《地方预决算公开操作规程》（财预〔2016〕143号）“内容准确”；RULES.md §7.3（T1）（R/S）。
    已知局限: 只检查能对应到表中某一格的金额（按说明中金额前的项目名称对应）；按说明所印的小数位比较。
    """
    for accounts, f in _figures(ctx, "amount"):
        if f.table is None or f.cell is None or accounts.table(f.table) is None:
            continue
        value = accounts.value(f.table, f.cell)
        table = accounts.tables[f.table]
        if value is None and f.cell.startswith("row:name="):
            name = f.cell.split("=", 1)[1].split(":", 1)[0]
            holder = next(
                (
                    r
                    for r in table.rows()
                    if _v(r.get("values", {}).get("本年支出小计", r.get("amount"))) == f.value
                ),
                None,
            )
            also = f"（该金额为 {holder['code']} {holder['name']} 的数）" if holder else ""
            yield ctx.finding(
                f"情况说明称“{f.item} {fmt(f.value)} 万元”，{f.table}表中没有“{name}”{also}",
                "按表中的科目名称和金额表述",
                f.ref,
            )
            continue
        if value is None:
            value = Decimal(0)  # an empty table (no 政府性基金) stands for 0
        if abs(value - f.value) > _printed_tolerance(f.value):
            holder = None
            if f.table == "06":
                same = [r for r in table.rows() if r.get("amount") == f.value]
                holder = max(same, key=lambda r: len(r.get("code") or "")) if same else None
            also = f"（{fmt(f.value)} 为 {holder['code']} {holder['name']} 的数）" if holder else ""
            yield ctx.finding(
                f"情况说明称“{f.item} {fmt(f.value)} 万元”，{f.table}表为 {fmt(value)}{also}",
                "按表中数字修改说明",
                f.ref,
            )


@document_check("JX523", "completion_rate_wrong", Severity.ERROR)
def completion_rate_wrong(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 说明中的“完成全年预算的 P%”与“决算数 ÷ 预算数”不符；或所称预算数、决算数与“三公”表不符。

    为什么: 完成预算比例是公开说明的固定内容，计算错误会误导公众对预算执行的判断。
    示例: 全年预算 6 万元、决算 1.57 万元，完成全年预算的 26.2% → 不报；写 62.6% → 报告。
    依据: 部门决算情况说明口径；RULES.md §7.3（T4）、§7.5（S）。
    已知局限: 预算数为 0 时不计算（由 rate_with_zero_base 报告）；按说明所印的小数位比较，
        预算数、决算数也按所印小数位可差半个单位。
    """
    for accounts, f in _figures(ctx, "completion"):
        budget, actual = _v(f.context.get("budget")), _v(f.context.get("actual"))
        if f.table == "09" and f.cell and accounts.table("09") is not None:
            field = f.cell.split(".", 1)[1]
            for side, stated in (("budget", budget), ("actual", actual)):
                value = accounts.value("09", f"{side}.{field}")
                if value is not None and abs(value - stated) > _printed_tolerance(stated):
                    label = "全年预算" if side == "budget" else "支出决算"
                    yield ctx.finding(
                        f"情况说明称“{f.item}{label}为 {fmt(stated)} 万元”，09表为 {fmt(value)}",
                        "按“三公”经费表修改说明",
                        f.ref,
                    )
        if budget == 0:
            continue
        exact = actual / budget
        if _off(f, _ratio, actual, budget):
            yield ctx.finding(
                f"情况说明称“{f.item}”完成全年预算的 {_pct(f.value)}，按 {fmt(actual)} ÷ {fmt(budget)} 应为 {_pct(exact)}",
                "按“决算数 ÷ 预算数”重新计算",
                f.ref,
            )


@document_check("JX524", "share_wrong", Severity.ERROR)
def share_wrong(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 说明中的“占 … P%”与“该项 ÷ 合计”不符。

    为什么: 结构占比是情况说明的固定内容；常见错误是把合计写成 100% 或用错分母。
    示例: “一般公共预算财政拨款支出 11208.44 万元，占本年支出合计的 100%” → 11208.44 ÷ 11229.01 = 99.8%，报告。
    依据: 部门决算情况说明口径；RULES.md §7.3（T2）（S）。
    已知局限: 只检查分母能对应到表中合计的占比（本年收入、本年支出、一般公共预算支出、项目支出总额）；政府采购等无表可对的不检查。
        该项与合计按所印小数位可差半个单位。
    """
    for accounts, f in _figures(ctx, "share"):
        base = accounts.value(f.table or "", f.cell or "") if f.table else None
        amount = _v(f.context.get("amount"))
        if not base:
            continue
        exact = amount / base
        if _off(f, _ratio, amount, base):
            yield ctx.finding(
                f"情况说明称“{f.item} {fmt(amount)} 万元”占{f.context.get('base')} {_pct(f.value)}，"
                f"按 {fmt(amount)} ÷ {fmt(base)} 应为 {_pct(exact)}",
                "按“该项 ÷ 合计”重新计算占比",
                f.ref,
            )


@document_check("JX525", "growth_rate_wrong", Severity.ERROR)
def growth_rate_wrong(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 说明中的“增加（减少）D 万元，增长（下降）G%”与“D ÷ 上年数”不符（上年数 = 本年数 − 增加额）。

    为什么: 增减额和增长率必须与上年数相符；算错会夸大或掩盖变化。
    示例: 收入合计 11229.01 万元，增加 10641.92 万元（上年 587.09），增长 1812.7% → 不报；若写 181.3% → 报告。
    依据: 部门决算情况说明口径；RULES.md §7.3（T3）（S）。
    已知局限: 上年数由本年数和增减额推出（用户未提供上年决算时）；上年为 0 的由 rate_with_zero_base 报告；
        印出的各数按其小数位可差半个单位，只有超出这一范围的增长率才报告。
    """
    for _, f in _figures(ctx, "growth"):
        current, change = _v(f.context.get("current")), _v(f.context.get("change"))
        if current < 0:
            continue
        prior = current - change
        if prior == 0:
            continue
        exact = change / prior
        if _off(f, lambda d, c: _ratio(d, c - d), change, current):
            yield ctx.finding(
                f"情况说明称“{f.item or ''}”增减 {fmt(change)} 万元、增长 {_pct(f.value)}，"
                f"按上年 {fmt(prior)}（= {fmt(current)} − {fmt(change)}）应为 {_pct(exact)}",
                "按“增减额 ÷ 上年数”重新计算",
                f.ref,
            )


@document_check("JX526", "rate_with_zero_base", Severity.WARNING)
def rate_with_zero_base(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 以 0 为基数的增长率或完成率（如上年为 0 却写“增长 100%”，预算为 0 却写“完成 0%”）。

    为什么: 基数为 0 时比率没有意义；公开说明常写“增长100%”，既不成立也会误导。
    示例: “公务接待费 … 较上年增加 0 万元，增长 100%” → 上年为 0，报告；应写“上年无此项支出”。
    依据: RULES.md §7.3（T3：上年为 0 时应标出，不应计算）（S）。
    已知局限: 上年数由本年数和增减额推出；“增长0%”且本年也为 0 的不报告。
    """
    for _, f in _figures(ctx, "growth"):
        current, change = _v(f.context.get("current")), _v(f.context.get("change"))
        if current >= 0 and current - change == 0 and f.value != 0:
            yield ctx.finding(
                f"情况说明称“{f.item or ''}”较上年增加 {fmt(change)} 万元、增长 {_pct(f.value)}，"
                f"但上年为 0（{fmt(current)} − {fmt(change)}），增长率无意义",
                "上年为 0 时写“上年无此项支出”，不写增长率",
                f.ref,
            )
    for _, f in _figures(ctx, "completion"):
        if _v(f.context.get("budget")) == 0:
            yield ctx.finding(
                f"情况说明称“{f.item}”完成全年预算的 {_pct(f.value)}，但全年预算为 0，完成率无意义",
                "预算为 0 时写“未安排预算”，不写完成率",
                f.ref,
            )


_YEAR_CLAIM = re.compile(
    r"((?:19|20)\d{2})\s*年度?(?P<what>[^，。；,、\d]{0,14}?(?:率|数|额|总额|支出|收入|得分|分数))为"
)
_COMPARISON = re.compile(r"相比|比|较|上年|同期|增加|减少|增长|下降")
#: What the previous year spent: a budget states it as the base of the new year's figures.
_PAST_EXECUTION = re.compile(r"(执行|决算)(数|额)$")


@document_check("JX527", "wrong_year_reference", Severity.WARNING)
def wrong_year_reference(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 说明把某项数字归于报告年度以外的年份（如 2023 年报告中写“2022 年预决算差异率为 0.3%”）。

    为什么: 多为沿用上年报告未改年份，或把上年数当作本年数公开。
    示例: 2023 年部门整体绩效报告：“2022 年预决算差异率为 0.3%” → 报告；“与 2022 年度相比…增加” → 不报（比较上年）；
        “2022 年当年预算执行数为 11.67 万元” → 不报（上年的执行数，预算说明据以比较）。
    依据: RULES.md §7.3（S）。
    已知局限: 只识别“某年（度）某率/数/额为…”的句式；与上年比较的句子、上一年的执行数或决算数不报告；
        只读正文（表格中的单元格不读）；报告年度取决算表或自评表的年度。
    """
    year = ctx.year
    if year is None:
        return
    for sentence in ctx.prose:
        offset = 0
        for clause in re.split(r"(?<=[。；])", sentence.text):
            start, offset = offset, offset + len(clause)
            m = _YEAR_CLAIM.search(clause)
            if m is None or int(m.group(1)) == year or _COMPARISON.search(clause):
                continue
            what = m.group("what").strip()
            if int(m.group(1)) == year - 1 and _PAST_EXECUTION.search(what):
                continue
            yield ctx.finding(
                f"“{clause.strip()[:40]}”——本报告为 {year} 年度，却写 {m.group(1)} 年的{what}",
                "核对年份：应为报告年度的数字",
                sentence.ref_at(start + m.start()),
            )
