"""Table 06 基本支出明细: three (code, name, amount) groups side by side, and the 人员经费合计 /
公用经费合计 totals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.documents.accounts.reader import _CODE, _is_amount, _Reader
from jixiao.core.text import key


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
