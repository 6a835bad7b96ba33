"""Rebuild the rows of a disclosure table whose text lost its row and cell boundaries.

Text copied from a PDF viewer puts every non-blank cell on a line of its own ("one cell per
line"); text copied from a web page joins the cells of a row with single spaces ("flattened").
Either way the table arrives as a stream of tokens. The disclosure tables have a fixed grammar,
so the rows can be rebuilt from the tokens' types alone:

* function-classified tables (02, 03, 05, 07, 08): a row starts at a 科目代码 or at "合计";
* two-sided tables (01, 04): each side is label · 行次 · amount(s); a row has a left side and a
  right side, and the 行次 of the left side counts 1, 2, 3 … while the right side's run on from
  the last left row, which tells a new row from the right half of the current one;
* 06: each 科目代码 starts a (code, name, amount) triple;
* 09: the twelve amounts after the 栏次 numbers 1 … 12.

The rebuilt rows hold only the cells that were printed (blank cells are gone), which the table
readers handle as they do any text whose blank cells were dropped. A rebuilt row's line is that of
its first token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.core.ingest.grid import Row
from jixiao.core.numbers import D, NumberFormatError, is_placeholder
from jixiao.core.text import clean, key

__all__ = ["restore_rows"]

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_INT = re.compile(r"^\d{1,3}$")
_META = re.compile(r"^(公开|单位|部门|金额单位)")
_SPLIT = re.compile(r"\s+")
_HEAD_WORDS = {"项目", "科目代码", "功能分类科目", "支出功能分类科目", "收入", "预算数", "人员经费"}


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    line: int
    page: int | None


def _numeric(text: str) -> bool:
    if is_placeholder(text):
        return True
    try:
        D(text)
    except NumberFormatError:
        return False
    return True


def _is_label(text: str) -> bool:
    return not _numeric(text)


def _ends(text: str) -> bool:
    """A note or a sentence: the table is over."""
    return text.startswith(("注", "#")) or (len(text) > 15 and any(p in text for p in "，。；"))


def _vertical(rows: list[Row]) -> bool:
    """Most rows of the body hold a single cell: the table lost its cell boundaries."""
    body = [r for r in rows if not r.is_blank]
    single = sum(1 for r in body if len(r.filled()) == 1)
    return len(body) >= 4 and single >= 0.7 * len(body)


def _tokens(rows: list[Row]) -> list[_Tok]:
    out: list[_Tok] = []
    for row in rows:
        filled = row.filled()
        for c in filled:
            text = row.texts[c] or ""
            pieces = _SPLIT.split(row.cells[c].strip()) if len(filled) == 1 else [text]
            if _ends(text):
                pieces = [text]
            out.extend(_Tok(clean(p) or "", row.line, row.page) for p in pieces if clean(p))
    return out


def _row(tokens: list[_Tok]) -> Row:
    return Row(tuple(t.text for t in tokens), tokens[0].line, tokens[0].page)


def restore_rows(rows: list[Row], number: str) -> list[Row]:
    """``rows`` of one table with the body rebuilt, or unchanged when the body kept its cells."""
    start = 1  # the title
    while start < len(rows) and (
        rows[start].is_blank or (len(rows[start].filled()) == 1 and _is_meta(rows[start]))
    ):
        start += 1
    body = rows[start:]
    if not _vertical(body):
        return rows[:start] + [_split_flat(row) for row in body]
    tokens = _tokens(body)
    end = next((n for n, t in enumerate(tokens) if _ends(t.text)), len(tokens))
    tail = [Row((t.text,), t.line, t.page) for t in tokens[end:]]
    tokens = tokens[:end]
    if number in ("01", "04"):
        built = _two_sided(tokens)
    elif number == "06":
        built = _detail(tokens)
    elif number == "09":
        built = _sangong(tokens)
    else:
        built = _coded(tokens)
    return rows[:start] + [_row(group) for group in built if group] + tail


def _split_flat(row: Row) -> Row:
    """A data row whose cells were joined by spaces, inside a table that kept its other rows."""
    filled = row.filled()
    if len(filled) != 1:
        return row
    pieces = _SPLIT.split(row.cells[filled[0]].strip())
    if len(pieces) >= 3 and (_CODE.match(pieces[0]) or key(pieces[0]) == "合计") and _numeric(pieces[-1]):
        return Row(tuple(pieces), row.line, row.page)
    return row


def _is_meta(row: Row) -> bool:
    text = row.texts[row.filled()[0]] or ""
    k = key(text)
    if k in _HEAD_WORDS or "行次" in k:
        return False
    return bool(_META.match(k)) or k in ("万", "元", "表", "万元") or (len(k) <= 2 and not _numeric(text))


def _split_header(tokens: list[_Tok]) -> tuple[list[_Tok], list[_Tok], list[_Tok]]:
    """(header, 栏次 row, data) of a table whose header ends with a 栏次 row."""
    first = next((n for n, t in enumerate(tokens) if key(t.text) == "栏次"), None)
    if first is None:
        data_at = next(
            (n for n, t in enumerate(tokens) if _CODE.match(t.text) or key(t.text) == "合计"), len(tokens)
        )
        return tokens[:data_at], [], tokens[data_at:]
    n = first
    while n < len(tokens) and (key(tokens[n].text) == "栏次" or _INT.match(tokens[n].text)):
        n += 1
    return tokens[:first], tokens[first:n], tokens[n:]


def _coded(tokens: list[_Tok]) -> list[list[_Tok]]:
    header, numbers, data = _split_header(tokens)
    rows: list[list[_Tok]] = [header, numbers]
    for t in data:
        if _CODE.match(t.text) or key(t.text) == "合计":
            rows.append([t])
        elif len(rows) > 2:
            rows[-1].append(t)
    return rows


@dataclass
class _Side:
    tokens: list[_Tok]
    line_no: int | None  # 行次


def _two_sided(tokens: list[_Tok]) -> list[list[_Tok]]:
    header, numbers, data = _split_header(tokens)
    first_line = next((n for n, t in enumerate(header) if key(t.text) == "行次"), 1)
    above, header = header[: first_line - 1], header[first_line - 1 :]  # "收入 支出" above the header
    lines = [n for n, t in enumerate(header) if key(t.text) == "行次"]
    n_right = len(header) - lines[1] - 1 if len(lines) >= 2 else 1
    sides: list[_Side] = []
    n = 0
    while n < len(data):
        t = data[n]
        if _is_label(t.text):
            side = _Side([t], None)
            n += 1
            if n < len(data) and _INT.match(data[n].text):
                side.tokens.append(data[n])
                side.line_no = int(data[n].text)
                n += 1
            while n < len(data) and _numeric(data[n].text) and len(side.tokens) < 2 + n_right:
                if _INT.match(data[n].text) and n + 1 < len(data) and _is_label(data[n + 1].text):
                    break  # a bare 行次 before a label: the next row's blank left side
                side.tokens.append(data[n])
                n += 1
            sides.append(side)
        elif _INT.match(t.text):
            sides.append(_Side([t], int(t.text)))  # a left side printed as its 行次 only
            n += 1
        else:
            n += 1
    rows: list[list[_Tok]] = [above, header, numbers]
    left: _Side | None = None
    last_left = 0
    for side in sides:
        if left is None:
            left = side
            last_left = side.line_no or last_left + 1
            continue
        if side.line_no is not None and side.line_no == last_left + 1:
            rows.append(left.tokens)  # a left side alone: the next row begins
            left, last_left = side, side.line_no
            continue
        rows.append(left.tokens + side.tokens)
        left = None
    if left is not None:
        rows.append(left.tokens)
    return rows


def _detail(tokens: list[_Tok]) -> list[list[_Tok]]:
    first = next((n for n, t in enumerate(tokens) if _CODE.match(t.text)), len(tokens))
    header = tokens[:first]
    rows: list[list[_Tok]] = [[t for t in header if key(t.text) not in ("人员经费", "公用经费")]]
    for t in tokens[first:]:
        opens_totals = key(t.text) in ("人员经费合计", "公用经费合计") and rows[-1][0].text[0].isdigit()
        if _CODE.match(t.text) or opens_totals:
            rows.append([t])
        else:
            rows[-1].append(t)
    return rows


def _sangong(tokens: list[_Tok]) -> list[list[_Tok]]:
    numbers = [n for n, t in enumerate(tokens) if _numeric(t.text)]
    if not numbers:
        return [tokens]
    first = numbers[0]
    header, rest = tokens[:first], tokens[first:]
    count = 0
    while count < len(rest) and rest[count].text == str(count + 1):
        count += 1
    rows = [header]
    if count >= 6:
        rows.append(rest[:count])
        rest = rest[count:]
    rows.append(rest)
    return rows
