"""Stage 2 for self-evaluation forms: grid rows → :class:`~jixiao.core.model.Form`.

All regional layouts of the 项目支出绩效自评表 (national/Hebei, Beijing, Anhui A and B, Shaanxi,
Hubei), the Hubei 部门绩效自评表 and the Shaanxi 绩效完成表 share one structure: a title, header
fields (项目名称, 主管部门 …), a funds block, a goals block, an indicator table and a 总分 row.
They differ in which columns exist and in what order, so this recogniser is driven by the
header rows it finds (:mod:`~jixiao.core.documents.vocab`), and each data row is aligned to its
header by content (:mod:`~jixiao.core.documents.align`), never by one document's wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.documents import vocab
from jixiao.core.documents.align import DOTS, align, points
from jixiao.core.documents.kinds import FUND_KINDS, IND_KINDS
from jixiao.core.enums import FormKind, FundSource
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.model import (
    Confidence,
    ExtractionWarning,
    Form,
    FundRow,
    Funds,
    Goals,
    Indicator,
    SourceRef,
)
from jixiao.core.numbers import NumberFormatError, is_placeholder, rate
from jixiao.core.text import key, simplified, strip_tags

__all__ = ["recognise_forms"]

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_INLINE = re.compile(
    r"(项目名称|主管部门|实施单位|单位名称|填报日期|填报时间|填报单位|总分|自评等级|评价等级|绩效等级|评价时间)"
    r"\s*[:：]\s*(\S*)"
)
_UNIT = re.compile(r"[(（]\s*(万元|元)\s*[)）]")
_TITLE_WORDS = ("自评表", "完成表", "评价表")
_BUDGET_COLUMNS = ("initial_budget", "annual_budget", "executed")


@dataclass(slots=True)
class _Start:
    row: int  # index of the 项目名称 / 单位名称 row
    label: str  # "project" or "unit_name"
    first: int  # first row of the form's region (its title, if found)
    title: str | None = None
    year: int | None = None
    unlabelled: Row | None = None  # the name row, when its label could not be read


@dataclass(slots=True)
class _Builder:
    """Mutable state while one form is read; frozen into a Form at the end."""

    source: str
    start: _Start
    fields: dict[str, str] = field(default_factory=dict)
    refs: dict[str, SourceRef] = field(default_factory=dict)
    fund_header: list[tuple[int, str | None]] = field(default_factory=list)
    fund_anchor: int | None = None
    fund_rows: list[FundRow] = field(default_factory=list)
    fund_weight: Decimal | None = None
    unit: str = "万元"
    goals_cols: tuple[int, int] | None = None
    goals: Goals | None = None
    ind_header: list[tuple[int, str | None]] = field(default_factory=list)
    ind_name_col: int = 2
    ind_fields: set[str] = field(default_factory=set)
    indicators: list[Indicator] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None
    l1_printed: str | None = None
    l2_printed: str | None = None
    group: str | None = None
    group_weights: dict[str, Decimal] = field(default_factory=dict)
    level1_weights: dict[str, Decimal] = field(default_factory=dict)
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    state: str = "header"
    pending: str | None = None
    total_row: bool = False
    warnings: list[ExtractionWarning] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)

    def warn(self, row: Row, message: str, col: int | None = None) -> None:
        self.warnings.append(ExtractionWarning(message, row.ref(self.source, col)))

    def own_header(self) -> bool:
        """Whether the region has the structure of a self-evaluation form, not just a 项目名称 cell.

        A form's title (…自评表, …评价表, …完成表), or a funds header with execution columns
        (全年执行数, 执行率, 得分), or an indicator header with 实际完成值 or 得分. A budget table
        (项目 | 金额) and a 绩效目标申报表 (targets only) have none of them.
        """
        fund = {f for _, f in self.fund_header}
        return (
            self.start.title is not None
            or bool(fund & {"executed", "rate", "full_year_rate", "score"})
            or bool(self.ind_fields & {"actual", "score"})
        )


# ---------------------------------------------------------------- segmentation


def _label_value(row: Row, col: int) -> int | None:
    """Index of the value cell of a label at ``col``: the next filled non-label cell."""
    for j in range(col + 1, len(row)):
        if row.texts[j] is None:
            continue
        if row.keys[j] in vocab.FIELD_LABELS:
            return None
        return j
    return None


def _find_starts(grid: Grid) -> list[_Start]:
    starts: list[_Start] = []
    for i, row in enumerate(grid.rows):
        if len(row) < 2:
            continue
        for col in row.filled()[:2]:
            label = vocab.FIELD_LABELS.get(row.keys[col])
            if label in ("project", "unit_name") and _label_value(row, col) is not None:
                starts.append(_Start(row=i, label=label, first=i))
                break
    starts += _unlabelled_starts(grid, starts)
    starts.sort(key=lambda start: start.row)
    previous_end = 0
    for start in starts:
        _find_title(grid, start, previous_end)
        previous_end = start.row + 1
    return starts


def _unlabelled_starts(grid: Grid, starts: list[_Start]) -> list[_Start]:
    """Forms whose 项目名称 / 单位名称 label is illegible (a scan read "项目名"): the row between a
    form's title and its 主管部门 row, when it holds a label and a value but no known label."""
    found = []
    rows = {start.row for start in starts}
    for i in range(2, len(grid.rows)):
        row, above = grid.rows[i], grid.rows[i - 1]
        if not row.filled() or vocab.FIELD_LABELS.get(row.keys[row.filled()[0]]) != "department":
            continue
        filled = above.filled()
        if rows & {i - 3, i - 2, i - 1} or len(filled) < 2 or vocab.FIELD_LABELS.get(above.keys[filled[0]]):
            continue
        texts = ("".join(t for t in grid.rows[n].texts if t) for n in range(max(i - 4, 0), i - 1))
        title = next((text for text in texts if _is_title(text)), None)
        if title is not None:
            label = "unit_name" if "整体" in simplified(title) else "project"
            found.append(_Start(row=i - 1, label=label, first=i - 1, unlabelled=above))
    return found


