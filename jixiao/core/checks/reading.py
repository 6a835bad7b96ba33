"""JX107 — how surely the document was read: figures read without confidence are not checked."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from jixiao.core.checks.base import DocumentContext, document_check
from jixiao.core.enums import Severity
from jixiao.core.model import Finding, Form

_CUT = "未找到总分行（文字可能在总分行之前截断）"


@document_check("JX107", "reading_uncertain", Severity.INFO, title="未能读准的表")
def reading_uncertain(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 某张自评表或决算表未能有把握地读出（表头未识别、数字对应不到列、未找到合计行或总分行），因此不对其数字做算术、计分和跨表检查。

    为什么: 读错位置的数字会引出文件中并不存在的“错误”；审核人看到一条假错误，就不再相信其他结论。
        读不准的表只在此说明一次没读懂什么，请对照原件人工核对。
    示例: 三公经费表每格一行、表头未显示预算数与决算数的列序，按顺序读出的数字加不成合计 → 提示一次，不报 JX221；
        表头清楚、各数都在列下、只是合计与各项之和不符 → 不提示，由 JX221 报告。
    依据: STYLE.md “精确先于召回”；RULES.md §8-6（报告而不改正，前提是读对）（S）。
    已知局限: 只判断读取本身（表头、列、合计行、按顺序读出的数能否相加成合计），不判断数字是否印错；
        在总分行之前截断的自评表只跳过需要整张表的检查（总分、分值合计、缺项），各行的检查照常进行。
    """
    for form in ctx.doubtful_forms:
        what = "；".join(form.confidence.doubts) if not form.confidence.sure else _CUT
        skipped = "不检查其数字" if not form.confidence.sure else "不检查总分、分值合计和缺项"
        yield ctx.finding(
            f"第{form.index}张表未能完整读出：{what}，{skipped}",
            "请对照原件核对此表；如为截断的网页或文字，请提供完整文件",
            form.ref,
            form=form.index,
        )
    for table in ctx.doubtful_tables:
        yield ctx.finding(
            f"{table.number}表 {table.title}未能有把握地读出：{'；'.join(table.confidence.doubts)}，不检查其数字",
            "请对照原件核对此表",
            table.ref,
        )
