"""Plain-text views of extracted forms, for a terminal: Chinese, aligned by display width."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from jixiao.core.documents.accounts.model import Accounts
from jixiao.core.enums import FormKind
from jixiao.core.model import ExtractResult, Form

__all__ = ["format_accounts", "format_extract", "format_form", "pad", "width"]

_KIND = {
    FormKind.PROJECT: "项目支出绩效自评表",
    FormKind.DEPARTMENT: "部门整体支出绩效自评表",
    FormKind.COMPLETION: "项目绩效完成表",
}
_ROW_NAMES = {
    "total": "年度资金总额",
    "fiscal": "其中：财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}


def width(text: str) -> int:
    """Display width of ``text`` (CJK and full-width characters count 2).

    >>> width("分值"), width("10.5")
    (4, 4)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, n: int, right: bool = False) -> str:
    """Pad ``text`` to display width ``n`` (left-aligned, or right-aligned for numbers)."""
    gap = " " * max(0, n - width(text))
    return gap + text if right else text + gap


def _n(value: Decimal | None, pct: bool = False) -> str:
    if value is None:
        return "—"
    if pct:
        return f"{(value * 100).normalize():f}%"
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def _clip(text: str | None, n: int) -> str:
    if not text:
        return "—"
    out = ""
    for c in text:
        if width(out + c) > n - 1:
            return out + "…"
        out += c
    return out


def _table(rows: Sequence[Sequence[str]], numeric: set[int], indent: str = "  ") -> list[str]:
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        indent + "  ".join(pad(c, widths[i], i in numeric) for i, c in enumerate(r)).rstrip() for r in rows
    ]


def format_form(form: Form) -> str:
    """One aligned block per form."""
    title = f"第{form.index}张表 · {_KIND[form.kind]}"
    if form.year:
        title += f"（{form.year}年度）"
    lines = [f"━━ {title}  {form.ref or ''}".rstrip()]
    label = "单位名称" if form.kind == FormKind.DEPARTMENT else "项目名称"
    lines.append(f"{label}：{form.project or '（未填）'}")
    if form.department or form.implementer:
        lines.append(f"主管部门：{form.department or '—'}    实施单位：{form.implementer or '—'}")
    if form.funds:
        unit = form.funds.unit
        rows = [
            [
                f"项目资金（{unit}）",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "执行率",
                "分值",
                "得分",
            ]
        ]
        for r in form.funds.rows:
            rows.append(
                [
                    _ROW_NAMES.get(r.source, r.label),
                    _n(r.initial_budget),
                    _n(r.annual_budget),
                    _n(r.executed),
                    _n(r.execution_rate, pct=True),
                    _n(r.weight),
                    _n(r.score),
                ]
            )
        lines += _table(rows, {1, 2, 3, 4, 5, 6})
    if form.indicators:
        rows = [
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因",
            ]
        ]
        for i in form.indicators:
            rows.append(
                [
                    i.level1 or "—",
                    i.level2 or "—",
                    _clip(i.name, 24),
                    _clip(i.target, 14),
                    _clip(i.actual, 14),
                    _n(i.weight),
                    _n(i.score),
                    _clip(i.note, 16),
                ]
            )
        lines += _table(rows, {5, 6})
    lines.append(f"总分：分值 {_n(form.total_weight)}  得分 {_n(form.total_score)}")
    return "\n".join(lines)


def format_extract(result: ExtractResult) -> str:
    """The text output of ``jixiao extract`` for one file."""
    head = f"{result.source}：{len(result.forms)} 张表"
    if result.warnings:
        head += f"，{len(result.warnings)} 条提示"
    if result.final_accounts:
        head += f"，部门决算公开表 {sum(len(a.tables) for a in result.final_accounts)} 张"
    parts = [head] + [format_form(f) for f in result.forms]
    parts += [format_accounts(a) for a in result.final_accounts]
    return "\n\n".join(parts)


def _amount(value: object) -> str:
    return "" if not isinstance(value, Decimal) else f"{value:,.2f}"


def format_accounts(accounts: Accounts) -> str:
    """The 部门决算 tables as read: totals of the two-sided tables, every row of the others."""
    unit = accounts.department or "（未识别单位）"
    lines = [f"部门决算 · {unit} · {accounts.year or '（未识别年度）'}年度 · 万元"]
    for number in sorted(accounts.tables):
        t = accounts.tables[number]
        printed = (
            f"（印作公开{t.printed_number}表）" if t.printed_number and t.printed_number != number else ""
        )
        unit = "（原表单位：元，已折算）" if t.source_unit == "元" else ""
        lines.append(f"\n公开{number} {t.title}{printed}{unit}  {t.ref or ''}")
        data = t.data
        if number in ("01", "04"):
            for side in ("income_rows", "opening_balance_rows", "expense_rows"):
                for name, value in (data.get(side) or {}).items():
                    if isinstance(value, dict):
                        value = value.get((data.get("columns") or ["合计"])[0])
                    if value:
                        lines.append(f"  {pad(name, 36)}{_amount(value):>14}")
            for slot, label in (
                ("income_total", "本年收入合计"),
                ("income_grand_total", "收入总计"),
                ("expense_total", "本年支出合计"),
                ("expense_grand_total", "支出总计"),
            ):
                value = data.get(slot)
                if isinstance(value, dict):
                    value = value.get((data.get("columns") or ["合计"])[0])
                lines.append(f"  {pad(label, 36)}{_amount(value):>14}")
        elif number == "06":
            for row in t.rows():
                if row.get("amount"):
                    label = f"{pad(row['code'] or '', 6)}{pad(row['name'], 30)}"
                    lines.append(f"  {row['group']}  {label}{_amount(row['amount']):>12}")
            personnel, public = _amount(data.get("personnel_total")), _amount(data.get("public_total"))
            lines.append(f"  人员经费合计 {personnel}  公用经费合计 {public}")
        elif number == "09":
            for side, label in (("budget", "预算数"), ("actual", "决算数")):
                d = data.get(side) or {}
                lines.append(
                    f"  {label}：合计 {_amount(d.get('total'))} · 因公出国（境）{_amount(d.get('abroad'))} · "
                    f"公务用车 {_amount(d.get('vehicle_total'))}（购置 {_amount(d.get('vehicle_purchase'))}，"
                    f"运行 {_amount(d.get('vehicle_operation'))}） · 公务接待 {_amount(d.get('reception'))}"
                )
        else:
            columns = data.get("columns") or []
            cell = max([14, *(width(c) for c in columns)]) + 2
            lines.append("  " + pad("科目", 36) + "".join(pad(c, cell, right=True) for c in columns))
            for row in t.rows():
                label = f"{row['code'] or ''} {row['name']}".strip()
                values = "".join(pad(_amount(row["values"].get(c)), cell, right=True) for c in columns)
                lines.append(f"  {pad(label, 36)}{values}")
    if accounts.narrative:
        linked = sum(1 for f in accounts.narrative if f.table)
        lines.append(f"\n情况说明：读出 {len(accounts.narrative)} 个数字，{linked} 个对应到表格")
    return "\n".join(lines)
