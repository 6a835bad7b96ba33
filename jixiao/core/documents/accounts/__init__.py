"""部门决算: the disclosure tables 公开01–09, their explanation text, and reading them."""

from __future__ import annotations

import re

from jixiao.core.documents.accounts.model import Accounts, Figure, Table
from jixiao.core.documents.accounts.tables import find_tables, read_table
from jixiao.core.ingest.grid import Grid
from jixiao.core.model import ExtractionWarning
from jixiao.core.text import simplified

__all__ = ["Accounts", "Figure", "Table", "recognise_accounts"]

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:部门|单位)?决算")


_HEADING = re.compile(r"决算.*(情况说明|决算公开|汇总|决算表)|三公.*决算|决算.*三公")


def _about_accounts(grid: Grid) -> bool:
    """Whether a text is a 决算 explanation: a heading naming it ("…“三公”经费决算情况说明",
    "…年度单位决算情况说明"), or a sentence on the year's “三公”经费 决算. A self-evaluation
    report that mentions "部门决算" in passing is not one."""
    for row in grid.rows:
        joined = "".join([t for t in row.texts if t])
        if "决" not in joined and "決" not in joined:  # no 决算 once simplified either
            continue
        text = simplified(joined)
        if "决算" not in text:
            continue
        if ("三公" in text) or (len(text) < 80 and _HEADING.search(text)):
            return True
    return False


def _narrative_only(grid: Grid) -> list[Accounts]:
    """The figures of a 决算 explanation published without its tables (a web page of the text)."""
    from jixiao.core.documents.accounts.narrative import read_narrative

    if not _about_accounts(grid):
        return []
    year = None
    for row in grid.rows:
        m = next((m for t in row.texts if (m := _YEAR.search(simplified(t or "")))), None)
        if m:
            year = int(m.group(1))
            break
    empty = Accounts(department=None, year=year, unit="万元", tables={}, ref=grid.rows[0].ref(grid.source))
    figures = read_narrative(grid, 0, empty)
    return [Accounts(None, year, "万元", {}, tuple(figures), empty.ref)] if figures else []


def recognise_accounts(grid: Grid) -> tuple[list[Accounts], list[ExtractionWarning]]:
    """Find the 部门决算 tables of a grid (one Accounts per document for now)."""
    found = find_tables(grid)
    if not found:
        return _narrative_only(grid), []
    warnings: list[ExtractionWarning] = []
    tables: dict[str, Table] = {}
    department = None
    unit = "万元"
    for start, end, number, title in found:
        table, meta, warns = read_table(grid, start, end, number, title)
        warnings += warns
        if number in tables:
            warnings.append(ExtractionWarning(f"第二张“{title}”，已忽略（每份决算只取一张）", table.ref))
            continue
        tables[number] = table
        department = department or meta.department
    year = None
    for row in grid.rows[: found[0][0] + 1]:
        for text in row.texts:
            m = _YEAR.search(simplified(text or ""))
            if m:
                year = int(m.group(1))
                break
        if year:
            break
    from jixiao.core.documents.accounts.narrative import read_narrative

    accounts = Accounts(
        department=department,
        year=year,
        unit=unit,
        tables=tables,
        ref=grid.rows[found[0][0]].ref(grid.source),
    )
    figures = read_narrative(grid, found[-1][1], accounts)
    return [Accounts(department, year, unit, tables, tuple(figures), accounts.ref)], warnings