def _is_title(text: str) -> bool:
    """Whether a row's text is a form's title ("项目支出绩效自评表", "…完成表", traditional too)."""
    k = simplified(text)
    return any(w in k for w in _TITLE_WORDS) and len(k) < 60


def _find_title(grid: Grid, start: _Start, floor: int) -> None:
    """Look back a few rows for the form's title and year."""
    lo = max(floor, start.row - 8)
    for i in range(start.row - 1, lo - 1, -1):
        row = grid.rows[i]
        joined = "".join(t for t in row.texts if t)
        if start.year is None:
            m = _YEAR.search(joined)
            if m and len(joined) < 60:
                start.year = int(m.group(1))
        if _is_title(joined):
            start.title = joined
            start.first = i
            m = _YEAR.search(joined)
            if m:
                start.year = int(m.group(1))
            break
        if len(row) == 1 and len(joined) > 60:
            break


# ---------------------------------------------------------------- header fields


def _read_fields(b: _Builder, row: Row) -> None:
    if len(row) == 1 or len(row.filled()) == 1:
        col = row.filled()[0] if row.filled() else 0
        text = row.texts[col] if row.filled() else None
        if text and b.pending and len(text) < 20 and not _INLINE.search(text):
            b.fields[b.pending] = text
            b.refs[b.pending] = row.ref(b.source, row.filled()[0])
        b.pending = None
        if text and len(text) < 80:
            for m in _INLINE.finditer(simplified(strip_tags(row.raw(col)))):
                name = vocab.FIELD_LABELS.get(key(m.group(1)), m.group(1))
                if name in b.fields:
                    continue
                if m.group(2):
                    b.fields[name] = m.group(2)
                    b.refs[name] = row.ref(b.source, row.filled()[0])
                else:
                    b.pending = name
        return
    for col in row.filled():
        name = vocab.FIELD_LABELS.get(row.keys[col])
        if name is None or name in b.fields:
            continue
        j = _label_value(row, col)
        if j is not None and (name not in ("project", "unit_name") or j <= col + 3):
            b.fields[name] = row.texts[j] or ""
            b.refs[name] = row.ref(b.source, j)
        else:
            b.fields.setdefault(name, "")
            b.refs.setdefault(name, row.ref(b.source, col))


# ---------------------------------------------------------------- funds


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


# ---------------------------------------------------------------- goals


def _goals_header(b: _Builder, row: Row) -> bool:
    exp = next((c for c in row.filled() if vocab.GOAL_EXPECTED.match(row.keys[c])), None)
    if exp is None:
        return False
    act = next((c for c in row.filled() if c > exp and vocab.GOAL_ACTUAL.match(row.keys[c])), None)
    b.goals_cols = (exp, act if act is not None else exp + 1)
    b.state = "goals"
    return True


