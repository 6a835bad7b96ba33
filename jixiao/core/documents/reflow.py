"""Rebuild table rows from text that lost its cell separators.

Two shapes of published text carry a table without any separator the splitter can see:

* **one cell per line** (copied from a PDF viewer): every non-blank cell on its own line, blank
  cells gone, row boundaries gone;
* **flattened rows** (copied from a web page): each row on one line, its cells joined by single
  spaces — and the cells themselves may contain spaces.

Both are recognised by their structural tokens (field labels, column headers, indicator levels,
fund rows) and rebuilt into rows whose cells stand under their header columns, so that the
ordinary layout recognisers read them. Cell boundaries that the text lost are recovered by a
small dynamic programme that scores each way of cutting the tokens by how well every piece fits
the type its column expects (see :func:`~jixiao.core.documents.align.fit`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.core.documents import vocab
from jixiao.core.documents.align import AMOUNT, DOTS, POINTS, PROSE, RATE, fit
from jixiao.core.documents.kinds import FUND_KINDS, IND_KINDS, LABEL, NAME
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.numbers import is_placeholder
from jixiao.core.text import clean, key

__all__ = ["reflow"]

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


# ---------------------------------------------------------------- dynamic programmes


def _cell_fit(kind: str, text: str | None) -> float:
    """Type fit of a piece of text for a field kind, with labels and names kept apart."""
    if text is None:
        return -10.0 if kind == NAME else (0.0 if kind == LABEL else fit(kind, None))
    is_label = vocab.level_of(key(text)) is not None
    if kind == LABEL:
        return 1.0 if is_label else -5.0
    if is_label:
        return -3.0
    if DOTS.match(text):
        return -1.0
    if kind == NAME:
        return -2.0 if _is_numeric(text) else 1.0
    if _UNIT_ONLY.match(text):
        return -1.0  # "万元", "月" cut away from its number
    return fit(kind, text)


def _segment(
    pieces: Sequence[str], fields: Sequence[str], kinds: dict[str, str], group: bool
) -> tuple[float, dict[str, str]]:
    """Cut ``pieces`` into consecutive cells, one per field in order (fields may stay empty).

    With ``group`` a cell may join several whitespace pieces (flattened rows); without it each
    piece is one cell (one cell per line). Returns the score and field → cell text.
    """
    n, k = len(pieces), len(fields)
    neg = float("-inf")
    empty = [_cell_fit(kinds[f], None) for f in fields]
    # best[i][j]: tokens[:i] used, fields[:j] decided
    best = [[neg] * (k + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, int] | None]] = [[None] * (k + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(k):
            here = best[i][j]
            if here == neg:
                continue
            # field j stays empty
            if here + empty[j] > best[i][j + 1]:
                best[i][j + 1] = here + empty[j]
                back[i][j + 1] = (i, j, 0)
            max_group = (_MAX_NAME if kinds[fields[j]] in (NAME, PROSE) else _MAX_GROUP) if group else 1
            for g in range(1, max_group + 1):
                if i + g > n:
                    break
                joined = " ".join(pieces[i : i + g])
                if g > 1 and kinds[fields[j]] in _NUMBER_KINDS and not _SPLIT_NUMBER.match(joined):
                    continue  # two numbers never make one ("10 100%"), a wrapped one may ("0.90732 3")
                text = clean(joined)
                cost = 0.02 if kinds[fields[j]] in (NAME, PROSE) else 0.3
                score = here + _cell_fit(kinds[fields[j]], text) - cost * (g - 1)
                if score > best[i + g][j + 1]:
                    best[i + g][j + 1] = score
                    back[i + g][j + 1] = (i, j, g)
    if best[n][k] == neg:
        return neg, {}
    cells: dict[str, str] = {}
    i, j = n, k
    while j:
        step = back[i][j]
        assert step is not None
        pi, pj, g = step
        if g:
            cells[fields[pj]] = " ".join(pieces[pi : pi + g])
        i, j = pi, pj
    return best[n][k], cells


def _row_score(
    tokens: Sequence[_Tok], fields: Sequence[str], kinds: dict[str, str]
) -> tuple[float, dict[str, str]]:
    if all(vocab.level_of(t.key) is not None for t in tokens) and len(tokens) <= 2:
        return -0.5, {"__labels__": " ".join(t.text for t in tokens)}
    if len(tokens) == 1 and DOTS.match(tokens[0].text):
        return -0.5, {}
    return _segment([t.text for t in tokens], fields, kinds, group=False)


def _split_rows(
    tokens: Sequence[_Tok], fields: Sequence[str], kinds: dict[str, str]
) -> list[tuple[int, dict[str, str]]]:
    """Cut a one-cell-per-line indicator block into rows (dynamic programme over row ends)."""
    n = len(tokens)
    best = [float("-inf")] * (n + 1)
    back: list[tuple[int, dict[str, str]] | None] = [None] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        if best[i] == float("-inf"):
            continue
        for end in range(i + 1, min(n, i + _MAX_ROW) + 1):
            score, cells = _row_score(tokens[i:end], fields, kinds)
            total = best[i] + score - 1.0
            if total > best[end]:
                best[end] = total
                back[end] = (i, cells)
    rows: list[tuple[int, dict[str, str]]] = []
    i = n
    while i > 0:
        step = back[i]
        if step is None:
            break
        i, cells = step
        rows.append((tokens[i].line, cells))
    rows.reverse()
    return rows


# ---------------------------------------------------------------- rebuilding rows


@dataclass(slots=True)
class _Out:
    rows: list[Row]

    def emit(self, cells: Sequence[str], line: int) -> None:
        self.rows.append(Row(cells=tuple(cells), line=line))


def _merge_header_words(pieces: list[str]) -> list[str]:
    """Join whitespace pieces that together make one structural word.

    "年度 指标值" → "年度指标值", "一级指 标" → "一级指标", "上年结转 资金" → "上年结转资金": a join is
    extended while it stays a word and the next piece is not a word of its own (so "分值 执行率"
    stays two words); a bracket piece joins the word before it ("全年预算数 (A)").
    """
    out: list[str] = []
    i = 0
    while i < len(pieces):
        take = 1
        if not _is_word(pieces[i]):
            for g in range(2, min(5, len(pieces) - i) + 1):
                if _is_word("".join(pieces[i : i + g])):
                    take = g
                    break
            else:
                take = 0
        if take:
            while i + take < len(pieces) and not _is_word(pieces[i + take]):
                longer = "".join(pieces[i : i + take + 1])
                if not _is_word(longer) or _BRACKET.match(pieces[i + take]):
                    break
                take += 1
        take = max(take, 1)
        piece = "".join(pieces[i : i + take]) if take > 1 else pieces[i]
        if out and _BRACKET.match(piece) and _is_word(out[-1] + piece):
            out[-1] += piece  # "全年预算数 (A)", "产出指标 (50分)"
        else:
            out.append(piece)
        i += take
    return out


def _is_word(text: str) -> bool:
    k = key(text)
    return bool(_header_word(k) or vocab.level_of(k) or vocab.fund_row(k) or vocab.TOTAL_ROW.match(k))


def _place(cells: dict[str, str], header: list[tuple[int, str]], width: int) -> list[str]:
    row = [""] * width
    labels = cells.pop("__labels__", None)
    for col, f in header:
        if f in cells:
            row[col] = cells[f]
    if labels:
        parts = labels.split(" ")
        for col, f in header:
            if f == "level1" and len(parts) == 2:
                row[col] = parts[0]
            if f == "level2":
                row[col] = parts[-1]
    return row


def _indicator_block(out: _Out, header_cells: list[str], tokens: list[_Tok], flattened: bool) -> None:
    header = [
        (c, f.split(":", 1)[1])
        for c, f in enumerate(_header_word(key(h)) or "" for h in header_cells)
        if f.startswith("ind:")
    ]
    fields = [f for _, f in header]
    kinds = {
        f: (LABEL if f in ("level1", "level2") else NAME if f == "name" else IND_KINDS[f]) for f in fields
    }
    if flattened:
        by_line: dict[int, list[_Tok]] = {}
        for t in tokens:
            by_line.setdefault(t.line, []).append(t)
        for line, toks in by_line.items():
            _, cells = _segment([t.text for t in toks], fields, kinds, group=True)
            out.emit(_place(cells, header, len(header_cells)), line)
        return
    # one cell per line: goal-block labels ("目标1(40分)：") cut the block first
    chunk: list[_Tok] = []
    for t in [*tokens, None]:
        if t is None or vocab.GROUP_ROW.match(t.text):
            for line, cells in _split_rows(chunk, fields, kinds) if chunk else []:
                out.emit(_place(cells, header, len(header_cells)), line)
            chunk = []
            if t is not None:
                out.emit([t.text], t.line)
        else:
            chunk.append(t)


def _stop(t: _Tok) -> bool:
    k = t.key
    return bool(
        vocab.TOTAL_ROW.match(k)
        or any(k.startswith(f) for f in vocab.FOOTER_LABELS)
        or k in ("项目名称", "单位名称")
        or (_TITLE.search(k) and len(k) < 60)
    )


def _ends_block(prev: _Tok, t: _Tok) -> bool:
    """Prose after a blank line ends a one-cell-per-line table ("1. 总体目标：…", "二、…")."""
    if t.line - prev.line < 2:
        return False
    return bool(_PROSE_START.match(t.text) or (len(t.text) > 30 and "。" in t.text))


def _rebuild(run: list[Row], flattened: bool) -> list[Row]:
    """Rebuild one run of separator-less lines into rows of cells."""
    tokens: list[_Tok] = []
    for row in run:
        text = row.cells[0]
        pieces = _merge_header_words(text.split()) if flattened else [text]
        tokens.extend(_Tok(p, key(p), row.line) for p in pieces if p.strip())
    out = _Out([])
    fund_header: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        word = _header_word(t.key) or ""
        if word.startswith("field:"):
            j = i + 1
            value: list[str] = []
            while (
                j < n
                and not _header_word(tokens[j].key)
                and ((flattened and tokens[j].line == t.line) or not value)
            ):
                if not flattened and (
                    _stop(tokens[j])
                    or vocab.fund_row(tokens[j].key)
                    or _header_run(tokens, j, "fund") - j >= 3
                ):
                    break
                value.append(tokens[j].text)
                j += 1
            out.emit([t.text, " ".join(value)], t.line)
            i = j
            continue
        ind_end = _header_run(tokens, i, "ind")
        if ind_end - i >= 4:
            header = [x.text for x in tokens[i:ind_end]]
            out.emit(header, t.line)
            j = ind_end
            while (
                j < n and not _stop(tokens[j]) and not (j > ind_end and _ends_block(tokens[j - 1], tokens[j]))
            ):
                j += 1
            _indicator_block(out, header, tokens[ind_end:j], flattened)
            i = j
            continue
        fund_end = _header_run(tokens, i, "fund")
        if fund_end - i >= 3:
            fund_header = [x.text for x in tokens[i:fund_end]]
            out.emit(fund_header, t.line)
            i = fund_end
            continue
        goal_end = _header_run(tokens, i, "goal")
        if goal_end > i and any(vocab.GOAL_EXPECTED.match(x.key) for x in tokens[i:goal_end]):
            out.emit([x.text for x in tokens[i:goal_end]], t.line)
            j = goal_end
            texts: list[str] = []
            while j < n and len(texts) < 2 and not _stop(tokens[j]) and not _is_structural(tokens[j].text):
                if flattened and texts and tokens[j].line != tokens[j - 1].line:
                    break
                texts.append(tokens[j].text)
                j += 1
            if texts:
                out.emit(["", *([" ".join(texts)] if flattened else texts)], tokens[goal_end].line)
            i = j
            continue
        if vocab.fund_row(t.key) or vocab.TOTAL_ROW.match(t.key):
            j = i + 1
            while j < n and _is_numeric(tokens[j].text) and (not flattened or tokens[j].line == t.line):
                j += 1
            values = [x.text for x in tokens[i + 1 : j]]
            if flattened and fund_header and vocab.fund_row(t.key):
                out.emit(_fund_cells(t.text, values, fund_header), t.line)
            else:
                out.emit([t.text, *values], t.line)
            i = j
            continue
        if flattened:
            j = i
            while j < n and tokens[j].line == t.line:
                j += 1
            out.emit([" ".join(x.text for x in tokens[i:j])], t.line)
            i = j
            continue
        out.emit([t.text], t.line)
        i += 1
    return out.rows


def _in_family(k: str, family: str) -> bool:
    if not k or len(k) > 16:
        return False
    if family == "ind":
        return vocab.indicator_column(k, exact=True) is not None
    if family == "fund":
        return vocab.fund_column(k, exact=True) is not None
    return bool(vocab.GOAL_EXPECTED.match(k) or vocab.GOAL_ACTUAL.match(k))


def _header_run(tokens: Sequence[_Tok], i: int, family: str) -> int:
    """End of a run of header words of one family starting at ``i`` (a leading label allowed)."""
    j = i
    # a section label such as "绩效指标", "项目资金（万元）" or "年度 总体 目标" (up to 3 pieces)
    while (
        j < len(tokens)
        and j - i < 3
        and not _in_family(tokens[j].key, family)
        and len(tokens[j].key) <= 12
        and tokens[j].line == tokens[i].line
    ):
        j += 1
    if j < len(tokens) and not _in_family(tokens[j].key, family):
        return i
    start = j
    while j < len(tokens) and _in_family(tokens[j].key, family):
        j += 1
    return j if j > start else i


def _fund_cells(label: str, values: list[str], header: list[str]) -> list[str]:
    """A flattened funds row cut against its header ("0.90732 3" is one amount)."""
    cols = [(c, vocab.fund_column(key(h))) for c, h in enumerate(header)]
    cols = [(c, f) for c, f in cols if f is not None]
    fields = [f for _, f in cols]
    _, cells = _segment(values, fields, FUND_KINDS, group=True)
    row = [""] * len(header)
    row[max(0, cols[0][0] - 1) if cols else 0] = label
    for c, f in cols:
        if f in cells:
            row[c] = cells[f]
    return row


def _is_structural(text: str) -> bool:
    return bool(_header_word(key(text)) or vocab.fund_row(key(text)) or vocab.level_of(key(text)))


def reflow(grid: Grid) -> Grid:
    """Rebuild the separator-less table runs of a grid; other rows are kept as they are."""
    rows = list(grid.rows)
    out: list[Row] = []
    i = 0
    changed = False
    while i < len(rows):
        if len(rows[i].cells) != 1:
            out.append(rows[i])
            i += 1
            continue
        j = i
        while j < len(rows) and len(rows[j].cells) == 1:
            j += 1
        run = rows[i:j]
        mode = _mode(run)
        if mode is None:
            out.extend(run)
        else:
            out.extend(_rebuild(run, flattened=mode == "flattened"))
            changed = True
        i = j
    return Grid(source=grid.source, rows=tuple(out)) if changed else grid


def _mode(run: list[Row]) -> str | None:
    """ "one_per_line", "flattened" or ``None`` (prose, titles: leave alone)."""
    flat = 0
    for r in run:
        pieces = _merge_header_words(r.cells[0].split())
        if len(pieces) >= 3 and sum(1 for p in pieces if _is_structural(p)) >= 2:
            flat += 1
    if flat >= 3:
        return "flattened"
    structural = sum(1 for r in run if _is_structural(r.cells[0]))
    return "one_per_line" if structural >= 4 else None
