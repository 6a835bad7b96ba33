"""Function-classified tables (02, 03, 05, 07, 08): 科目代码 · 科目名称 · one amount per column,
by position under the header when cells kept their place, else in order (with a doubt when the
count does not fit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.documents.accounts.reader import _CODE, _INT, _is_amount, _Reader
from jixiao.core.ingest.grid import Row
from jixiao.core.text import key

_STRUCTURAL = {"项目", "科目代码", "科目名称", "栏次", "功能分类科目", "支出功能分类科目"}


#: The standard columns of the function-classified tables (docs/accounts.md), used when blank
#: header cells were dropped and the header no longer shows which column a name stands over.
STANDARD_COLUMNS: dict[str, list[str]] = {
    "02": [
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ],
    "03": ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    "05": ["本年支出小计", "基本支出", "项目支出"],
    "07": ["年初结转和结余", "本年收入", "本年支出小计", "基本支出", "项目支出", "年末结转和结余"],
    "08": ["本年支出合计", "基本支出", "项目支出"],
}


def _column_count(rows: list[Row]) -> int | None:
    """The number of value columns the 栏次 row numbers (栏次 1 2 3 → 3), if printed."""
    for row in rows:
        filled = row.filled()
        if filled and row.keys[filled[0]] == "栏次":
            return sum(1 for c in filled[1:] if _INT.match(row.texts[c] or ""))
    return None


def _fit_columns(number: str, header_rows: list[Row], columns: list[str], count: int | None) -> list[str]:
    """Header names when the header's cells lost their place (blank cells dropped)."""
    if count is None or len(columns) == count:
        return columns
    standard = STANDARD_COLUMNS.get(number)
    tokens = [
        key(t)
        for row in header_rows
        for t in row.texts
        if t and key(t) not in _STRUCTURAL and not t.isdigit()
    ]
    if standard and len(standard) == count and all(tok in "".join(standard) for tok in tokens):
        return list(standard)
    return columns[-count:] if len(columns) > count else columns


def _columns(header_rows: list[Row]) -> tuple[list[str], int]:
    width = max((len(r) for r in header_rows), default=0)
    names: list[str] = []
    first_value = 1
    for c in range(width):
        parts = []
        for row in header_rows:
            t = row.text(c)
            if t and key(t) not in _STRUCTURAL and not t.isdigit():
                parts.append(key(t))
        names.append("".join(parts))
    while first_value < width and not names[first_value]:
        first_value += 1
    columns = [n for n in names[first_value:] if n]
    return columns, first_value


def _coded(r: _Reader) -> dict[str, Any]:
    header_rows: list[Row] = []
    data_start = None
    in_header = False
    for n, row in enumerate(r.rows):
        first = row.filled()[0] if row.filled() else None
        k0 = row.keys[first] if first is not None else ""
        if k0 == "栏次":
            data_start = n + 1
            break
        if k0 == "合计" or (first is not None and _CODE.match(row.text(first) or "")):
            data_start = n
            break
        in_header = in_header or k0 in ("项目", "科目代码", "功能分类科目", "支出功能分类科目")
        if in_header:
            header_rows.append(row)
    columns, first_value = _columns(header_rows)
    fitted = _fit_columns(r.number, header_rows, columns, _column_count(r.rows[: (data_start or 0) + 1]))
    if fitted != columns:
        columns, first_value = fitted, -len(r.rows)  # the header's positions no longer apply
    rows: list[dict[str, Any]] = []
    for row in r.rows[data_start or len(r.rows) :]:
        filled = row.filled()
        if not filled:
            continue
        first = row.texts[filled[0]] or ""
        if first.startswith("注") or (len(filled) == 1 and not _CODE.match(first) and first != "合计"):
            break
        code = first if _CODE.match(first) else None
        unlabeled_total = code is None and all(_is_amount(row.texts[c]) for c in filled) and len(filled) > 1
        if code is None and key(first) != "合计" and not unlabeled_total:
            continue
        name = (
            "合计"
            if code is None
            else next((row.texts[c] for c in filled[1:] if not _is_amount(row.texts[c])), "")
        )
        index = len(rows)
        values: dict[str, Decimal | None] = {}
        amounts = [c for c in filled if _is_amount(row.texts[c]) and (code is None or row.texts[c] != code)]
        if len(amounts) != len(columns) and len(row) >= first_value + len(columns):
            # blank cells kept their place (tabs, "|"): read by position under the header
            for n, col in enumerate(columns):
                values[col] = r.value(row, first_value + n, f"rows[{index}].{col}")
        else:
            if len(amounts) != len(columns):
                r.warn(
                    row,
                    f"{r.title}：“{name}”行有 {len(amounts)} 个数，表头有 {len(columns)} 列，已按顺序对应",
                )
                r.doubts.append(f"“{name}”行有 {len(amounts)} 个数，表头有 {len(columns)} 列，数字对应不到列")
            for col, c in zip(columns, amounts, strict=False):
                values[col] = r.value(row, c, f"rows[{index}].{col}")
            for col in columns[len(amounts) :]:
                values[col] = None
        rows.append({"code": code, "name": name or "", "values": values})
    if not rows:
        r.doubts.append("未找到数据行")
        rows.append({"code": None, "name": "合计", "values": dict.fromkeys(columns)})
    elif not columns:
        r.doubts.append("表头未识别")
    elif not any(row["code"] is None for row in rows):
        r.doubts.append("未找到合计行")
    return {"columns": columns, "rows": rows}
