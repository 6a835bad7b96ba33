"""JX221, JX222 — the identities within each 决算 table (RULES.md §7.3 01-a … 09-b) and the
hierarchy of its classification codes (H)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from jixiao.core.checks.amounts import _CENT, _ref, _tol, _v
from jixiao.core.checks.base import DocumentContext, document_check
from jixiao.core.documents.accounts.model import Accounts, Table
from jixiao.core.enums import Severity
from jixiao.core.model import Finding, Form
from jixiao.core.scoring.semantics import fmt


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


@document_check("JX221", "table_total_mismatch", Severity.ERROR, title="决算表合计不符")
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


@document_check("JX222", "children_not_sum_parent", Severity.ERROR, title="下级科目之和不等于上级")
def children_not_sum_parent(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 科目的下级之和不等于上级：类 = Σ款、款 = Σ项、合计 = Σ类（02、03、05、07、08 表），经济分类类 = Σ款（06 表）；或上级不为零而下级全部空白（含 09 表公务用车购置费、运行维护费两项空白）。

    为什么: 功能分类和经济分类是层级科目，上级数由下级汇总而来；不符说明科目或金额录错。
    示例: 210 卫生健康支出 11208.44，其下 21013 医疗救助 10580.40 + 21015 医疗保障管理事务 628.04 = 11208.44 → 不报。
    依据: 《政府收支分类科目》层级结构；RULES.md §7.3（H、06-c）（S）。
    已知局限: 上下级按编码前缀判断（210 ⊃ 21013 ⊃ 2101399）；每个下级容许 0.01 的尾数误差；
        09 表只在两项印为空白（而非未印该行）时报告。
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
        yield from _vehicle_items_blank(ctx, accounts.table("09"))


def _vehicle_items_blank(ctx: DocumentContext, t: Table | None) -> Iterator[Finding]:
    """09: 公务用车购置及运行维护费 printed, its two items printed blank (a sum that does not hold
    is JX221's)."""
    if t is None:
        return
    for side, column in (("budget", "预算数"), ("actual", "决算数")):
        values = t.data.get(side) or {}
        kids = ("vehicle_purchase", "vehicle_operation")
        if all(k in values and values[k] is None for k in kids):
            yield from _children(
                ctx,
                t,
                "公务用车购置及运行维护费",
                values.get("vehicle_total"),
                [None, None],
                f"{side}.vehicle_total",
                column,
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
