"""Table 09 三公: one row of twelve amounts (预算数 ×6, 决算数 ×6), grouped or pair by pair as
its header shows; read by order only when its own sums confirm the order."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.documents.accounts.reader import _is_amount, _Reader

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
