"""Table 09 三公: one row of twelve amounts (预算数 ×6, 决算数 ×6), grouped or pair by pair as
its header shows; read by order only when its own sums confirm the order. Some templates print
it turned: one row per item (合计, 因公出国（境）费 …) with its 预算数 and 决算数; each row is then
read by its label."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.documents.accounts.reader import _ENUM, _is_amount, _Reader
from jixiao.core.ingest.grid import Row

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
    turned = _by_item(r)
    if turned is not None:
        return turned
    r.doubts.append("未找到数据行（预算数、决算数各 6 个）")
    return {"budget": dict.fromkeys(_SANGONG_KEYS), "actual": dict.fromkeys(_SANGONG_KEYS)}


#: Row labels of a turned 09 table → item; most specific first.
_ITEMS = (
    ("购置及运行", "vehicle_total"),
    ("运行", "vehicle_operation"),
    ("购置", "vehicle_purchase"),
    ("出国", "abroad"),
    ("接待", "reception"),
)


def _item_of(k: str) -> str | None:
    if k in ("合计", "总计") or k.endswith("经费合计"):
        return "total"
    return next((item for word, item in _ITEMS if word in k and len(k) <= 20), None)


def _tokens(rows: list[Row]) -> list[tuple[Row, int, str]]:
    """(row, column, key) of every cell, separators dropped and letters spaced apart rejoined
    ("合 计", "预 算 数" copied from a web page come as one character per cell)."""
    out: list[tuple[Row, int, str]] = []
    glue: list[tuple[Row, int, str]] = []
    for row in rows:
        for c in row.filled():
            k = row.keys[c].strip("|｜")
            if not k:
                out += _words(glue)  # a separator ends a word spaced apart
                glue = []
                continue
            if len(k) == 1 and not _is_amount(row.texts[c]):
                glue.append((row, c, k))
                continue
            out += _words(glue)
            glue = []
            out.append((row, c, k))
    return out + _words(glue)


_HEAD_WORDS = ("项目", "预算数", "决算数", "预算", "决算", "合计", "总计")


def _words(glue: list[tuple[Row, int, str]]) -> list[tuple[Row, int, str]]:
    """Single characters rejoined: into the header words they spell ("项目预算数决算数合计" →
    项目, 预算数, 决算数, 合计) when they spell only such words, else into one word."""
    if not glue:
        return []
    text, words = "".join(g[2] for g in glue), []
    at = 0
    while at < len(text):
        word = next((w for w in _HEAD_WORDS if text.startswith(w, at)), None)
        if word is None:
            return [(glue[0][0], glue[0][1], text)]
        words.append((glue[at][0], glue[at][1], word))
        at += len(word)
    return words


def _after_table(text: str) -> bool:
    """A note, a heading or a sentence: what follows a table's rows."""
    return (
        text.startswith(("注", "#"))
        or bool(_ENUM.match(text))
        or len(text) > 30
        or (len(text) > 15 and any(p in text for p in "，。；,;"))
    )


def _by_item(r: _Reader) -> dict[str, Any] | None:
    """A 09 table printed one row per item: label, then its two amounts in the header's order.

    A label followed directly by the next label is a row left blank (``None`` on both sides); a
    row with one amount, or an unknown label among the rows, leaves the table in doubt.
    """
    tokens = _tokens(r.rows[1:])
    sides = [k[:2] for _, _, k in tokens if k in ("预算数", "决算数", "预算", "决算")]
    if "预算" not in sides or "决算" not in sides:
        return None
    order = ("budget", "actual") if sides.index("预算") < sides.index("决算") else ("actual", "budget")
    rows: dict[str, list[tuple[Row, int]]] = {}
    current: str | None = None
    for row, c, k in tokens:
        text = row.texts[c] or ""
        if _is_amount(text):
            if current is not None:
                rows[current].append((row, c))
            continue
        item = _item_of(k)
        if item is not None:
            if item in rows:
                r.doubts.append(f"“{text}”行出现两次")
            current = item
            rows[current] = []
        elif current is not None and _after_table(text):
            break
        elif current is not None:
            r.doubts.append(f"未识别的行“{text}”")
    if "total" not in rows:
        return None
    data: dict[str, Any] = {"budget": {}, "actual": {}}
    for item, cells in rows.items():
        if len(cells) not in (0, 2):
            r.doubts.append(f"“{item}”行有 {len(cells)} 个数，应为预算数、决算数 2 个")
        for side, (row, c) in zip(order, cells[:2], strict=False):
            data[side][item] = r.value(row, c, f"{side}.{item}")
        for side in order[len(cells[:2]) :]:
            data[side][item] = None  # printed blank
    return data


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
