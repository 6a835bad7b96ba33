"""The canonical model: frozen dataclasses for what a self-evaluation form PRINTS.

Every reader (text, PDF, XLSX …) and every layout recogniser produces these objects; scoring,
checks, rendering and the web app consume only them. Values are as printed — nothing is
recomputed or corrected here — and each carries a :class:`SourceRef` in ``refs`` so a finding
can point at the cell it talks about. Amounts and rates are ``Decimal`` (rates as fractions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.enums import FormKind, FundSource, Severity
from jixiao.core.values import Value, parse_value

__all__ = [
    "Confidence",
    "ExtractResult",
    "ExtractionWarning",
    "Finding",
    "Form",
    "FundRow",
    "Funds",
    "Goals",
    "Indicator",
    "Sentence",
    "SourceRef",
]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a value was read: file and line/column (text), page, or sheet!cell.

    Attributes:
        file: the path as the user gave it.
        line: 1-based line number in a text file, if any.
        column: 1-based cell index on that line (tab/"|"-separated cells), if any.
        page: 1-based page number in a PDF, if any.
        sheet: worksheet name in an XLSX file, if any.
        cell: spreadsheet cell ("H12"), if any.
        raw: the raw text of the cell.
        box: where the cell lies on its page, in PDF points from the page's top left
            ``(x0, top, x1, bottom)``; for PDF and scanned input (a scan's pixels are
            converted to points at the resolution it was read at).
    """

    file: str
    line: int | None = None
    column: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    raw: str | None = None
    box: tuple[float, float, float, float] | None = None

    def __str__(self) -> str:
        """Editor-clickable location: ``file:line:col``, ``file:sheet!H12`` or ``file:p3``."""
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        elif self.cell is not None and self.line is None:
            parts.append(self.cell)
        elif self.page is not None:
            parts.append(f"p{self.page}")
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


Refs = Mapping[str, SourceRef]


@dataclass(frozen=True, slots=True)
class Confidence:
    """How surely a form or table was read: ``sure`` unless something was not understood.

    A form or table is read with confidence when its own header was recognised and every
    number it reports was placed under a column of that header (or, for a table whose cells
    lost their place, when its own rows add up, which only a right reading can make them do).
    Its figures may still be wrong as printed: that is what the checks report. Figures read
    without confidence are not compared by checks; ``doubts`` says, in Chinese, what was not
    understood.

    A form whose text stops before its 总分 row (a page cut off) can be read with confidence as
    far as it goes: ``whole`` is then false, and only what needs the whole form (the 总分, sums
    over all rows, what the form lacks) is left unchecked.

    Attributes:
        sure: whether the figures can be compared.
        doubts: what was not understood, one Chinese phrase each.
        whole: whether the end of the form (its 总分 row) was found.
    """

    sure: bool = True
    doubts: tuple[str, ...] = ()
    whole: bool = True

    @classmethod
    def of(cls, doubts: Sequence[str], whole: bool = True) -> Confidence:
        """Sure exactly when there is no doubt (duplicates dropped, order kept)."""
        unique = tuple(dict.fromkeys(doubts))
        return cls(sure=not unique, doubts=unique, whole=whole)


@dataclass(frozen=True, slots=True)
class FundRow:
    """One row of the 项目资金（万元） block (年度资金总额, 当年财政拨款 …).

    Attributes:
        source: standard row name (:class:`FundSource` value) or the printed label.
        label: the label as printed.
        initial_budget: 年初预算数.
        annual_budget: 全年预算数 (adjusted budget; Hubei's 预算数(A)).
        executed: 全年执行数.
        execution_rate: 执行率 as a fraction.
        weight: 分值 (total row only).
        score: 得分 (total row only).
    """

    source: str
    label: str
    initial_budget: Decimal | None = None
    annual_budget: Decimal | None = None
    executed: Decimal | None = None
    execution_rate: Decimal | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    refs: Refs = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Funds:
    """The 项目资金 / 预算执行情况 block.

    Attributes:
        unit: amount unit as printed (万元 unless the form says otherwise).
        rows: printed rows in order.
        columns: the budget columns the form prints, in order (subset of
            ``initial_budget``, ``annual_budget``, ``executed``).
    """

    unit: str
    rows: tuple[FundRow, ...]
    columns: tuple[str, ...] = ()

    @property
    def total(self) -> FundRow | None:
        """The 年度资金总额 row, if printed."""
        for row in self.rows:
            if row.source == FundSource.TOTAL:
                return row
        return None

    @property
    def weight(self) -> Decimal | None:
        """分值 of the budget-execution row."""
        return self.total.weight if self.total else None

    @property
    def execution_rate(self) -> Decimal | None:
        """执行率 printed on the total row."""
        return self.total.execution_rate if self.total else None

    @property
    def score(self) -> Decimal | None:
        """得分 printed on the total row."""
        return self.total.score if self.total else None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One 三级指标 row.

    Attributes:
        level1: standard 一级指标 (产出指标, 效益指标, 满意度指标, 成本指标, 约束性指标).
        level2: standard 二级指标 (数量指标 …), or ``None``.
        name: 三级指标 as printed.
        target: 年度指标值 as printed.
        actual: 实际完成值 as printed.
        weight: 分值.
        score: 得分.
        note: 偏差原因分析及改进措施 / 未完成原因分析.
        group: goal block (Hubei "目标1"), if any.
        method: 得分计算方法 text (Anhui layout B), if any.
        level1_printed: the level-1 cell as printed (before standardisation).
        level2_printed: the level-2 cell as printed.
    """

    level1: str | None
    level2: str | None
    name: str | None
    target: str | None = None
    actual: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    note: str | None = None
    group: str | None = None
    method: str | None = None
    level1_printed: str | None = None
    level2_printed: str | None = None
    refs: Refs = field(default_factory=dict, compare=False)
    path: str = field(init=False, compare=False, repr=False)
    """``一级/二级/三级`` for messages."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", "/".join(p for p in (self.level1, self.level2, self.name) if p))

    @property
    def target_value(self) -> Value:
        """The target read as sign + number + unit (see :func:`parse_value`)."""
        return parse_value(self.target)

    @property
    def actual_value(self) -> Value:
        """The actual read as sign + number + unit."""
        return parse_value(self.actual)


