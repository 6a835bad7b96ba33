"""Figures stated in the 决算情况说明 text, each linked to the table cell it talks about.

The explanation text follows a standard pattern (RULES.md §7.5): "收入合计 X 万元 … 增加 Y 万元，
增长 Z%", "财政拨款收入 X 万元，占本年收入 P%", "全年预算为 B 万元，支出决算为 A 万元，完成全年
预算的 P%". Sentences are read clause by clause; the item each amount belongs to is the phrase
just before it, matched (longest first) against the standard item names of the tables. Figures
that cannot be linked are kept with ``table=None``, so nothing is silently dropped.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from jixiao.core.documents.accounts.model import Accounts, Figure
from jixiao.core.ingest.grid import Grid
from jixiao.core.model import SourceRef
from jixiao.core.numbers import D, NumberFormatError
from jixiao.core.text import simplified

__all__ = ["ITEMS", "link_item", "read_narrative", "sentences"]

_STOP = re.compile(r"^(第[四五六]部分|名词解释|附件)")
_SECTION = re.compile(r"^(?:#+\s*)?([一二三四五六七八九十]+)[、.．]")
_AMOUNT = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*万元")
_SHARE = re.compile(r"占(?P<base>[^\d，。；,%]{0,20}?)(?:的)?\s*(?P<pct>\d+(?:\.\d+)?)\s*%")
_COMPLETION = re.compile(
    r"(?:全年|年初|支出)预算(?:数)?为\s*(?P<budget>\d[\d,]*(?:\.\d+)?)\s*万元[，,]\s*(?:支出)?决算(?:数)?为\s*(?P<actual>\d[\d,]*(?:\.\d+)?)"
    r"\s*万元[，,]\s*完成(?:全年|年初)?预算的\s*(?P<pct>\d+(?:\.\d+)?)\s*%"
)
_GROWTH = re.compile(
    r"(?P<dir>增加|减少)\s*(?P<change>\d[\d,]*(?:\.\d+)?)\s*万元[，,]?\s*(?P<dir2>增长|下降)\s*(?P<pct>\d+(?:\.\d+)?)\s*%"
)

_CHANGE = re.compile(
    r"(?:比|较)[^，。；,;]{0,20}?(?P<dir>增加|减少)\s*(?P<change>\d[\d,]*(?:\.\d+)?)\s*万元(?!\s*[，,]?\s*(?:增长|下降))"
)

#: Item phrases → (table, cell path), longest phrase first when matching.
ITEMS: dict[str, tuple[str, str]] = {
    "收、支总计": ("01", "income_grand_total"),
    "收支总计": ("01", "income_grand_total"),
    "收入合计": ("01", "income_total"),
    "本年收入合计": ("01", "income_total"),
    "支出合计": ("01", "expense_total"),
    "本年支出合计": ("01", "expense_total"),
    "财政拨款收入": ("02", "row:合计:财政拨款收入"),
    "上级补助收入": ("02", "row:合计:上级补助收入"),
    "事业收入": ("02", "row:合计:事业收入"),
    "经营收入": ("02", "row:合计:经营收入"),
    "附属单位上缴收入": ("02", "row:合计:附属单位上缴收入"),
    "其他收入": ("02", "row:合计:其他收入"),
    "基本支出": ("03", "row:合计:基本支出"),
    "项目支出": ("03", "row:合计:项目支出"),
    "上缴上级支出": ("03", "row:合计:上缴上级支出"),
    "经营支出": ("03", "row:合计:经营支出"),
    "对附属单位补助支出": ("03", "row:合计:对附属单位补助支出"),
    "财政拨款收、支总计": ("04", "income_grand_total"),
    "财政拨款收支总计": ("04", "income_grand_total"),
    "一般公共预算财政拨款收入": ("04", "income_rows.一般公共预算财政拨款"),
    "政府性基金预算财政拨款收入": ("04", "income_rows.政府性基金预算财政拨款"),
    "国有资本经营预算财政拨款收入": ("04", "income_rows.国有资本经营预算财政拨款"),
    "一般公共预算财政拨款支出": ("05", "row:合计:本年支出小计"),
    "一般公共预算财政拨款基本支出": ("05", "row:合计:基本支出"),
    "一般公共预算项目支出总额": ("05", "row:合计:项目支出"),
    "一般公共预算项目支出": ("05", "row:合计:项目支出"),
    "人员经费": ("06", "personnel_total"),
    "公用经费": ("06", "public_total"),
    "“三公”经费财政拨款支出": ("09", "actual.total"),
    "三公经费财政拨款支出": ("09", "actual.total"),
    "“三公”经费": ("09", "actual.total"),
    "因公出国(境)费": ("09", "actual.abroad"),
    "因公出国（境）费": ("09", "actual.abroad"),
    "公务用车购置及运行费": ("09", "actual.vehicle_total"),
    "公务用车购置及运行维护费": ("09", "actual.vehicle_total"),
    "公务用车购置费": ("09", "actual.vehicle_purchase"),
    "公务用车运行费": ("09", "actual.vehicle_operation"),
    "公务用车运行维护费": ("09", "actual.vehicle_operation"),
    "公务接待费": ("09", "actual.reception"),
}
#: Bases of "占…%" → (table, cell path).
BASES: dict[str, tuple[str, str]] = {
    "本年收入": ("01", "income_total"),
    "本年收入合计": ("01", "income_total"),
    "本年支出": ("01", "expense_total"),
    "本年支出合计": ("01", "expense_total"),
    "一般公共预算项目支出总额": ("05", "row:合计:项目支出"),
    "政府采购支出总额": ("", ""),
}
#: In the sections on 政府性基金 (七) and 国有资本经营 (八), the generic words name cells of 07/08.
SECTION_ITEMS: dict[str, dict[str, tuple[str, str]]] = {
    "七": {
        "年初结转和结余": ("07", "row:合计:年初结转和结余"),
        "本年收入": ("07", "row:合计:本年收入"),
        "本年支出": ("07", "row:合计:本年支出小计"),
        "年末结转和结余": ("07", "row:合计:年末结转和结余"),
    },
    "八": {"本年支出": ("08", "row:合计:本年支出合计")},
}
#: A share printed without its base ("占 5.6%") is a share of the section's total.
SECTION_BASES: dict[str, tuple[str, str]] = {
    "二": ("01", "income_total"),
    "三": ("01", "expense_total"),
    "五": ("05", "row:合计:本年支出小计"),
}
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])")
_CLASS = re.compile(r"^(?P<name>.+?)(?:（类）|\(类\))(?P<rest>支出)?$")
_ITEM_CUT = re.compile(r"[，,；;：:、。]|其中|主要包括|例如")
_YEAR = re.compile(r"(\d{4}\s*年度?)")
_VERB_END = re.compile(r"(均为|为|共计|合计为|达|支出决算为)$")
_CLAUSE_CUT = re.compile(r"[，,；;]")
_CHANGE_END = re.compile(r"(增加|减少|较上年|比.*决算数)$")
_MORE_LESS_END = re.compile(r"(增加|减少)\s*$")
#: The item phrases, longest first (the longest phrase ending an item names it).
_ITEMS_LONGEST_FIRST = sorted(ITEMS, key=len, reverse=True)


@cache
def _longest_first(section: str) -> list[tuple[str, tuple[str, str]]]:
    """The item phrases of a section, longest first."""
    return sorted(SECTION_ITEMS.get(section, {}).items(), key=lambda kv: -len(kv[0]))


def _dec(text: str) -> Decimal | None:
    try:
        return D(text)
    except NumberFormatError:
        return None


def sentences(grid: Grid, start: int) -> list[tuple[str, SourceRef, str | None]]:
    """(sentence, where it starts, section number) of the prose from row ``start`` on."""
    out: list[tuple[str, SourceRef, str | None]] = []
    buffer, ref, section = "", None, None
    for row in grid.rows[start:]:
        filled = row.filled()
        if len(filled) != 1:
            continue
        text = simplified(row.texts[filled[0]] or "")
        if _STOP.match(text.lstrip("#* ")):
            break
        m = _SECTION.match(text.lstrip("#* "))
        if m and len(text) < 40:
            if buffer:
                out.append((buffer, ref, section))  # type: ignore[arg-type]
            buffer, ref, section = "", None, m.group(1)
            continue
        if ref is None:
            ref = row.ref(grid.source)
        buffer += text
        while "。" in buffer:
            head, buffer = buffer.split("。", 1)
            out.append((head + "。", ref, section))
            ref = row.ref(grid.source) if buffer else None
    if buffer and ref is not None:
        out.append((buffer, ref, section))
    return out


def link_item(item: str, accounts: Accounts, section: str | None = None) -> tuple[str, str] | None:
    """The table cell an item phrase names (longest known phrase ending the item)."""
    item = _ENUM.sub("", item.strip("：:，, 。"))
    for phrase, cell in _longest_first(section or ""):
        if item.endswith(phrase):
            return cell
    for candidate in (item, item.removesuffix("支出") if item.endswith("费支出") else item):
        for phrase in _ITEMS_LONGEST_FIRST:
            if candidate.endswith(phrase):
                return ITEMS[phrase]
    m = _CLASS.match(item)
    name = (
        f"{m.group('name')}支出"
        if m and not m.group("name").endswith("支出")
        else (m.group("name") if m else None)
    )
    table05 = accounts.table("05")
    if name and table05 is not None:
        return "05", f"row:name={name}:本年支出小计"
    table06 = accounts.table("06")
    if table06 is not None and table06.row(name=item) is not None:
        return "06", f"row:name={item}:amount"
    return None


def _item_before(clause: str, end: int) -> str:
    """The words naming the amount that ends at ``end``: back to the last separator."""
    head = clause[:end]
    head = _ITEM_CUT.split(head)[-1]
    head = _ENUM.sub("", head.strip())
    head = _YEAR.sub("", head)
    head = _VERB_END.sub("", head.strip())
    return head.strip()


def read_narrative(grid: Grid, start: int, accounts: Accounts) -> list[Figure]:
    """Every figure of the explanation text after row ``start``."""
    figures: list[Figure] = []
    context: tuple[str, Decimal] | None = None  # the last item stated, for "较上年增加…"
    sangong: Decimal | None = None  # the “三公”经费 total stated, the base of its items' shares
    for sentence, ref, section in sentences(grid, start):
        sentence = sentence.replace("收、支", "收支")
        completion = _COMPLETION.search(sentence)
        if completion:
            item = _item_before(sentence, completion.start()) or "“三公”经费"
            linked = link_item(item, accounts)
            figures.append(
                Figure(
                    text=sentence,
                    kind="completion",
                    value=Decimal(completion.group("pct")) / 100,
                    item=item,
                    table=linked[0] if linked else None,
                    cell=linked[1] if linked else None,
                    ref=ref,
                    context={
                        "budget": _dec(completion.group("budget")) or Decimal(0),
                        "actual": _dec(completion.group("actual")) or Decimal(0),
                        "pct": Decimal(completion.group("pct")),
                    },
                )
            )
            context = (item, _dec(completion.group("actual")) or Decimal(0))
            if linked == _SANGONG_TOTAL:
                sangong = context[1]
        last_amount: tuple[str, Decimal] | None = None
        for clause in _CLAUSE_CUT.split(sentence):
            for m in _AMOUNT.finditer(clause):
                value = _dec(m.group("num"))
                if value is None:
                    continue
                item = _item_before(clause, m.start())
                if not item or _CHANGE_END.search(item):
                    continue
                if completion and ("预算为" in clause or "决算为" in clause):
                    continue  # the amounts of a completion clause belong to that figure
                linked = link_item(item, accounts, section)
                if linked == _SANGONG_TOTAL:
                    sangong = value
                last_amount = (item, value)
                context = (item, value)
                figures.append(
                    Figure(
                        sentence,
                        "amount",
                        value,
                        item,
                        linked[0] if linked else None,
                        linked[1] if linked else None,
                        ref,
                        {"section": section or ""},
                    )
                )
            share = _SHARE.search(clause)
            if share and last_amount is not None:
                base = share.group("base").strip() or ""
                where = BASES.get(base) if base else SECTION_BASES.get(section or "")
                extra: dict[str, Decimal | str] = {}
                part = link_item(last_amount[0], accounts, section)
                if not base and part and part[0] == "09" and part != _SANGONG_TOTAL:
                    # an item of the “三公”经费 is a share of their total (the 09 table's, else as stated)
                    where, base = _SANGONG_TOTAL, "“三公”经费合计"
                    extra = {"stated_base": sangong} if sangong is not None else {}
                if where and where[0]:
                    figures.append(
                        Figure(
                            sentence,
                            "share",
                            Decimal(share.group("pct")) / 100,
                            last_amount[0],
                            where[0],
                            where[1],
                            ref,
                            {
                                "amount": last_amount[1],
                                "base": base or "本节合计",
                                "section": section or "",
                                "pct": Decimal(share.group("pct")),
                                **extra,
                            },
                        )
                    )
            last_amount = last_amount if _AMOUNT.search(clause) or share is None else None
        growths = list(_GROWTH.finditer(sentence))
        for n, growth in enumerate(growths):
            subject = _subject(sentence[growths[n - 1].end() if n else 0 : growth.start()])
            current = _same_item(_current_before(sentence, growth.start()), subject, accounts)
            if current is None:  # an amount of an earlier sentence, if this one names no other item
                current = _same_item(context, subject or _subject(sentence[: growth.start()]), accounts)
            sign = Decimal(-1) if growth.group("dir") == "减少" else Decimal(1)
            figures.append(
                Figure(
                    sentence,
                    "growth",
                    Decimal(growth.group("pct")) / 100 * (1 if growth.group("dir2") == "增长" else -1),
                    (current[0] or (context[0] if context else None)) if current else None,
                    None,
                    None,
                    ref,
                    {
                        "change": (_dec(growth.group("change")) or Decimal(0)) * sign,
                        "current": current[1] if current else Decimal(-1),
                        "pct": Decimal(growth.group("pct")),
                    },
                )
            )
        for change in _CHANGE.finditer(sentence):
            if any(change.start() <= g.start() < change.end() for g in growths):
                continue
            current = _current_before(sentence, change.start())
            if current is None:
                continue
            sign = Decimal(-1) if change.group("dir") == "减少" else Decimal(1)
            amount = (_dec(change.group("change")) or Decimal(0)) * sign
            figures.append(
                Figure(
                    sentence,
                    "change",
                    amount,
                    current[0],
                    None,
                    None,
                    ref,
                    {"change": amount, "current": current[1]},
                )
            )
    return figures


_SANGONG_TOTAL = ("09", "actual.total")


def _subject(segment: str) -> tuple[str, str] | None:
    """The cell of the item a growth clause is about: the last item named in the words since the
    previous growth clause ("其中：因公出国（境）费支出决算减少 69.08 万元" → 因公出国（境）费)."""
    best: tuple[int, int, str] | None = None
    for phrase in ITEMS:
        at = segment.rfind(phrase)
        if at >= 0 and (best is None or (at + len(phrase), len(phrase)) > best[:2]):
            best = (at + len(phrase), len(phrase), phrase)
    return ITEMS[best[2]] if best else None


def _same_item(
    stated: tuple[str, Decimal] | None, subject: tuple[str, str] | None, accounts: Accounts
) -> tuple[str, Decimal] | None:
    """An amount stated earlier, as the current figure of a growth clause about ``subject``;
    ``None`` when it is the amount of another item (a sub-item's decrease after the total)."""
    if stated is None or subject is None:
        return stated
    linked = link_item(stated[0], accounts) or _subject(stated[0])
    return stated if linked is None or linked == subject else None


def _current_before(sentence: str, end: int) -> tuple[str, Decimal] | None:
    """The last amount stated before a growth clause: the current-year figure it compares."""
    best = None
    for m in _AMOUNT.finditer(sentence[:end]):
        value = _dec(m.group("num"))
        if value is None or _MORE_LESS_END.search(sentence[max(0, m.start() - 4) : m.start()]):
            continue
        item = _item_before(sentence, m.start())
        if _BUDGET_AMOUNT.search(item):
            continue  # "完成全年预算 84.82 万元的 73.2%": the budget, not the year's figure
        best = (item, value)
    return best


_BUDGET_AMOUNT = re.compile(r"预算数?$")
