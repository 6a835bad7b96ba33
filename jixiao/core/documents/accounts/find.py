"""Where the disclosure tables 公开01–09 of a grid are: recognised by their TITLE and structure,
never by their printed number (numbering differs by region and year, RULES.md §7.4)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.core.documents.accounts.reader import _AMOUNT_IN, _ENUM, _PRINTED_NO, _TOC
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.text import key, simplified

#: Title patterns (on the matching key) → standard table number. Order matters: most specific first.
TITLE_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"三公.*经费.*决算(表|$)"), "09"),
    (re.compile(r"政府性基金预算财政拨款(收入)?支出决算表"), "07"),
    (re.compile(r"国有资本经营预算财政拨款(收入)?支出决算表"), "08"),
    (re.compile(r"一般公共预算财政拨款基本支出决算(明细)?表"), "06"),
    (re.compile(r"一般公共预算财政拨款(收入)?支出决算表"), "05"),
    (re.compile(r"^财政拨款收入支出决算(总)?表"), "04"),
    (re.compile(r"^收入支出决算(总)?表"), "01"),
    (re.compile(r"^收入决算(总)?表"), "02"),
    (re.compile(r"^支出决算(总)?表"), "03"),
]


@dataclass(slots=True)
class _Start:
    index: int
    number: str
    title: str


def _title_kind(row: Row) -> tuple[str, str] | None:
    filled = row.filled()
    if not filled or len(filled) > 2:
        return None
    if len(filled) == 1:
        return _title_kind_of(row.texts[filled[0]] or "")
    return _title_kind_of("".join(row.texts[c] or "" for c in filled))


@lru_cache(maxsize=65536)
def _title_kind_of(text: str) -> tuple[str, str] | None:
    if len(text) > 40 or _TOC.search(text) or "说明" in text:
        return None
    k = _ENUM.sub("", simplified(key(text)))
    k = re.sub(r"^(\d{4}年度?)?(部门|单位)?", "", k)
    for pattern, number in TITLE_KINDS:
        if pattern.search(k):
            return number, text
    return None


def _confirmed(grid: Grid, i: int) -> bool:
    """A title is a table's when a table header or its 公开/单位/部门 lines follow closely."""
    for row in grid.rows[i + 1 : i + 9]:
        joined = "".join(t for t in row.texts if t)
        if _PRINTED_NO.search(joined) or joined.startswith(("单位", "部门")) or len(row.filled()) >= 4:
            return True
    return False


def find_tables(grid: Grid) -> list[tuple[int, int, str, str]]:
    """(first row, end row, standard number, title) of every disclosure table in the grid."""
    starts: list[_Start] = []
    for i, row in enumerate(grid.rows):
        found = _title_kind(row)
        if found and _confirmed(grid, i):
            if starts and starts[-1].number == found[0] and i - starts[-1].index <= 3:
                starts[-1] = _Start(i, *found)  # a heading repeated as the bare title
                continue
            starts.append(_Start(i, *found))
    out = []
    for n, s in enumerate(starts):
        end = starts[n + 1].index if n + 1 < len(starts) else min(len(grid.rows), s.index + 200)
        end = _cut_at_prose(grid, s.index, end)
        out.append((s.index, end, s.number, s.title))
    return out


def _cut_at_prose(grid: Grid, start: int, end: int) -> int:
    """A table ends at the explanation text that follows the last table."""
    seen_data = False
    for i in range(start + 1, end):
        row = grid.rows[i]
        if len(row.filled()) >= 2:
            seen_data = True
            continue
        text = row.text(row.filled()[0]) if row.filled() else None
        if text and _AMOUNT_IN.search(text) and not seen_data:
            seen_data = True  # a table that lost its cell boundaries (one cell per line, flattened)
            continue
        text = simplified(text) if text else text
        if seen_data and text and (text.startswith(("第三部分", "第四部分")) or "情况说明" in text):
            return i
    return end
