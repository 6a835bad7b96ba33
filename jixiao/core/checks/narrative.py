"""JX522 … JX527 — the figures of the 情况说明 against the tables and against their own
arithmetic (amounts, completion rates, shares, growth rates, zero bases, years)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from itertools import product

from jixiao.core.checks.amounts import _HUNDRED, _pct, _v
from jixiao.core.checks.base import DocumentContext, document_check
from jixiao.core.documents.accounts.model import Accounts, Figure
from jixiao.core.enums import Severity
from jixiao.core.model import Finding, Form
from jixiao.core.scoring.semantics import fmt


def _figures(ctx: DocumentContext, kind: str) -> Iterator[tuple[Accounts, Figure]]:
    for accounts in ctx.accounts:
        for f in accounts.narrative:
            if f.kind == kind:
                yield accounts, f


def _pct_tolerance(f: Figure) -> Decimal:
    """Half a unit of the printed percentage's precision, as a fraction ("99.8%" → 0.0005)."""
    printed = f.context.get("pct")
    if not isinstance(printed, Decimal):
        return Decimal("0.005")
    if printed in (0, 100):
        return Decimal("0.00001")  # "100%" and "0%" claim all or nothing, not a rounding
    return _printed_tolerance(printed) / _HUNDRED


def _ratio(part: Decimal, base: Decimal) -> Decimal:
    """``part ÷ base`` for a positive base (a base at or below zero has no meaningful rate)."""
    if base <= 0:
        raise ZeroDivisionError
    return part / base


def _printed_tolerance(value: Decimal) -> Decimal:
    """Half a unit of the printed precision (10.5 → 0.05; 11208.44 → 0.005)."""
    exponent = value.as_tuple().exponent
    return (
        Decimal(5) * Decimal(10) ** (int(exponent) - 1)
        if isinstance(exponent, int) and exponent < 0
        else Decimal("0.5")
    )


def _off(f: Figure, rate: Callable[..., Decimal], *inputs: Decimal) -> bool:
    """Whether the printed percentage of ``f`` is off by more than rounding explains.

    Each input may lie half a unit of its printed precision either way (41.61 万元 stands for
    41.605 … 41.615), and so may the percentage: only a percentage outside every value the
    printed inputs allow is a slip. A range that reaches a zero base allows anything.
    """
    spans = [(v - _printed_tolerance(v), v + _printed_tolerance(v)) for v in inputs]
    try:
        rates = [rate(*corner) for corner in product(*spans)]
    except (ArithmeticError, ZeroDivisionError):
        return False
    tolerance = _pct_tolerance(f)
    return f.value + tolerance < min(rates) or f.value - tolerance > max(rates)


