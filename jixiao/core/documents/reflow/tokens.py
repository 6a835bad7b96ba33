"""The tokens of text that lost its cell separators, and what kind of header word each is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.core.documents import vocab
from jixiao.core.documents.align import AMOUNT, POINTS, RATE
from jixiao.core.numbers import is_placeholder

_MAX_ROW = 12  # tokens in one indicator row (one-cell-per-line)


_MAX_GROUP = 6  # whitespace pieces in one value cell (flattened rows)


_MAX_NAME = 40  # … in one name or sentence cell (vertical text splits every character)


_NUMERIC = re.compile(r"^[+-]?[\d,.]+%?(万元|元|分)?$")


_SPLIT_NUMBER = re.compile(r"^\d+\.\d*( \d+)+%?$")


_NUMBER_KINDS = (AMOUNT, RATE, POINTS)


_UNIT_ONLY = re.compile(r"^(万元|元|万|亿|人次|人|次|个月|月|个|家|年|天|%|套|批|件|米|平米)(\d.*)?$")


_BRACKET = re.compile(r"^[(（][^()（）]{0,12}[)）][:：]?$")


_PROSE_START = re.compile(r"^(\d+[.、．]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


_TITLE = re.compile(r"(自评表|完成表|评价表)")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    key: str
    line: int


def _is_numeric(t: str) -> bool:
    return bool(_NUMERIC.match(t.replace(" ", ""))) or is_placeholder(t)


@lru_cache(maxsize=65536)
def _header_word(k: str) -> str | None:
    """Which structural word a key is, if any ("ind:name", "fund:weight", "field:project" …)."""
    if not k or len(k) > 16:
        return None
    if k in vocab.FIELD_LABELS:
        return f"field:{vocab.FIELD_LABELS[k]}"
    if vocab.GOAL_EXPECTED.match(k) or (vocab.GOAL_ACTUAL.match(k) and len(k) <= 14):
        return "goal"
    col = vocab.indicator_column(k, exact=True)
    if col is not None and not (col in ("target", "actual") and len(k) > 8):
        return f"ind:{col}"
    col = vocab.fund_column(k, exact=True)
    if col is not None:
        return f"fund:{col}"
    return None
