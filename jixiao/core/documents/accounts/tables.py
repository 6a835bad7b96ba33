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

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.core.documents.accounts.model import Table
from jixiao.core.documents.accounts.restore import restore_rows
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.model import Confidence, ExtractionWarning, SourceRef
from jixiao.core.numbers import D, NumberFormatError, is_placeholder
from jixiao.core.text import key, simplified

__all__ = ["TITLE_KINDS", "find_tables", "read_table"]

_ENUM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])\s*"
)
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_PRINTED_NO = re.compile(r"公开\s*(\d{1,2})\s*表?")
_TOC = re.compile(r"(\.{3,}|…|·{3,})")
_INT = re.compile(r"^\d{1,3}$")
_AMOUNT_IN = re.compile(r"\d\.\d{2}\b")

#: Title patterns (on the matching key) → standard table number. Order matters: most specific first.
TITLE_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"三公.*经费.*决算表"), "09"),
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
    text = "".join(row.texts[c] or "" for c in filled)
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


# ---------------------------------------------------------------- helpers


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


# ---------------------------------------------------------------- two-sided tables (01, 04)

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


# ---------------------------------------------------------------- function-classified tables

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


# ---------------------------------------------------------------- 06 基本支出明细


def _detail(r: _Reader) -> dict[str, Any]:
    groups: list[list[dict[str, Any]]] = [[], [], []]
    totals: dict[str, Decimal | None] = {"personnel_total": None, "public_total": None}
    code_cols: list[int] = []
    for row in r.rows:
        t = row.texts
        filled = row.filled()
        if not code_cols:
            code_cols = [c for c, k in enumerate(row.keys) if k == "科目代码"]
            continue
        joined = key("".join(x for x in t if x))
        if joined.startswith("注"):
            break
        if "人员经费合计" in joined or "公用经费合计" in joined:
            label = None
            for c in filled:
                k = row.keys[c]
                if k in ("人员经费合计", "公用经费合计"):
                    label = "personnel_total" if k.startswith("人员") else "public_total"
                elif label and _is_amount(t[c]):
                    totals[label] = r.value(row, c, label)
                    label = None
            continue
        positional = len(row) >= code_cols[-1] + 1
        entries: list[tuple[int, int, int | None, int | None]] = []
        if positional:
            for g, cc in enumerate(code_cols[:3]):
                if _CODE.match(row.text(cc) or ""):
                    entries.append((g, cc, cc + 1, cc + 2))
        else:  # blank cells dropped: each code starts a triple; 301/303 are 人员经费
            codes = [c for c in filled if _CODE.match(t[c] or "") and len(t[c] or "") in (3, 5)]
            for c in codes:
                g = (
                    0
                    if (t[c] or "").startswith(("301", "303"))
                    else 1
                    if (t[c] or "").startswith("302")
                    else 2
                )
                name_col = next((x for x in filled if x > c and not _is_amount(t[x])), None)
                amount_col = next(
                    (x for x in filled if x > c and _is_amount(t[x]) and not _CODE.match(t[x] or "")), None
                )
                entries.append((g, c, name_col, amount_col))
        for g, c, name_col, amount_col in entries:
            index = f"{g}.{len(groups[g])}"
            groups[g].append(
                {
                    "group": "人员经费" if g == 0 else "公用经费",
                    "code": t[c],
                    "name": row.text(name_col) or "" if name_col is not None else "",
                    "amount": r.value(row, amount_col, f"rows[{index}].amount")
                    if amount_col is not None
                    else None,
                }
            )
    if not code_cols:
        r.doubts.append("表头（科目代码）未识别")
    elif not any(groups):
        r.doubts.append("未找到数据行")
    elif all(v is None for v in totals.values()):
        r.doubts.append("未找到人员经费合计、公用经费合计行")
    return {"rows": groups[0] + groups[1] + groups[2], **totals}


# ---------------------------------------------------------------- 09 三公

_SANGONG_KEYS = ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


def _sangong(r: _Reader) -> dict[str, Any]:
    header: list[str] = []
    for row in r.rows:
        filled = row.filled()
        values = [c for c in filled if _is_amount(row.texts[c])]
        if len(values) < 6 or len(values) != len(filled):
            header += [row.keys[c] for c in filled]
            continue
        texts = [row.texts[c] or "" for c in values]
        if all(x.isdigit() for x in texts) and [int(x) for x in texts] == list(range(1, len(texts) + 1)):
            continue  # the 栏次 row 1 … 12
        if len(values) != 12:
            r.warn(row, f"三公经费表数据行有 {len(values)} 个数，应为 12 个（预算数、决算数各 6 个）")
            r.doubts.append(f"数据行有 {len(values)} 个数，应为 12 个")
        interleaved = _interleaved(header)
        data: dict[str, Any] = {"budget": {}, "actual": {}}
        for n, c in enumerate(values[:12]):
            side = ("budget", "actual")[n % 2] if interleaved else ("budget" if n < 6 else "actual")
            item = _SANGONG_KEYS[n // 2 if interleaved else n % 6]
            data[side][item] = r.value(row, c, f"{side}.{item}")
        if interleaved is None and not _sangong_adds_up(data):
            # the header did not show the order of the columns: only sums that hold confirm it
            r.doubts.append("表头未显示预算数、决算数的列序，按顺序读取的数字不能相加成合计")
        return data
    r.doubts.append("未找到数据行（预算数、决算数各 6 个）")
    return {"budget": dict.fromkeys(_SANGONG_KEYS), "actual": dict.fromkeys(_SANGONG_KEYS)}


def _interleaved(header: list[str]) -> bool | None:
    """The column order the header prints: 预算数 and 决算数 alternating under each item (True),
    one 预算数 group then one 决算数 group (False), or ``None`` when the header does not show it."""
    sides = [k for k in header if k in ("预算数", "决算数", "预算", "决算")]
    if len(sides) >= 4 and all(k.startswith("预" if n % 2 == 0 else "决") for n, k in enumerate(sides)):
        return True
    if 2 <= len(sides) <= 3 and sides[0].startswith("预") and sides[1].startswith("决"):
        return False
    return None


def _sangong_adds_up(data: dict[str, Any]) -> bool:
    """Both sides' 合计 = 出国 + 用车 + 接待 and 用车 = 购置 + 运行, within rounding."""
    for side in data.values():
        v = {k: side.get(k) or Decimal(0) for k in _SANGONG_KEYS}
        if abs(v["total"] - v["abroad"] - v["vehicle_total"] - v["reception"]) > Decimal("0.03"):
            return False
        if abs(v["vehicle_total"] - v["vehicle_purchase"] - v["vehicle_operation"]) > Decimal("0.02"):
            return False
    return True


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
