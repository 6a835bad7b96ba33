"""Reading one form row by row, and freezing what was read into a :class:`~jixiao.core.model.Form`."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents import vocab
from jixiao.core.documents.forms.funds import (
    _fund_header,
    _fund_header_continued,
    _fund_label,
    _read_fund_row,
)
from jixiao.core.documents.forms.indicators import (
    _goals_header,
    _group_name,
    _indicator_header,
    _read_goals,
    _read_indicator_row,
    _read_total,
)
from jixiao.core.documents.forms.segment import _find_starts, _label_value
from jixiao.core.documents.forms.state import _BUDGET_COLUMNS, _INLINE, _Builder
from jixiao.core.enums import FormKind
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.model import (
    Confidence,
    ExtractionWarning,
    Form,
    Funds,
)
from jixiao.core.text import key, simplified, strip_tags

__all__ = ["recognise_forms"]


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
        if vocab.TOTAL_ROW.match(k0):
            b.total_row = True
            _read_total(b, row, first)
            # a total row left blank whose number wrapped onto the next line
            b.state = "footer" if b.total_score is not None or b.total_weight is not None else "total_pending"
            return
        if k0.startswith(vocab.FOOTER_LABELS):
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