def _read_goals(b: _Builder, row: Row) -> None:
    filled = [c for c in row.filled() if not vocab.GOAL_ACTUAL.match(row.keys[c])]
    texts = [row.texts[c] for c in filled if c >= (b.goals_cols or (0, 0))[0] - 1]
    texts = [t for t in texts if t]
    b.goals = Goals(expected=texts[0] if texts else None, actual=texts[1] if len(texts) > 1 else None)
    b.refs["goals"] = row.ref(b.source)
    b.state = "after_goals"


# ---------------------------------------------------------------- indicators


def _indicator_header(b: _Builder, row: Row) -> bool:
    cols = {c: vocab.indicator_column(row.keys[c]) for c in row.filled()}
    found = {f for f in cols.values() if f}
    if "name" not in found or not ({"target", "actual"} & found) or len(found) < 4:
        return False
    name_col = next(c for c, f in cols.items() if f == "name")
    last = max(c for c, f in cols.items() if f is not None)
    b.ind_header = [(c, cols.get(c)) for c in range(name_col + 1, last + 1)]
    b.ind_name_col = name_col
    b.ind_fields = found
    first = row.filled()[0]
    m = vocab.GROUP_ROW.match(simplified(row.texts[first] or ""))
    if m and cols.get(first) is None:
        b.group = _group_name(row.texts[first] or "", m)
    elif cols.get(first) is None:
        # a section label with points, "项目支出绩效指标 (50分)": what the indicators claim to weigh
        _, points = vocab.split_points(row.keys[first])
        if points is not None:
            b.fields["绩效指标分值"] = vocab.fmt_points(points)
            b.refs["绩效指标分值"] = row.ref(b.source, first)
    b.state = "indicators"
    return True


def _group_name(text: str, m: re.Match[str]) -> str:
    prefix = "年度绩效目标" if simplified(text).startswith("年度绩效") else "目标"
    return f"{prefix}{m.group(1)}"


def _is_label(text: str | None) -> bool:
    return text is not None and vocab.level_of(key(text)) is not None


def _read_indicator_row(b: _Builder, row: Row) -> None:
    texts = row.texts
    labels: list[tuple[int, int, str, Decimal | None]] = []
    name_col = None
    for c in row.filled():
        t = texts[c]
        if t is None or DOTS.match(t):
            continue
        lv = vocab.level_of(key(t))
        if lv is not None and name_col is None:
            labels.append((c, *lv))
            continue
        name_col = c
        break
    _apply_labels(b, labels, row)
    if b.level1 == "约束性指标":
        b.group = None
    if name_col is None:
        return
    found = align(texts, b.ind_header, IND_KINDS, name_col + 1, b.ind_name_col)
    if found.leftover:
        extra = "、".join(texts[c] or "" for c in found.leftover)
        b.warn(row, f"指标行有无法对应到表头的单元格，已忽略：{extra}", found.leftover[0])
        b.doubts.append(f"指标“{texts[name_col]}”行有对应不到表头的单元格")
    values: dict[str, object] = {}
    for name, c in found.cells.items():
        t = texts[c]
        if name in ("weight", "score"):
            try:
                values[name] = points(t)
            except NumberFormatError:
                what = "分值" if name == "weight" else "得分"
                b.warn(row, f"指标“{texts[name_col]}”的{what}应为数字，实为：{t}", c)
                values[name] = None
        else:
            values[name] = None if t is None or DOTS.match(t) else t
    refs = {n: row.ref(b.source, c) for n, c in found.cells.items()}
    refs["name"] = row.ref(b.source, name_col)
    level1, level2 = b.level1, b.level2
    if level1 == "满意度指标" and level2 is None:
        level2 = "服务对象满意度指标"
    b.indicators.append(
        Indicator(
            level1=level1,
            level2=level2,
            name=texts[name_col],
            target=values.get("target"),  # type: ignore[arg-type]
            actual=values.get("actual"),  # type: ignore[arg-type]
            weight=values.get("weight"),  # type: ignore[arg-type]
            score=values.get("score"),  # type: ignore[arg-type]
            note=values.get("note"),  # type: ignore[arg-type]
            method=values.get("method"),  # type: ignore[arg-type]
            group=b.group,
            level1_printed=b._l1_printed if hasattr(b, "_l1_printed") else None,
            refs=refs,
        )
    )


