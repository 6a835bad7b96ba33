"""Helpers of the 部门决算 checks: amounts, rounding tolerances, where a cell was read.

Tables are rounded after unit conversion, so every sum is allowed ±0.01 per summed term (in L4,
Σ of the 01 income rows is 11,229.02 against a printed 11,229.01)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents.accounts.model import Table
from jixiao.core.model import SourceRef
from jixiao.core.scoring.semantics import fmt

_CENT = Decimal("0.01")


_HUNDRED = Decimal(100)


_CHILD_PARENT = {5: 3, 7: 5}


def _tol(terms: int) -> Decimal:
    return _CENT * max(1, terms)


def _v(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(0)


def _ref(table: Table, path: str) -> SourceRef | None:
    return table.ref_of(path)


def _pct(value: Decimal) -> str:
    return f"{fmt((value * _HUNDRED).quantize(Decimal('0.01')))}%"
