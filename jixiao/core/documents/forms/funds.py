"""The 项目资金 block of a form: its header, and each funds row aligned to it (or read by the type of
its cells when the header does not fit)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from jixiao.core.documents import vocab
from jixiao.core.documents.align import align, points
from jixiao.core.documents.forms.state import _BUDGET_COLUMNS, _UNIT, _Builder
from jixiao.core.documents.kinds import FUND_KINDS
from jixiao.core.enums import FundSource
from jixiao.core.ingest.grid import Row
from jixiao.core.model import (
    FundRow,
)
from jixiao.core.numbers import NumberFormatError, is_placeholder, rate
from jixiao.core.text import key, simplified


def _fund_header(b: _Builder, row: Row) -> bool:
    cols = {c: vocab.fund_column(row.keys[c]) for c in row.filled()}
    budget = [c for c, f in cols.items() if f in _BUDGET_COLUMNS]
    if len(budget) < 2 or not any(f in ("weight", "rate", "score") for f in cols.values()):
        return False
    first = min(c for c, f in cols.items() if f is not None)
    last = max(c for c, f in cols.items() if f is not None)
    b.fund_header = [(c, cols.get(c)) for c in range(first, last + 1)]
    b.fund_anchor = first - 1
    for c in range(first):
        text = row.texts[c]
        if text:
            _, pts = vocab.split_points(key(text))
            if pts is not None:
                b.fund_weight = pts
            m = _UNIT.search(text)
            if m:
                b.unit = m.group(1)
    for c, f in cols.items():
        if f == "weight":
            m = re.search(r"(\d+)分", row.texts[c] or "")
            if m:
                b.fund_weight = Decimal(m.group(1))
    b.state = "funds"
    return True


def _fund_header_continued(b: _Builder, row: Row) -> bool:
    """A second header line such as "(20分) | … | (20分*执行率)" (a wrapped header cell)."""
    texts = [row.texts[c] or "" for c in row.filled()]
    if not texts or not all(t.startswith(("(", "（")) for t in texts):
        return False
    m = re.match(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$", texts[0])
    if m and b.fund_weight is None:
        b.fund_weight = Decimal(m.group(1))
    return True


def _fund_label(row: Row) -> tuple[int, FundSource] | None:
    for col in row.filled()[:3]:
        source = vocab.fund_row(row.keys[col])
        if source is not None:
            return col, source
    return None


def _read_fund_row(b: _Builder, row: Row, col: int, source: FundSource) -> None:
    texts = row.texts
    values: dict[str, object] = {}
    cells: dict[str, int] = {}
    if b.fund_header:
        found = align(
            texts,
            b.fund_header,
            FUND_KINDS,
            col + 1,
            b.fund_anchor,
            _rate_agrees(texts, source == FundSource.TOTAL),
        )
        cells = dict(found.cells)
        if found.score < 0 or found.leftover or _misplaced_rate(texts, cells):
            typed = _typed_fund_cells(b, texts, col + 1)
            if typed is not None:
                cells = typed
                b.warn(
                    row,
                    "项目资金行的数值与表头列数不一致，已按数值类型（金额、执行率、分值）读取",
                    col,
                )
    else:
        first = next((c for c in range(col + 1, len(texts)) if texts[c]), None)
        if first is not None:
            cells = {"annual_budget": first}
        numbers = [c for c in range(col + 1, len(texts)) if texts[c] and not is_placeholder(texts[c] or "")]
        if len(numbers) > 1:  # one amount per label ("实施期资金总额： 300万元") needs no header
            b.doubts.append(f"项目资金表头未识别，“{texts[col]}”行的 {len(numbers)} 个数对应不到列")
    for name, c in cells.items():
        text = texts[c]
        try:
            if name in ("rate", "full_year_rate"):
                values[name] = rate(text)
            elif name in ("weight", "score"):
                values[name] = points(text)
            elif name == "method":
                values[name] = text
            else:
                values[name] = _amount(text)
        except NumberFormatError:
            b.warn(row, f"项目资金“{row.texts[col]}”的{_FUND_NAMES[name]}不是数字：{text}", c)
            values[name] = None
    execution_rate = values.get("rate")
    if execution_rate is None:
        execution_rate = values.get("full_year_rate")
    refs = {n: row.ref(b.source, c) for n, c in cells.items()}
    refs["label"] = row.ref(b.source, col)
    weight = values.get("weight")
    if weight is None and source == FundSource.TOTAL:
        weight = b.fund_weight
    b.fund_rows.append(
        FundRow(
            source=source.value,
            label=row.texts[col] or "",
            initial_budget=values.get("initial_budget"),
            annual_budget=values.get("annual_budget"),
            executed=values.get("executed"),
            execution_rate=execution_rate,
            weight=weight if source == FundSource.TOTAL else None,
            score=values.get("score") if source == FundSource.TOTAL else None,
            refs=refs,
        )
    )


def _rate_agrees(texts: tuple[str | None, ...], total: bool) -> Callable[[Mapping[str, int]], float]:
    """Score a funds mapping by whether 执行数 ÷ 预算数 matches the printed 执行率."""

    def bonus(cells: Mapping[str, int]) -> float:
        try:
            r = rate(texts[cells["rate"]]) if "rate" in cells else None
            executed = _amount(texts[cells["executed"]]) if "executed" in cells else None
            budget = None
            for name in ("annual_budget", "initial_budget"):
                if name in cells and budget is None:
                    budget = _amount(texts[cells[name]])
        except NumberFormatError:
            return 0.0
        # the budget row of a form with a 分值 column prints its 分值 (10 or 20)
        weighted = 0.3 if total and "weight" in cells and texts[cells["weight"]] else 0.0
        if r is None or executed is None or not budget:
            return weighted
        return weighted + (1.0 if abs(executed / budget - r) < Decimal("0.01") else -1.0)

    return bonus


_FUND_NAMES = {
    "initial_budget": "年初预算数",
    "annual_budget": "全年预算数",
    "executed": "全年执行数",
    "full_year_rate": "全年执行率",
    "rate": "执行率",
    "weight": "分值",
    "score": "得分",
}


def _amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    t = simplified(text).removesuffix("万元").removesuffix("元")
    return points(t)  # type: ignore[return-value]


def _misplaced_rate(texts: list[str | None] | tuple[str | None, ...], cells: dict[str, int]) -> bool:
    for name, c in cells.items():
        t = texts[c]
        if name not in ("rate", "full_year_rate") and t and t.endswith("%"):
            return True
    return False


def _typed_fund_cells(b: _Builder, texts: tuple[str | None, ...], start: int) -> dict[str, int] | None:
    """Assign cells by their type: amounts, then 分值, a rate, then 得分."""
    budget = [f for _, f in b.fund_header if f in _BUDGET_COLUMNS]
    nums: list[int] = []
    rate_col = None
    after: list[int] = []
    for c in range(start, len(texts)):
        t = texts[c]
        if t is None or is_placeholder(t):
            continue
        if t.endswith("%"):
            if rate_col is None:
                rate_col = c
            continue
        try:
            points(t)
        except NumberFormatError:
            continue
        (after if rate_col is not None else nums).append(c)
    if rate_col is None:
        return None
    cells: dict[str, int] = {"rate": rate_col}
    has_weight = any(f == "weight" for _, f in b.fund_header)
    if has_weight and len(nums) > len(budget):
        cells["weight"] = nums.pop()
    for name, c in zip(budget, nums, strict=False):
        cells[name] = c
    if after:
        cells["score"] = after[0]
    return cells
