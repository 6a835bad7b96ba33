"""Rebuilding the rows of a form's blocks (header fields, funds, goals, indicators) from the token
stream, each cell under its header column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from jixiao.core.documents import vocab
from jixiao.core.documents.kinds import FUND_KINDS, IND_KINDS, LABEL, NAME
from jixiao.core.documents.reflow.cut import _segment, _split_rows
from jixiao.core.documents.reflow.tokens import (
    _BRACKET,
    _PROSE_START,
    _TITLE,
    _header_word,
    _is_numeric,
    _Tok,
)
from jixiao.core.ingest.grid import Row
from jixiao.core.text import key


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


@lru_cache(maxsize=65536)
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


@lru_cache(maxsize=65536)
def _is_structural(text: str) -> bool:
    return bool(_header_word(key(text)) or vocab.fund_row(key(text)) or vocab.level_of(key(text)))