def _apply_labels(b: _Builder, labels: list[tuple[int, int, str, Decimal | None]], row: Row) -> None:
    """Update the level-1/level-2 context from the label cells of a row.

    Two labels are level 1 then level 2 (a level-2 word in the level-1 place stands for its
    parent, as in "数量指标(80分)"). One label is classified by its vocabulary; a level-2 word
    whose parent differs from the current level 1 means the level-1 cell was lost.
    """
    if not labels:
        return
    if len(labels) >= 2:
        (c1, lv1, name1, pts), (c2, lv2, name2, _) = labels[0], labels[1]
        level1 = name1 if lv1 == 1 or name1 == "成本指标" else vocab.PARENT.get(name1)
        if name1 == "成本指标" and vocab.PARENT.get(name2) != "成本指标":
            level1 = "产出指标"
        b.level1, b.level2 = level1, (name2 if lv2 == 2 else None)
        b.l1_printed, b.l2_printed = row.texts[c1], row.texts[c2]
        if pts is not None and level1:
            b.level1_weights.setdefault(level1, pts)
        return
    c, lv, name, pts = labels[0]
    if lv == 1:
        b.level1, b.level2 = name, None
        b.l1_printed, b.l2_printed = row.texts[c], None
        if pts is not None:
            b.level1_weights.setdefault(name, pts)
        return
    parent = vocab.PARENT.get(name)
    if parent != b.level1 and not (name == "成本指标" and b.level1 == "成本指标"):
        b.level1 = parent
        b.l1_printed = None
    b.level2, b.l2_printed = name, row.texts[c]
    if pts is not None and b.level1:
        b.level1_weights.setdefault(b.level1, pts)


def _read_total(b: _Builder, row: Row, label_col: int) -> None:
    nums: list[tuple[int, Decimal]] = []
    for c in range(label_col + 1, len(row)):
        t = row.texts[c]
        if t is None or is_placeholder(t):
            continue
        try:
            v = points(t)
        except NumberFormatError:
            continue
        if v is not None:
            nums.append((c, v))  # type: ignore[arg-type]
    if not nums:
        return
    weight_col = next((c for c, f in b.ind_header if f == "weight"), None)
    if len(nums) >= 2:
        (cw, w), (cs, s) = nums[0], nums[1]
        b.total_weight, b.total_score = w, s
        b.refs["total_weight"] = row.ref(b.source, cw)
        b.refs["total_score"] = row.ref(b.source, cs)
        return
    c, v = nums[0]
    score_col = next((c2 for c2, f in b.ind_header if f == "score"), None)
    if weight_col is not None and c == weight_col and c != score_col:
        b.total_weight = v
        b.refs["total_weight"] = row.ref(b.source, c)
    else:
        b.total_score = v
        b.refs["total_score"] = row.ref(b.source, c)


# ---------------------------------------------------------------- the form


def _read_row(b: _Builder, row: Row) -> None:
    filled = row.filled()
    if not filled:
        return
    first = filled[0]
    k0 = row.keys[first]
    if b.state == "done":
        return
    if b.state == "total_pending":
        b.state = "footer"
        if len(filled) == 1 and b.total_score is None and b.total_weight is None:
            _read_total(b, row, -1)
            return
    if b.state in ("indicators", "footer"):
        if vocab.TOTAL_ROW.match(k0) or (len(filled) > 1 and vocab.TOTAL_ROW.match(row.keys[filled[0]])):
            b.total_row = True
            _read_total(b, row, first)
            # a total row left blank whose number wrapped onto the next line
            b.state = "footer" if b.total_score is not None or b.total_weight is not None else "total_pending"
            return
        if any(k0.startswith(f) for f in vocab.FOOTER_LABELS):
            label = next(f for f in vocab.FOOTER_LABELS if k0.startswith(f))
            if label == "备注":
                b.state = "done"
                return
            value = next((row.texts[c] for c in filled[1:]), None)
            b.fields[label] = value or ""
            b.refs[label] = row.ref(b.source, filled[1] if len(filled) > 1 else first)
            b.state = "footer"
            return
        if b.state == "footer":
            if len(filled) == 1 and len(row) == 1:
                b.state = "done"
            return
        m = vocab.GROUP_ROW.match(simplified(row.texts[first] or ""))
        if m and len(filled) <= 2:
            b.group = _group_name(row.texts[first] or "", m)
            if m.group(2):
                b.group_weights[b.group] = Decimal(m.group(2))
            return
        if len(row) == 1 and len(row.texts[first] or "") > 15:
            b.state = "done"
            return
        _read_indicator_row(b, row)
        return
    if _indicator_header(b, row):
        return
    if b.state == "goals":
        _read_goals(b, row)
        return
    if _fund_header(b, row):
        return
    if b.state == "funds" and _fund_header_continued(b, row):
        return
    label = _fund_label(row)
    if label is not None:
        _read_fund_row(b, row, *label)
        return
    if _goals_header(b, row):
        return
    if row is b.start.unlabelled:
        label, value = filled[0], filled[1]
        b.fields[b.start.label] = row.texts[value] or ""
        b.refs[b.start.label] = row.ref(b.source, value)
        name = "项目名称" if b.start.label == "project" else "单位名称"
        b.warn(row, f"“{row.texts[label]}”不是可识别的标签，按表格位置当作“{name}”读取", label)
        return
    _read_fields(b, row)


