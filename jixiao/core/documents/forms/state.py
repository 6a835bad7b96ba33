"""The state of a form while it is read: where it starts, and what has been read so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.ingest.grid import Row
from jixiao.core.model import (
    ExtractionWarning,
    FundRow,
    Goals,
    Indicator,
    SourceRef,
)

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
