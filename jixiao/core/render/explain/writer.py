"""The writer of one explanation: figures read from the tables and sentences about them.

Sections read every table figure through :meth:`Writer.v` (0 when the table lacks it), write a
placeholder "【…】" through :meth:`Writer.slot` where the supplement has no text, and compare
with the prior year through :meth:`Writer.change`, which records the prior-year figures used
and missing for the notes.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.documents.accounts.model import Accounts
from jixiao.core.render.document import Document
from jixiao.core.render.explain.figures import PRIOR_KEYS, ZERO, Key, fmt_amount, fmt_pct
from jixiao.core.render.explain.supplement import Supplement, from_numbers

__all__ = ["Writer"]


class Writer:
    """The state of one explanation being written: its tables, the supplement, and which
    prior-year figures were used or missing (for the notes)."""

    def __init__(self, accounts: Accounts, supplement: Supplement) -> None:
        self.a = accounts
        self.s = supplement
        self.year = f"{accounts.year}年度" if accounts.year else "本年度"
        self.prior_year = f"{accounts.year - 1}年度" if accounts.year else "上年度"
        self.used_priors: set[Key] = set()
        self.missing_priors: list[str] = []

    def v(self, table: str, path: str) -> Decimal:
        return self.a.value(table, path) or ZERO

    def slot(self, name: str) -> str:
        return self.s.fill.get(name) or f"【{name}】"

    def change(self, key: Key, subject: str, *, each: bool = False, lead: str | None = None) -> str:
        """ "与上年相比，X增加 Y 万元，增长 Z%。" (or the placeholder when the prior year is unknown)."""
        current = self.v(*key)
        prior = self.s.prior.get(key)
        lead = lead if lead is not None else f"与{self.prior_year}相比，{subject}{'各' if each else ''}"
        if prior is None:
            self.missing_priors.append(PRIOR_KEYS[key])
            return f"{lead}增加（减少）【上年{PRIOR_KEYS[key]}】万元。"
        self.used_priors.add(key)
        diff = current - prior
        if diff == 0:
            return f"与{self.prior_year}持平。"
        word, rate_word = ("增加", "增长") if diff > 0 else ("减少", "下降")
        text = f"{lead}{word}{fmt_amount(abs(diff))}万元"
        if prior == 0:
            return text + f"（{self.prior_year}无此项，不计算增长率）。"
        return text + f"，{rate_word}{fmt_pct(abs(diff) / prior)}。"

    def reason(self, key: Key, subject: str, lead: str = "主要原因是") -> str:
        """The reason sentence of a change, unless nothing changed."""
        prior = self.s.prior.get(key)
        if prior is not None and prior == self.v(*key):
            return ""
        if lead == "主要原因是" or prior is None:
            return f"{lead}：{self.slot(subject + '变动原因')}。"
        return f"决算数较上年{'增加' if self.v(*key) > prior else '减少'}的主要原因：{self.slot(subject + '变动原因')}。"

    def share(self, value: Decimal, base: Decimal) -> str:
        return fmt_pct(value / base) if base else "—"

    def notes(self, doc: Document) -> None:
        """Add to ``doc`` the notes on where each prior-year figure used came from, and on what
        is missing or left to fill."""
        for key in sorted(self.used_priors):
            source = self.s.prior_source.get(key, "")
            doc.notes.append(f"上年{PRIOR_KEYS[key]} {fmt_amount(self.s.prior[key])} 万元：{source}")
        if self.missing_priors:
            names = "、".join(dict.fromkeys(self.missing_priors))
            doc.notes.append(
                f"未提供上年数：{names}（在补充数据文件的“上年”下填写，或用 --prior 给出上年决算）"
            )
        if "合计" not in self.s.budget:
            doc.notes.append("未提供年初预算数（在补充数据文件的“年初预算”下按“合计”和科目编码填写）")
        slots = [p for p in doc.placeholders() if not from_numbers(p)]
        if slots:
            doc.notes.append(
                f"待补充 {len(slots)} 处：{'、'.join(p.strip('【】') for p in slots)}（在补充数据文件的“补充”下填写）"
            )
        missing = [n for n in ("01", "02", "03", "04", "05", "06", "09") if self.a.table(n) is None]
        if missing:
            doc.notes.append(f"未识别到公开{'、'.join(missing)}表，相关段落按 0 或占位生成")
