"""Model → JSON-ready dicts, exactly in the shape of ``spec/CONTRACT.md`` (plus extra keys).

Decimals become JSON numbers: integral values as ``int``, others as ``float`` (whose shortest
repr reproduces the printed digits). Keys of the contract come first, extras after them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.model import ExtractionWarning, ExtractResult, Form, FundRow, Funds, Indicator

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
        "final_accounts": [],
        "warnings": [warning_to_dict(w) for w in result.warnings],
    }
