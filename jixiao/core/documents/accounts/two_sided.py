"""Two-sided totals tables (01 收入支出决算总表, 04 财政拨款收入支出决算总表): label · 行次 ·
amount(s) on each side, read by position under the header, or by the type of each cell when
blank cells were dropped."""

from __future__ import annotations

from typing import Any

from jixiao.core.documents.accounts.reader import _INT, _is_amount, _name, _Reader
from jixiao.core.ingest.grid import Row
from jixiao.core.text import key, simplified

_SPECIAL_LEFT = {
    "本年收入合计": "income_total",
    "使用非财政拨款结余和专用结余": "use_of_non_fiscal_balance",
    "使用非财政拨款结余": "use_of_non_fiscal_balance",
    "年初结转和结余": "opening_balance",
    "年初财政拨款结转和结余": "opening_balance",
    "总计": "income_grand_total",
}


_SPECIAL_RIGHT = {
    "本年支出合计": "expense_total",
    "结余分配": "surplus_distribution",
    "年末结转和结余": "closing_balance",
    "年末财政拨款结转和结余": "closing_balance",
    "总计": "expense_grand_total",
}


def _two_sided(r: _Reader) -> dict[str, Any]:
    header = next((row for row in r.rows if sum(1 for k in row.keys if k == "行次") == 2), None)
    right_columns = ["金额"]
    positions: tuple[int, int, int, int] | None = None
    if header is not None:
        lines = [c for c, k in enumerate(header.keys) if k == "行次"]
        positions = (lines[0] - 1, lines[0], lines[1] - 1, lines[1])
        right_columns = [
            simplified(header.texts[c] or "") for c in range(lines[1] + 1, len(header)) if header.texts[c]
        ]
    multi = len(right_columns) > 1
    data: dict[str, Any] = {"income_rows": {}, "expense_rows": {}}
    if multi:
        data["columns"] = right_columns
        data["opening_balance_rows"] = {}
    after_opening = False
    started = False
    for row in r.rows:
        if row is header or not started:
            started = started or row is header or any(k == "行次" for k in row.keys)
            continue
        if (row.keys and row.keys[0] == "栏次") or (row.filled() and row.keys[row.filled()[0]] == "栏次"):
            continue
        if _ends_table(row):
            break
        left, right = _sides(row, positions, len(right_columns))
        if left is not None and left[0]:
            name = simplified(_name(left[0]))
            slot = _SPECIAL_LEFT.get(key(name))
            path = slot or f"income_rows.{name}"
            if multi and after_opening and slot is None:
                path = f"opening_balance_rows.{name}"
            value = r.value(row, left[1], path) if left[1] is not None else None
            if slot == "opening_balance":
                after_opening = True
            if slot:
                data[slot] = value
            elif path.startswith("opening"):
                data["opening_balance_rows"][name] = value
            else:
                data["income_rows"][name] = value
        if right is not None and right[0]:
            name = simplified(_name(right[0]))
            slot = _SPECIAL_RIGHT.get(key(name))
            cols = right[1]
            placed = [c for c in cols if c is not None and _is_amount(row.text(c))]
            if multi and 0 < len(placed) < len(cols) and placed == [c for c in cols if c is not None]:
                # blank cells dropped: which of the columns the amounts stand under is a guess
                r.doubts.append(f"“{name}”行有 {len(placed)} 个数，表头有 {len(cols)} 列，数字对应不到列")
            if multi:
                values = {
                    col: r.value(row, c, f"{slot or 'expense_rows.' + name}.{col}") if c is not None else None
                    for col, c in zip(right_columns, cols, strict=False)
                }
            else:
                values = (
                    r.value(row, cols[0], slot or f"expense_rows.{name}")
                    if cols and cols[0] is not None
                    else None
                )
            if slot:
                data[slot] = values
            else:
                data["expense_rows"][name] = values
    if not started:
        r.doubts.append("表头（行次）未识别")
    elif not any(data.get(k) is not None for k in ("income_total", "expense_total", "income_grand_total")):
        r.doubts.append("未找到合计、总计行")
    return data


def _ends_table(row: Row) -> bool:
    """A note ("注：…"), a heading or a sentence after the rows ends a table."""
    filled = row.filled()
    if len(filled) != 1:
        return False
    text = row.texts[filled[0]] or ""
    return text.startswith(("注", "#")) or len(text) > 30


def _sides(
    row: Row, positions: tuple[int, int, int, int] | None, n_right: int
) -> tuple[tuple[str | None, int | None] | None, tuple[str | None, list[int | None]] | None]:
    """(left label, left amount column), (right label, right amount columns) of a row."""
    t = row.texts
    aligned = positions is not None and all(
        c >= len(t) or not t[c] or _INT.match(t[c] or "") for c in (positions[1], positions[3])
    )
    if positions is not None and aligned and len(row) >= positions[3]:
        ll, _, rl, rline = positions
        left = (t[ll] if ll >= 0 and ll < len(t) else None, ll + 2 if ll + 2 < len(t) else None)
        right_cols: list[int | None] = [
            c if c < len(t) else None for c in range(rline + 1, rline + 1 + n_right)
        ]
        label = t[rl] if 0 <= rl < len(t) else None
        if not (label is None and all(c is None or t[c] is None for c in right_cols)) or label:
            return left, (label, right_cols)
        return left, None
    # blank cells dropped: walk the cells by type (label, then 行次, then amounts)
    segments: list[list[int]] = []
    left_blank = False  # a row that opens with a bare 行次 has no label on the left side
    for c in row.filled():
        if not _is_amount(t[c]):
            segments.append([c])
        elif segments:
            segments[-1].append(c)
        else:
            left_blank = left_blank or bool(_INT.match(t[c] or ""))
    labelled = [s for s in segments if not _INT.match(t[s[0]] or "")]
    left = right = None
    if left_blank and len(labelled) == 1:
        only = labelled[0]
        rest = [c for n, c in enumerate(only[1:]) if n > 0 or not _INT.match(t[c] or "")]
        return None, (t[only[0]], [*rest[:n_right], *[None] * (n_right - len(rest[:n_right]))])
    if labelled:
        first = labelled[0]
        amounts = [c for c in first[1:] if not _INT.match(t[c] or "") or first.index(c) > 1]
        left = (t[first[0]], amounts[0] if amounts else None)
        if len(labelled) > 1:
            second = labelled[1]
            rest = [c for n, c in enumerate(second[1:]) if n > 0 or not _INT.match(t[c] or "")]
            right = (t[second[0]], [*rest[:n_right], *[None] * (n_right - len(rest[:n_right]))])
    return left, right