@dataclass(frozen=True, slots=True)
class Goals:
    """年度总体目标: 预期目标 and 实际完成情况 as printed."""

    expected: str | None = None
    actual: str | None = None


@dataclass(frozen=True, slots=True)
class Form:
    """A self-evaluation form as printed.

    Attributes:
        kind: project, department or completion table.
        year: the year of the form's title.
        project: 项目名称 (单位名称 for a department form).
        department: 主管部门.
        implementer: 实施单位.
        funds: the budget block, if any.
        indicators: 三级指标 rows in printed order.
        level1_weights: points printed in level-1 cells ("产出指标 (50分)").
        total_weight: 分值 of the 总分 row.
        total_score: 得分 of the 总分 row.
        goals: 年度总体目标.
        layout: the recogniser's name for the layout family (national, anhui_b, hubei …).
        title: the title as printed.
        fields: other header cells as printed (项目负责人, 联系电话, 填报日期, 项目类别 …).
        index: 1-based position of the form in its document.
        confidence: whether the form was read with confidence, and what was not understood.
    """

    kind: FormKind
    year: int | None
    project: str | None
    department: str | None = None
    implementer: str | None = None
    funds: Funds | None = None
    indicators: tuple[Indicator, ...] = ()
    level1_weights: Mapping[str, Decimal] = field(default_factory=dict)
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    goals: Goals | None = None
    layout: str = "national"
    title: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    index: int = 0
    confidence: Confidence = field(default_factory=Confidence, compare=False)
    refs: Refs = field(default_factory=dict, compare=False)

    @property
    def ref(self) -> SourceRef | None:
        """Where the form starts."""
        return self.refs.get("form")


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found by a review check: a value, never an exception.

    Attributes:
        code: stable code ("JX201"), never reused.
        check: the check's snake_case name ("total_not_sum").
        severity: error, warning or info.
        message: one Chinese sentence with the real numbers and the place.
        hint: what to do about it (separate from the message).
        location: where to look (the cell when there is one).
        form: 1-based index of the form in its document, ``None`` for document-level findings.
    """

    code: str
    check: str
    severity: Severity
    message: str
    hint: str | None = None
    location: SourceRef | None = None
    form: int | None = None


@dataclass(frozen=True, slots=True)
class ExtractionWarning:
    """Something that could not be read, with where and what was expected."""

    message: str
    location: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the document's running text (not a table cell), with where it stands.

    Attributes:
        text: the sentence (wrapped lines joined).
        ref: where it starts.
        parts: ``(offset in text, where that piece was printed)`` for each printed line.
    """

    text: str
    ref: SourceRef | None = None
    parts: tuple[tuple[int, SourceRef], ...] = ()

    def ref_at(self, offset: int) -> SourceRef | None:
        """Where the character at ``offset`` of the text was printed."""
        found = self.ref
        for start, ref in self.parts:
            if start > offset:
                break
            found = ref
        return found


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """Everything extracted from one input file.

    Attributes:
        prose: the running text, sentence by sentence with its place (page or line), for the
            checks that read what the text says and for the region hint.
    """

    source: str
    forms: tuple[Form, ...] = ()
    final_accounts: tuple[object, ...] = ()
    warnings: tuple[ExtractionWarning, ...] = ()
    text: str | None = field(default=None, repr=False, compare=False)
    prose: tuple[Sentence, ...] = field(default=(), repr=False, compare=False)
