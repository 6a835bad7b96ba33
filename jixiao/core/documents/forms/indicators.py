"""The goals block, the indicator table (level-1/level-2 labels, each 三级指标 row aligned to its
header) and the 总分 row of a form."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.documents import vocab
from jixiao.core.documents.align import DOTS, align, points
from jixiao.core.documents.forms.state import _Builder
from jixiao.core.documents.kinds import IND_KINDS
from jixiao.core.ingest.grid import Row
from jixiao.core.model import (
    Goals,
    Indicator,
)
from jixiao.core.numbers import NumberFormatError, is_placeholder
from jixiao.core.text import key, simplified


def _goals_header(b: _Builder, row: Row) -> bool:
    exp = next((c for c in row.filled() if vocab.GOAL_EXPECTED.match(row.keys[c])), None)
    if exp is None:
        return False
    act = next((c for c in row.filled() if c > exp and vocab.GOAL_ACTUAL.match(row.keys[c])), None)
    b.goals_cols = (exp, act if act is not None else exp + 1)
    b.state = "goals"
    return True


def _read_goals(b: _Builder, row: Row) -> None:
    filled = [c for c in row.filled() if not vocab.GOAL_ACTUAL.match(row.keys[c])]
    texts = [row.texts[c] for c in filled if c >= (b.goals_cols or (0, 0))[0] - 1]
    texts = [t for t in texts if t]
    b.goals = Goals(expected=texts[0] if texts else None, actual=texts[1] if len(texts) > 1 else None)
    b.refs["goals"] = row.ref(b.source)
    b.state = "after_goals"


def _indicator_header(b: _Builder, row: Row) -> bool:
    cols = {c: vocab.indicator_column(row.keys[c]) for c in row.filled()}
    found = {f for f in cols.values() if f}
    if "name" not in found or not ({"target", "actual"} & found) or len(found) < 4:
        return False
    name_col = next(c for c, f in cols.items() if f == "name")
    last = max(c for c, f in cols.items() if f is not None)
    b.ind_header = [(c, cols.get(c)) for c in range(name_col + 1, last + 1)]
    b.ind_name_col = name_col
    b.ind_fields = found
    first = row.filled()[0]
    m = vocab.GROUP_ROW.match(simplified(row.texts[first] or ""))
    if m and cols.get(first) is None:
        b.group = _group_name(row.texts[first] or "", m)
    elif cols.get(first) is None:
        # a section label with points, "项目支出绩效指标 (50分)": what the indicators claim to weigh
        _, points = vocab.split_points(row.keys[first])
        if points is not None:
            b.fields["绩效指标分值"] = vocab.fmt_points(points)
            b.refs["绩效指标分值"] = row.ref(b.source, first)
    b.state = "indicators"
    return True


def _group_name(text: str, m: re.Match[str]) -> str:
    prefix = "年度绩效目标" if simplified(text).startswith("年度绩效") else "目标"
    return f"{prefix}{m.group(1)}"


def _is_label(text: str | None) -> bool:
    return text is not None and vocab.level_of(key(text)) is not None


def _read_indicator_row(b: _Builder, row: Row) -> None:
    texts = row.texts
    labels: list[tuple[int, int, str, Decimal | None]] = []
    name_col = None
    for c in row.filled():
        t = texts[c]
        if t is None or DOTS.match(t):
            continue
        lv = vocab.level_of(key(t))
        if lv is not None and name_col is None:
            labels.append((c, *lv))
            continue
        name_col = c
        break
    _apply_labels(b, labels, row)
    if b.level1 == "约束性指标":
        b.group = None
    if name_col is None:
        return
    found = align(texts, b.ind_header, IND_KINDS, name_col + 1, b.ind_name_col)
    if found.leftover:
        extra = "、".join(texts[c] or "" for c in found.leftover)
        b.warn(row, f"指标行有无法对应到表头的单元格，已忽略：{extra}", found.leftover[0])
        b.doubts.append(f"指标“{texts[name_col]}”行有对应不到表头的单元格")
    values: dict[str, object] = {}
    for name, c in found.cells.items():
        t = texts[c]
        if name in ("weight", "score"):
            try:
                values[name] = points(t)
            except NumberFormatError:
                what = "分值" if name == "weight" else "得分"
                b.warn(row, f"指标“{texts[name_col]}”的{what}应为数字，实为：{t}", c)
                values[name] = None
        else:
            values[name] = None if t is None or DOTS.match(t) else t
    refs = {n: row.ref(b.source, c) for n, c in found.cells.items()}
    refs["name"] = row.ref(b.source, name_col)
    level1, level2 = b.level1, b.level2
    if level1 == "满意度指标" and level2 is None:
        level2 = "服务对象满意度指标"
    b.indicators.append(
        Indicator(
            level1=level1,
            level2=level2,
            name=texts[name_col],
            target=values.get("target"),  # type: ignore[arg-type]
            actual=values.get("actual"),  # type: ignore[arg-type]
            weight=values.get("weight"),  # type: ignore[arg-type]
            score=values.get("score"),  # type: ignore[arg-type]
            note=values.get("note"),  # type: ignore[arg-type]
            method=values.get("method"),  # type: ignore[arg-type]
            group=b.group,
            level1_printed=b.l1_printed,
            level2_printed=b.l2_printed,
            refs=refs,
        )
    )


def _apply_labels(b: _Builder, labels: list[tuple[int, int, str, Decimal | None]], row: Row) -> None:
    """Update the level-1/level-2 context from the label cells of a row.

    Two labels are level 1 then level 2 (a level-2 word in the level-1 place stands for its
    parent, as in "数量指标(80分)"). One label is classified by its vocabulary; a level-2 word
    whose parent differs from the current level 1 means the level-1 cell was lost.
    """
    if not labels:
        return
    if len(labels) >= 2:
        (c1, lv1, name1, pts), (c2, lv2, name2, _) = labels[0], labels[1]
        level1 = name1 if lv1 == 1 or name1 == "成本指标" else vocab.PARENT.get(name1)
        if name1 == "成本指标" and vocab.PARENT.get(name2) != "成本指标":
            level1 = "产出指标"
        b.level1, b.level2 = level1, (name2 if lv2 == 2 else None)
        b.l1_printed, b.l2_printed = row.texts[c1], row.texts[c2]
        if pts is not None and level1:
            b.level1_weights.setdefault(level1, pts)
        return
    c, lv, name, pts = labels[0]
    if lv == 1:
        b.level1, b.level2 = name, None
        b.l1_printed, b.l2_printed = row.texts[c], None
        if pts is not None:
            b.level1_weights.setdefault(name, pts)
        return
    parent = vocab.PARENT.get(name)
    if parent != b.level1 and not (name == "成本指标" and b.level1 == "成本指标"):
        b.level1 = parent
        b.l1_printed = None
    b.level2, b.l2_printed = name, row.texts[c]
    if pts is not None and b.level1:
        b.level1_weights.setdefault(b.level1, pts)


def _read_total(b: _Builder, row: Row, label_col: int) -> None:
    nums: list[tuple[int, Decimal]] = []
    for c in range(label_col + 1, len(row)):
        t = row.texts[c]
        if t is None or is_placeholder(t):
            continue
        try:
            v = points(t)
        except NumberFormatError:
            continue
        if v is not None:
            nums.append((c, v))  # type: ignore[arg-type]
    if not nums:
        return
    weight_col = next((c for c, f in b.ind_header if f == "weight"), None)
    if len(nums) >= 2:
        (cw, w), (cs, s) = nums[0], nums[1]
        b.total_weight, b.total_score = w, s
        b.refs["total_weight"] = row.ref(b.source, cw)
        b.refs["total_score"] = row.ref(b.source, cs)
        return
    c, v = nums[0]
    score_col = next((c2 for c2, f in b.ind_header if f == "score"), None)
    if weight_col is not None and c == weight_col and c != score_col:
        b.total_weight = v
        b.refs["total_weight"] = row.ref(b.source, c)
    else:
        b.total_score = v
        b.refs["total_score"] = row.ref(b.source, c)
