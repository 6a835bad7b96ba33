"""Plain-text views of extracted forms, for a terminal: Chinese, aligned by display width."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from jixiao.core.enums import FormKind
from jixiao.core.model import ExtractResult, Form

__all__ = ["format_extract", "format_form", "pad", "width"]

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
    parts = [head] + [format_form(f) for f in result.forms]
    return "\n\n".join(parts)