@document_check("JX522", "narrative_contradicts_table", Severity.ERROR, title="说明与表中数字不符")
def narrative_contradicts_table(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 决算情况说明中的金额与表中同一项的数字不符，或说明所称的科目（类）在表中不存在。

    为什么: 情况说明是对表的文字解释，数字必须与表一致；常见错误是抄错数、把款级金额当作类级、把科目名写错。
    示例: “其他对个人和家庭的补助 48.73 万元”，06表该项为 0（48.73 为 30302 退休费）→ 报告。
    依据: 《地方预决算公开操作规程》（财预〔2016〕143号）“内容准确”；RULES.md §7.3（T1）（R/S）。
    已知局限: 只检查能对应到表中某一格的金额（按说明中金额前的项目名称对应）；按说明所印的小数位比较。
    """
    for accounts, f in _figures(ctx, "amount"):
        if f.table is None or f.cell is None or accounts.table(f.table) is None:
            continue
        value = accounts.value(f.table, f.cell)
        table = accounts.tables[f.table]
        if value is None and f.cell.startswith("row:name="):
            name = f.cell.split("=", 1)[1].split(":", 1)[0]
            holder = next(
                (
                    r
                    for r in table.rows()
                    if _v(r.get("values", {}).get("本年支出小计", r.get("amount"))) == f.value
                ),
                None,
            )
            also = f"（该金额为 {holder['code']} {holder['name']} 的数）" if holder else ""
            yield ctx.finding(
                f"情况说明称“{f.item} {fmt(f.value)} 万元”，{f.table}表中没有“{name}”{also}",
                "按表中的科目名称和金额表述",
                f.ref,
            )
            continue
        if value is None:
            value = Decimal(0)  # an empty table (no 政府性基金) stands for 0
        if abs(value - f.value) > _printed_tolerance(f.value):
            holder = None
            if f.table == "06":
                same = [r for r in table.rows() if r.get("amount") == f.value]
                holder = max(same, key=lambda r: len(r.get("code") or "")) if same else None
            also = f"（{fmt(f.value)} 为 {holder['code']} {holder['name']} 的数）" if holder else ""
            yield ctx.finding(
                f"情况说明称“{f.item} {fmt(f.value)} 万元”，{f.table}表为 {fmt(value)}{also}",
                "按表中数字修改说明",
                f.ref,
            )


@document_check("JX523", "completion_rate_wrong", Severity.ERROR, title="预算完成率算错")
def completion_rate_wrong(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 说明中的“完成全年预算的 P%”与“决算数 ÷ 预算数”不符；或所称预算数、决算数与“三公”表不符。

    为什么: 完成预算比例是公开说明的固定内容，计算错误会误导公众对预算执行的判断。
    示例: 全年预算 6 万元、决算 1.57 万元，完成全年预算的 26.2% → 不报；写 62.6% → 报告。
    依据: 部门决算情况说明口径；RULES.md §7.3（T4）、§7.5（S）。
    已知局限: 预算数为 0 时不计算（由 rate_with_zero_base 报告）；按说明所印的小数位比较，
        预算数、决算数也按所印小数位可差半个单位。
    """
    for accounts, f in _figures(ctx, "completion"):
        budget, actual = _v(f.context.get("budget")), _v(f.context.get("actual"))
        if f.table == "09" and f.cell and accounts.table("09") is not None:
            field = f.cell.split(".", 1)[1]
            for side, stated in (("budget", budget), ("actual", actual)):
                value = accounts.value("09", f"{side}.{field}")
                if value is not None and abs(value - stated) > _printed_tolerance(stated):
                    label = "全年预算" if side == "budget" else "支出决算"
                    yield ctx.finding(
                        f"情况说明称“{f.item}{label}为 {fmt(stated)} 万元”，09表为 {fmt(value)}",
                        "按“三公”经费表修改说明",
                        f.ref,
                    )
        if budget == 0:
            continue
        exact = actual / budget
        if _off(f, _ratio, actual, budget):
            yield ctx.finding(
                f"情况说明称“{f.item}”完成全年预算的 {_pct(f.value)}，按 {fmt(actual)} ÷ {fmt(budget)} 应为 {_pct(exact)}",
                "按“决算数 ÷ 预算数”重新计算",
                f.ref,
            )


@document_check("JX524", "share_wrong", Severity.ERROR, title="占比算错")
def share_wrong(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 说明中的“占 … P%”与“该项 ÷ 合计”不符。

    为什么: 结构占比是情况说明的固定内容；常见错误是把合计写成 100% 或用错分母。
    示例: “一般公共预算财政拨款支出 11208.44 万元，占本年支出合计的 100%” → 11208.44 ÷ 11229.01 = 99.8%，报告。
    依据: 部门决算情况说明口径；RULES.md §7.3（T2）（S）。
    已知局限: 只检查分母能对应到表中合计的占比（本年收入、本年支出、一般公共预算支出、项目支出总额、“三公”经费合计）；政府采购等无表可对的不检查；
        未附表的“三公”经费说明，以说明所称的“三公”经费决算数为分母。
        该项与合计按所印小数位可差半个单位。
    """
    for accounts, f in _figures(ctx, "share"):
        base = accounts.value(f.table or "", f.cell or "") if f.table else None
        if base is None and accounts.table(f.table or "") is None:
            stated = f.context.get("stated_base")  # the total as the text states it
            base = stated if isinstance(stated, Decimal) else None
        amount = _v(f.context.get("amount"))
        if not base:
            continue
        exact = amount / base
        if _off(f, _ratio, amount, base):
            yield ctx.finding(
                f"情况说明称“{f.item} {fmt(amount)} 万元”占{f.context.get('base')} {_pct(f.value)}，"
                f"按 {fmt(amount)} ÷ {fmt(base)} 应为 {_pct(exact)}",
                "按“该项 ÷ 合计”重新计算占比",
                f.ref,
            )


@document_check("JX525", "growth_rate_wrong", Severity.ERROR, title="增长率算错")
def growth_rate_wrong(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 说明中的“增加（减少）D 万元，增长（下降）G%”与“D ÷ 上年数”不符（上年数 = 本年数 − 增加额）。

    为什么: 增减额和增长率必须与上年数相符；算错会夸大或掩盖变化。
    示例: 收入合计 11229.01 万元，增加 10641.92 万元（上年 587.09），增长 1812.7% → 不报；若写 181.3% → 报告。
    依据: 部门决算情况说明口径；RULES.md §7.3（T3）（S）。
    已知局限: 上年数由本年数和增减额推出（用户未提供上年决算时）；上年为 0 的由 rate_with_zero_base 报告；
        印出的各数按其小数位可差半个单位，只有超出这一范围的增长率才报告。
    """
    for _, f in _figures(ctx, "growth"):
        current, change = _v(f.context.get("current")), _v(f.context.get("change"))
        if current < 0:
            continue
        prior = current - change
        if prior == 0:
            continue
        exact = change / prior
        if _off(f, lambda d, c: _ratio(d, c - d), change, current):
            yield ctx.finding(
                f"情况说明称“{f.item or ''}”增减 {fmt(change)} 万元、增长 {_pct(f.value)}，"
                f"按上年 {fmt(prior)}（= {fmt(current)} − {fmt(change)}）应为 {_pct(exact)}",
                "按“增减额 ÷ 上年数”重新计算",
                f.ref,
            )


@document_check("JX526", "rate_with_zero_base", Severity.WARNING, title="以零为基数的比率")
def rate_with_zero_base(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 以 0 为基数的增长率或完成率（如上年为 0 却写“增长 100%”，预算为 0 却写“完成 0%”）。

    为什么: 基数为 0 时比率没有意义；公开说明常写“增长100%”，既不成立也会误导。
    示例: “公务接待费 … 较上年增加 0 万元，增长 100%” → 上年为 0，报告；应写“上年无此项支出”。
    依据: RULES.md §7.3（T3：上年为 0 时应标出，不应计算）（S）。
    已知局限: 上年数由本年数和增减额推出；“增长0%”且本年也为 0 的不报告。
    """
    for _, f in _figures(ctx, "growth"):
        current, change = _v(f.context.get("current")), _v(f.context.get("change"))
        if current >= 0 and current - change == 0 and f.value != 0:
            yield ctx.finding(
                f"情况说明称“{f.item or ''}”较上年增加 {fmt(change)} 万元、增长 {_pct(f.value)}，"
                f"但上年为 0（{fmt(current)} − {fmt(change)}），增长率无意义",
                "上年为 0 时写“上年无此项支出”，不写增长率",
                f.ref,
            )
    for _, f in _figures(ctx, "completion"):
        if _v(f.context.get("budget")) == 0:
            yield ctx.finding(
                f"情况说明称“{f.item}”完成全年预算的 {_pct(f.value)}，但全年预算为 0，完成率无意义",
                "预算为 0 时写“未安排预算”，不写完成率",
                f.ref,
            )


_YEAR_CLAIM = re.compile(
    r"((?:19|20)\d{2})\s*年度?(?P<what>[^，。；,、\d]{0,14}?(?:率|数|额|总额|支出|收入|得分|分数))为"
)


_COMPARISON = re.compile(r"相比|比|较|上年|同期|增加|减少|增长|下降")


#: What the previous year spent: a budget states it as the base of the new year's figures.
_PAST_EXECUTION = re.compile(r"(执行|决算)(数|额)$")
_CLAUSE_END = re.compile(r"(?<=[。；])")


@document_check("JX527", "wrong_year_reference", Severity.WARNING, title="数字归错年份")
def wrong_year_reference(forms: Sequence[Form], ctx: DocumentContext) -> Iterator[Finding]:
    """检查内容: 说明把某项数字归于报告年度以外的年份（如 2023 年报告中写“2022 年预决算差异率为 0.3%”）。

    为什么: 多为沿用上年报告未改年份，或把上年数当作本年数公开。
    示例: 2023 年部门整体绩效报告：“2022 年预决算差异率为 0.3%” → 报告；“与 2022 年度相比…增加” → 不报（比较上年）；
        “2022 年当年预算执行数为 11.67 万元” → 不报（上年的执行数，预算说明据以比较）。
    依据: RULES.md §7.3（S）。
    已知局限: 只识别“某年（度）某率/数/额为…”的句式；与上年比较的句子、上一年的执行数或决算数不报告；
        只读正文（表格中的单元格不读）；报告年度取决算表或自评表的年度。
    """
    year = ctx.year
    if year is None:
        return
    for sentence in ctx.prose:
        offset = 0
        for clause in _CLAUSE_END.split(sentence.text):
            start, offset = offset, offset + len(clause)
            m = _YEAR_CLAIM.search(clause)
            if m is None or int(m.group(1)) == year or _COMPARISON.search(clause):
                continue
            what = m.group("what").strip()
            if int(m.group(1)) == year - 1 and _PAST_EXECUTION.search(what):
                continue
            yield ctx.finding(
                f"“{clause.strip()[:40]}”——本报告为 {year} 年度，却写 {m.group(1)} 年的{what}",
                "核对年份：应为报告年度的数字",
                sentence.ref_at(start + m.start()),
            )
