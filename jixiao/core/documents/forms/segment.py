"""Where the forms of a grid start: the 项目名称 / 单位名称 row, and the title and year above it."""

from __future__ import annotations

from jixiao.core.documents import vocab
from jixiao.core.documents.forms.state import _TITLE_WORDS, _YEAR, _Start
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.text import simplified


def _label_value(row: Row, col: int) -> int | None:
    """Index of the value cell of a label at ``col``: the next filled non-label cell."""
    for j in range(col + 1, len(row)):
        if row.texts[j] is None:
            continue
        if row.keys[j] in vocab.FIELD_LABELS:
            return None
        return j
    return None


def _find_starts(grid: Grid) -> list[_Start]:
    starts: list[_Start] = []
    for i, row in enumerate(grid.rows):
        if len(row) < 2:
            continue
        for col in row.filled()[:2]:
            label = vocab.FIELD_LABELS.get(row.keys[col])
            if label in ("project", "unit_name") and _label_value(row, col) is not None:
                starts.append(_Start(row=i, label=label, first=i))
                break
    starts += _unlabelled_starts(grid, starts)
    starts.sort(key=lambda start: start.row)
    previous_end = 0
    for start in starts:
        _find_title(grid, start, previous_end)
        previous_end = start.row + 1
    return starts


def _unlabelled_starts(grid: Grid, starts: list[_Start]) -> list[_Start]:
    """Forms whose 项目名称 / 单位名称 label is illegible (a scan read "项目名"): the row between a
    form's title and its 主管部门 row, when it holds a label and a value but no known label."""
    found = []
    rows = {start.row for start in starts}
    for i in range(2, len(grid.rows)):
        row, above = grid.rows[i], grid.rows[i - 1]
        if not row.filled() or vocab.FIELD_LABELS.get(row.keys[row.filled()[0]]) != "department":
            continue
        filled = above.filled()
        if rows & {i - 3, i - 2, i - 1} or len(filled) < 2 or vocab.FIELD_LABELS.get(above.keys[filled[0]]):
            continue
        texts = ("".join(t for t in grid.rows[n].texts if t) for n in range(max(i - 4, 0), i - 1))
        title = next((text for text in texts if _is_title(text)), None)
        if title is not None:
            label = "unit_name" if "整体" in simplified(title) else "project"
            found.append(_Start(row=i - 1, label=label, first=i - 1, unlabelled=above))
    return found


def _is_title(text: str) -> bool:
    """Whether a row's text is a form's title ("项目支出绩效自评表", "…完成表", traditional too)."""
    k = simplified(text)
    return any(w in k for w in _TITLE_WORDS) and len(k) < 60


def _find_title(grid: Grid, start: _Start, floor: int) -> None:
    """Look back a few rows for the form's title and year."""
    lo = max(floor, start.row - 8)
    for i in range(start.row - 1, lo - 1, -1):
        row = grid.rows[i]
        joined = "".join(t for t in row.texts if t)
        if start.year is None:
            m = _YEAR.search(joined)
            if m and len(joined) < 60:
                start.year = int(m.group(1))
        if _is_title(joined):
            start.title = joined
            start.first = i
            m = _YEAR.search(joined)
            if m:
                start.year = int(m.group(1))
            break
        if len(row) == 1 and len(joined) > 60:
            break
