"""What every 决算 table reader shares: the patterns of codes and amounts, the table's unit and
printed number, and the state of one table being read (values, where each was read, doubts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.documents.accounts.restore import restore_rows
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.model import ExtractionWarning, SourceRef
from jixiao.core.numbers import D, NumberFormatError, is_placeholder
from jixiao.core.text import simplified

_ENUM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])\s*"
)


_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


_PRINTED_NO = re.compile(r"公开\s*(\d{1,2})\s*表?")


_TOC = re.compile(r"(\.{3,}|…|·{3,})")


_INT = re.compile(r"^\d{1,3}$")


_AMOUNT_IN = re.compile(r"\d\.\d{2}\b")


def _amount(text: str | None) -> Decimal | None:
    if text is None or is_placeholder(text):
        return None
    try:
        return D(text)
    except NumberFormatError:
        return None


def _is_amount(text: str | None) -> bool:
    return text is not None and not is_placeholder(text) and _amount(text) is not None


def _name(text: str) -> str:
    return _ENUM.sub("", text).strip()


@dataclass
class _Meta:
    printed_number: str | None = None
    unit: str = "万元"
    department: str | None = None


def _meta(rows: list[Row]) -> _Meta:
    meta = _Meta()
    pending_unit = ""
    for row in rows[:10]:
        for c in row.filled():
            printed = row.texts[c] or ""
            t = simplified(printed)
            m = _PRINTED_NO.search(t)
            if m and meta.printed_number is None:
                meta.printed_number = f"{int(m.group(1)):02d}"
            if t.startswith("单位") or pending_unit:
                unit = (pending_unit + t).replace("单位", "").lstrip(":：")
                if unit in ("万元", "元"):
                    meta.unit, pending_unit = unit, ""
                elif unit in ("万", ""):
                    pending_unit = "单位" + unit  # "单位：万" / "元" split over two lines
            if t.startswith("部门") and ("：" in t or ":" in t) and meta.department is None:
                meta.department = re.split(r"[:：]", printed, maxsplit=1)[1] or None
    return meta


class _Reader:
    """Shared state while one table is read."""

    def __init__(self, grid: Grid, start: int, end: int, number: str, title: str) -> None:
        self.grid = grid
        self.rows = restore_rows([r for r in grid.rows[start:end] if not r.is_blank], number)
        self.number = number
        self.title = title
        self.meta = _meta(self.rows)
        self.scale = Decimal(1) / Decimal(10000) if self.meta.unit == "元" else Decimal(1)
        self.refs: dict[str, SourceRef] = {}
        self.warnings: list[ExtractionWarning] = []
        self.doubts: list[str] = []
        self.title_ref = grid.rows[start].ref(grid.source)

    def value(self, row: Row, col: int, path: str) -> Decimal | None:
        amount = _amount(row.text(col))
        self.refs[path] = row.ref(self.grid.source, col)
        return None if amount is None else amount * self.scale

    def warn(self, row: Row, message: str) -> None:
        self.warnings.append(ExtractionWarning(message, row.ref(self.grid.source)))
