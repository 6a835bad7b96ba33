"""Stage 2 for self-evaluation forms: grid rows → :class:`~jixiao.core.model.Form`.

All regional layouts of the 项目支出绩效自评表 (national/Hebei, Beijing, Anhui A and B, Shaanxi,
Hubei), the Hubei 部门绩效自评表 and the Shaanxi 绩效完成表 share one structure: a title, header
fields (项目名称, 主管部门 …), a funds block, a goals block, an indicator table and a 总分 row.
They differ in which columns exist and in what order, so this recogniser is driven by the
header rows it finds (:mod:`~jixiao.core.documents.vocab`), and each data row is aligned to its
header by content (:mod:`~jixiao.core.documents.align`), never by one document's wording.

A form exists only where its own structure was found (a title, a funds header with execution
columns, or an indicator header with 实际完成值 or 得分), and each carries a
:class:`~jixiao.core.model.Confidence` saying how surely it was read.
"""

from __future__ import annotations

from jixiao.core.documents.forms.read import recognise_forms

__all__ = ["recognise_forms"]