def _finish(b: _Builder, grid: Grid) -> Form:
    start = b.start
    title = start.title
    kind = FormKind.PROJECT
    if title and "完成表" in simplified(title):
        kind = FormKind.COMPLETION
    elif start.label == "unit_name":
        kind = FormKind.DEPARTMENT
    funds = None
    if b.fund_rows:
        columns = tuple(f for _, f in b.fund_header if f in _BUDGET_COLUMNS)
        funds = Funds(unit=b.unit, rows=tuple(b.fund_rows), columns=columns)
    if kind == FormKind.DEPARTMENT:
        project = b.fields.get("unit_name") or None
        department = b.fields.get("department") or None
    else:
        project = b.fields.get("project") or None
        department = b.fields.get("department") or None
    first_row = grid.rows[start.first]
    refs = dict(b.refs)
    refs["form"] = first_row.ref(b.source)
    extra = {
        k: v
        for k, v in b.fields.items()
        if k not in ("project", "unit_name", "department", "implementer") and v
    }
    if kind != FormKind.DEPARTMENT and b.fields.get("unit_name"):
        extra["单位名称"] = b.fields["unit_name"]
    if b.group_weights:
        for g, w in b.group_weights.items():
            extra[f"{g}分值"] = str(w)
    if kind != FormKind.COMPLETION and not b.ind_header:
        b.warnings.append(
            ExtractionWarning("未找到绩效指标表头（一级指标、二级指标、三级指标…）", refs["form"])
        )
        b.doubts.append("未找到绩效指标表头（一级指标、二级指标、三级指标…）")
    # a form with score columns ends with its 总分 row; without it the text was cut before the end
    whole = b.total_row or "score" not in b.ind_fields
    if start.year is None:
        b.warnings.append(ExtractionWarning("表题中未找到年度", refs["form"]))
    return Form(
        kind=kind,
        year=start.year,
        project=project,
        department=department,
        implementer=b.fields.get("implementer") or None,
        funds=funds,
        indicators=tuple(b.indicators),
        level1_weights=dict(b.level1_weights),
        total_weight=b.total_weight,
        total_score=b.total_score,
        goals=b.goals,
        layout=_layout_name(b, kind),
        title=title,
        fields=extra,
        confidence=Confidence.of(b.doubts, whole),
        refs=refs,
    )


def _layout_name(b: _Builder, kind: FormKind) -> str:
    if kind == FormKind.COMPLETION:
        return "completion"
    if kind == FormKind.DEPARTMENT:
        return "department_goal_blocks" if b.group_weights else "department"
    if "method" in b.ind_fields:
        return "anhui_b"
    if b.fund_weight == 20 or "weight" not in b.ind_fields:
        return "hubei"
    if "项目负责人" in b.fields:
        return "beijing"
    if any(f == "full_year_rate" for _, f in b.fund_header):
        return "shaanxi"
    return "national"


def recognise_forms(grid: Grid) -> tuple[list[Form], list[ExtractionWarning]]:
    """Find and read every self-evaluation form in a grid.

    Returns:
        The forms in document order, and the warnings about what could not be read.
    """
    starts = _find_starts(grid)
    forms: list[Form] = []
    warnings: list[ExtractionWarning] = []
    for n, start in enumerate(starts):
        end = starts[n + 1].first if n + 1 < len(starts) else len(grid.rows)
        b = _Builder(source=grid.source, start=start)
        for row in grid.rows[start.first : end]:
            _read_row(b, row)
        if not b.own_header():
            continue  # a 项目名称 cell of a budget table or a 绩效目标申报表, not a form
        form = _finish(b, grid)
        forms.append(Form(**{**_asdict(form), "index": len(forms) + 1}))
        warnings.extend(b.warnings)
    return forms, warnings


def _asdict(form: Form) -> dict[str, object]:
    return {f: getattr(form, f) for f in form.__dataclass_fields__}
