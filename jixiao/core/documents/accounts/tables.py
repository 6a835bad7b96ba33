"""Stage 2 for 部门决算: grid rows → the disclosure tables 公开01–09.

Tables are recognised by their TITLE and structure, never by their printed number (numbering
differs by region and year, RULES.md §7.4). Each table family has one reader:

* two-sided totals (01 收入支出决算总表, 04 财政拨款收入支出决算总表): label · 行次 · amount(s) on
  each side;
* function-classified rows (02, 03, 05, 07, 08): 科目代码 · 科目名称 · one amount per column;
* 06 基本支出明细: three (code, name, amount) groups side by side;
* 09 三公: one row of twelve amounts (预算数 ×6, 决算数 ×6).

Rows are read by position under their header when cells kept their place (tabs, "|"), and by
the type of each cell (label, 行次, amount) when blank cells were dropped.
"""

from __future__ import annotations

from jixiao.core.documents.accounts.coded import _coded
from jixiao.core.documents.accounts.detail import _detail
from jixiao.core.documents.accounts.find import TITLE_KINDS, find_tables
from jixiao.core.documents.accounts.model import Table
from jixiao.core.documents.accounts.reader import _Meta, _Reader
from jixiao.core.documents.accounts.sangong import _sangong
from jixiao.core.documents.accounts.two_sided import _two_sided
from jixiao.core.ingest.grid import Grid
from jixiao.core.model import Confidence, ExtractionWarning

__all__ = ["TITLE_KINDS", "find_tables", "read_table"]


_READERS = {
    "01": _two_sided,
    "04": _two_sided,
    "02": _coded,
    "03": _coded,
    "05": _coded,
    "07": _coded,
    "08": _coded,
    "06": _detail,
    "09": _sangong,
}


def read_table(
    grid: Grid, start: int, end: int, number: str, title: str
) -> tuple[Table, _Meta, list[ExtractionWarning]]:
    """Read one table region."""
    reader = _Reader(grid, start, end, number, title)
    data = _READERS[number](reader)
    table = Table(
        number=number,
        title=title,
        data=data,
        printed_number=reader.meta.printed_number,
        refs=reader.refs,
        ref=reader.title_ref,
        source_unit=reader.meta.unit,
        confidence=Confidence.of(reader.doubts),
    )
    return table, reader.meta, reader.warnings
