"""Cutting a run of tokens into cells and rows: a small dynamic programme that scores each way of
cutting by how well every piece fits the type its column expects."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.core.documents import vocab
from jixiao.core.documents.align import DOTS, PROSE, fit
from jixiao.core.documents.kinds import LABEL, NAME
from jixiao.core.documents.reflow.tokens import (
    _MAX_GROUP,
    _MAX_NAME,
    _MAX_ROW,
    _NUMBER_KINDS,
    _SPLIT_NUMBER,
    _UNIT_ONLY,
    _is_numeric,
    _Tok,
)
from jixiao.core.text import clean, key


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
