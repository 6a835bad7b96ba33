"""Model → JSON-ready dicts, exactly in the shape of ``spec/CONTRACT.md`` (plus extra keys).

Decimals become JSON numbers: integral values as ``int``, others as ``float`` (whose shortest
repr reproduces the printed digits). Keys of the contract come first, extras after them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.model import (
    Confidence,
    ExtractionWarning,
    ExtractResult,
    Form,
    FundRow,
    Funds,
    Indicator,
    SourceRef,
)

__all__ = ["extract_to_dict", "form_to_dict", "num", "warning_to_dict"]


def num(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number.

    >>> num(Decimal("10.00")), num(Decimal("0.28")), num(None)
    (10, 0.28, None)
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _row(row: FundRow) -> dict[str, Any]:
    return {
        "source": row.source,
        "initial_budget": num(row.initial_budget),
        "annual_budget": num(row.annual_budget),
        "executed": num(row.executed),
        "execution_rate": num(row.execution_rate),
        "label": row.label,
        "location": str(row.refs["label"]) if "label" in row.refs else None,
    }


def _funds(funds: Funds | None) -> dict[str, Any] | None:
    if funds is None:
        return None
    return {
        "weight": num(funds.weight),
        "execution_rate": num(funds.execution_rate),
        "score": num(funds.score),
        "unit": funds.unit,
        "rows": [_row(r) for r in funds.rows],
        "columns": list(funds.columns),
    }


def _indicator(ind: Indicator) -> dict[str, Any]:
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "target": ind.target,
        "actual": ind.actual,
        "weight": num(ind.weight),
        "score": num(ind.score),
        "note": ind.note,
        "group": ind.group,
        "method": ind.method,
        "location": str(ind.refs["name"]) if "name" in ind.refs else None,
    }


def form_to_dict(form: Form) -> dict[str, Any]:
    """One FORM object of the contract."""
    return {
        "kind": form.kind.value,
        "year": form.year,
        "project": form.project,
        "department": form.department,
        "implementer": form.implementer,
        "funds": _funds(form.funds),
        "indicators": [_indicator(i) for i in form.indicators],
        "total_weight": num(form.total_weight),
        "total_score": num(form.total_score),
        "level1_weights": {k: num(v) for k, v in form.level1_weights.items()},
        "goals": ({"expected": form.goals.expected, "actual": form.goals.actual} if form.goals else None),
        "layout": form.layout,
        "title": form.title,
        "fields": dict(form.fields),
        "index": form.index,
        "location": str(form.ref) if form.ref else None,
        "confidence": confidence_to_dict(form.confidence),
    }


def confidence_to_dict(confidence: Confidence) -> dict[str, Any]:
    """``{"sure", "whole", "doubts"}``: whether a form or table was read with confidence."""
    return {"sure": confidence.sure, "whole": confidence.whole, "doubts": list(confidence.doubts)}


def confidence_from_dict(data: dict[str, Any] | None) -> Confidence:
    """The inverse of :func:`confidence_to_dict`; absent means read with confidence."""
    if not data:
        return Confidence()
    return Confidence.of(data.get("doubts") or (), bool(data.get("whole", True)))


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return num(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def accounts_to_dict(accounts: Any) -> dict[str, Any]:
    """One ACCOUNTS object (``docs/accounts.md``)."""
    tables = {}
    for number, table in sorted(accounts.tables.items()):
        data = _plain(dict(table.data))
        data["title"] = table.title
        data["printed_number"] = table.printed_number
        data["location"] = str(table.ref) if table.ref else None
        if table.source_unit != "万元":
            data["source_unit"] = table.source_unit
        data["confidence"] = confidence_to_dict(table.confidence)
        tables[number] = data
    return {
        "department": accounts.department,
        "year": accounts.year,
        "unit": accounts.unit,
        "tables": tables,
        "narrative": [
            {
                "text": f.text,
                "location": str(f.ref) if f.ref else None,
                "kind": f.kind,
                "value": num(f.value),
                "item": f.item,
                "table": f.table,
                "cell": f.cell,
            }
            for f in accounts.narrative
        ],
    }


def warning_to_dict(warning: ExtractionWarning) -> dict[str, Any]:
    """A warning as ``{"message", "location"}``."""
    return {
        "message": warning.message,
        "location": str(warning.location) if warning.location else None,
    }


def extract_to_dict(result: ExtractResult) -> dict[str, Any]:
    """The whole ``extract --format json`` object."""
    return {
        "source": result.source,
        "forms": [form_to_dict(f) for f in result.forms],
        "final_accounts": [accounts_to_dict(a) for a in result.final_accounts],  # type: ignore[arg-type]
        "warnings": [warning_to_dict(w) for w in result.warnings],
    }


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def form_from_dict(data: dict[str, Any], source: str = "form") -> Form:
    """A :class:`Form` from a FORM object (the contract's keys; missing keys are blank).

    The inverse of :func:`form_to_dict` for what scoring and checks read: used by YAML test
    cases, the web app's stored versions, and hand-written inputs. Numbers may be JSON numbers
    or strings; rates are fractions. Every value gets a :class:`SourceRef` naming its field
    (``form:indicators[2].score``), so findings on such a form still say where they are.
    """

    def ref(cell: str) -> SourceRef:
        return SourceRef(source, cell=cell)

    from jixiao.core.enums import FormKind, FundSource
    from jixiao.core.model import Goals

    funds = None
    if data.get("funds"):
        f = data["funds"]
        rows = []
        for n, r in enumerate(f.get("rows") or []):
            source = r.get("source", FundSource.TOTAL.value)
            total = source == FundSource.TOTAL.value
            rows.append(
                FundRow(
                    source=source,
                    label=r.get("label", source),
                    initial_budget=_dec(r.get("initial_budget")),
                    annual_budget=_dec(r.get("annual_budget")),
                    executed=_dec(r.get("executed")),
                    execution_rate=_dec(r.get("execution_rate", f.get("execution_rate") if total else None)),
                    weight=_dec(f.get("weight")) if total else None,
                    score=_dec(f.get("score")) if total else None,
                    refs={k: ref(f"funds.rows[{n}].{k}") for k in _ROW_REFS},
                )
            )
        funds = Funds(unit=f.get("unit", "万元"), rows=tuple(rows), columns=tuple(f.get("columns") or ()))
    indicators = tuple(
        Indicator(
            level1=i.get("level1"),
            level2=i.get("level2"),
            name=i.get("name"),
            target=None if i.get("target") is None else str(i["target"]),
            actual=None if i.get("actual") is None else str(i["actual"]),
            weight=_dec(i.get("weight")),
            score=_dec(i.get("score")),
            note=i.get("note"),
            group=i.get("group"),
            method=i.get("method"),
            refs={k: ref(f"indicators[{n}].{k}") for k in _INDICATOR_REFS},
        )
        for n, i in enumerate(data.get("indicators") or [])
    )
    goals = data.get("goals")
    return Form(
        kind=FormKind(data.get("kind", FormKind.PROJECT.value)),
        year=data.get("year"),
        project=data.get("project"),
        department=data.get("department"),
        implementer=data.get("implementer"),
        funds=funds,
        indicators=indicators,
        level1_weights={k: Decimal(str(v)) for k, v in (data.get("level1_weights") or {}).items()},
        total_weight=_dec(data.get("total_weight")),
        total_score=_dec(data.get("total_score")),
        goals=Goals(goals.get("expected"), goals.get("actual")) if goals else None,
        layout=data.get("layout", "national"),
        title=data.get("title"),
        fields=dict(data.get("fields") or {}),
        index=data.get("index", 1),
        confidence=confidence_from_dict(data.get("confidence")),
        refs={
            "form": ref("form"),
            "total_score": ref("total_score"),
            "total_weight": ref("total_weight"),
            "goals": ref("goals"),
            **{k: ref(f"fields.{k}") for k in (data.get("fields") or {})},
            **{k: ref(k) for k in ("project", "department", "implementer") if k in data},
        },
    )


_ROW_REFS = ("label", "initial_budget", "annual_budget", "executed", "rate", "weight", "score")
_INDICATOR_REFS = ("name", "target", "actual", "weight", "score", "note")
