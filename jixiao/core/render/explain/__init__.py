"""The standard 决算情况说明 written from the tables (RULES.md §7.5).

Every figure comes from a table of the :class:`Accounts`; changes on the prior year come from
figures the user supplies (:class:`Supplement`: a prior-year 部门决算 or a YAML file), or, when
none are given, from the changes the document's own explanation states (上年 = 本年 − 增减额,
said in the notes). What no table holds — reasons for a change, 团组数, 政府采购 — is written as a
named placeholder "【…】" unless the supplement fills it. Percentages are rounded to one decimal as
published; a rate on a zero base is not computed ("上年无此项支出", "未安排预算").

Modules: ``figures`` (the cells the explanation names, number formats), ``supplement`` (what the
user supplies and how it is read), ``writer`` (figures, sentences about changes, the notes),
``sections`` (sections 一 to 十三 and :func:`explain`).
"""

from __future__ import annotations

from jixiao.core.render.explain.figures import PRIOR_KEYS, fmt_amount, fmt_pct
from jixiao.core.render.explain.sections import explain
from jixiao.core.render.explain.supplement import (
    Supplement,
    load_prior,
    load_supplement,
    prior_from_accounts,
    resolve_supplement,
    supplement_template,
)

__all__ = [
    "PRIOR_KEYS",
    "Supplement",
    "explain",
    "fmt_amount",
    "fmt_pct",
    "load_prior",
    "load_supplement",
    "prior_from_accounts",
    "resolve_supplement",
    "supplement_template",
]
