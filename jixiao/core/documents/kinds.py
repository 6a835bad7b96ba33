"""What type of content each column of a form expects (for aligning and cutting cells)."""

from __future__ import annotations

from jixiao.core.documents.align import AMOUNT, POINTS, PROSE, RATE, VALUE

__all__ = ["FUND_KINDS", "IND_KINDS", "LABEL", "NAME"]

#: An indicator-level word (产出指标, 数量指标 …) or nothing.
LABEL = "label"
#: A 三级指标 name: required text that is neither a number nor a level word.
NAME = "name"

FUND_KINDS = {
    "initial_budget": AMOUNT,
    "annual_budget": AMOUNT,
    "executed": AMOUNT,
    "full_year_rate": RATE,
    "weight": POINTS,
    "rate": RATE,
    "score": POINTS,
    "method": PROSE,
}

IND_KINDS = {
    "level1": VALUE,
    "level2": VALUE,
    "name": VALUE,
    "weight": POINTS,
    "target": VALUE,
    "actual": VALUE,
    "method": PROSE,
    "score": POINTS,
    "note": PROSE,
}
