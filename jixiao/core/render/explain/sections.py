"""The sections 一 to 十三 of the 决算情况说明, one function each, and :func:`explain`, which
writes them in order and notes where the prior-year figures came from and what is left to fill.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from jixiao.core.documents.accounts.model import Accounts
from jixiao.core.enums import FormKind
from jixiao.core.model import Form
from jixiao.core.numbers import D, NumberFormatError
from jixiao.core.render.document import Document
from jixiao.core.render.explain.figures import (
    EXPENSE,
    FISCAL,
    FISCAL_TYPES,
    GENERAL,
    GRAND,
    INCOME,
    SANGONG,
    ZERO,
    Key,
    fmt_amount,
    fmt_pct,
)
from jixiao.core.render.explain.supplement import Supplement, resolve_supplement
from jixiao.core.render.explain.writer import Writer

__all__ = ["explain"]

_INCOME_SOURCES = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
_EXPENSE_KINDS = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]


def explain(
    accounts: Accounts,
    forms: Sequence[Form] = (),
    supplement: Supplement | None = None,
    *,
    use_document_changes: bool = True,
) -> Document:
    """The 决算情况说明 of ``accounts`` as a :class:`Document` (sections 一 to 十三).

    Args:
        accounts: the tables.
        forms: the self-evaluation forms published with them (for section 十三).
        supplement: prior-year figures, 年初预算 and placeholder texts from the user.
        use_document_changes: where the user gave no prior-year figure, infer it from the
            change the document's own explanation states (noted in ``Document.notes``).
    """
    s = resolve_supplement(accounts, supplement, use_document_changes=use_document_changes)
    w = Writer(accounts, s)
    unit = accounts.department or "本单位"
    doc = Document(f"{unit}{w.year}部门决算情况说明")
    _totals(doc, w)
    _fiscal(doc, w)
    _general(doc, w)
    _basic(doc, w)
    _funds(doc, w)
    _sangong(doc, w)
    _others(doc, w, unit)
    _performance(doc, w, forms)
    w.notes(doc)
    return doc


def _listing(w: Writer, values: Mapping[str, Decimal], base: Decimal, base_name: str) -> str:
    return "；".join(
        f"{name}{fmt_amount(value)}万元，占{base_name}{w.share(value, base)}"
        for name, value in values.items()
    )


def _totals(doc: Document, w: Writer) -> None:
    grand_in, grand_out = w.v("01", "income_grand_total"), w.v("01", "expense_grand_total")
    doc.heading("一、收入支出决算总体情况说明")
    head = (
        f"{w.year}收、支总计均为{fmt_amount(grand_in)}万元。"
        if grand_in == grand_out
        else f"{w.year}收入总计{fmt_amount(grand_in)}万元，支出总计{fmt_amount(grand_out)}万元。"
    )
    doc.paragraph(head + w.change(GRAND, "收、支总计", each=True) + w.reason(GRAND, "收、支总计"))

    for heading, key, subject, table, columns, base in (
        ("二、收入决算情况说明", INCOME, "收入合计", "02", _INCOME_SOURCES, "本年收入"),
        ("三、支出决算情况说明", EXPENSE, "支出合计", "03", _EXPENSE_KINDS, "本年支出"),
    ):
        doc.heading(heading)
        total = w.v(*key)
        parts = {c: w.v(table, f"row:合计:{c}") for c in columns}
        doc.paragraph(
            f"{w.year}{subject}{fmt_amount(total)}万元，"
            + w.change(key, subject)
            + f"其中：{_listing(w, parts, total, base)}。"
        )


def _fiscal(doc: Document, w: Writer) -> None:
    doc.heading("四、财政拨款收入支出决算总体情况说明")
    grand = w.v(*FISCAL)
    doc.paragraph(
        f"{w.year}财政拨款收、支总计均为{fmt_amount(grand)}万元。"
        + w.change(FISCAL, "财政拨款收、支总计", each=True)
        + w.reason(FISCAL, "财政拨款收、支总计")
    )
    parts = []
    for t in FISCAL_TYPES:
        key = ("04", f"income_rows.{t}")
        value = w.v(*key)
        prior = w.s.prior.get(key)
        if value == 0 and prior == 0:
            parts.append(f"{t}收入0万元，{w.prior_year}也无此项收入。")
        else:
            parts.append(
                f"{t}收入{fmt_amount(value)}万元，"
                + w.change(key, f"{t}收入", lead=f"比{w.prior_year}决算数")
                + w.reason(key, f"{t}收入")
            )
    doc.paragraph(f"{w.year}财政拨款收入中，" + "".join(parts))


def _general(doc: Document, w: Writer) -> None:
    doc.heading("五、一般公共预算财政拨款支出决算情况说明")
    total = w.v(*GENERAL)
    expense = w.v(*EXPENSE)
    doc.heading("（一）一般公共预算财政拨款支出决算总体情况", 2)
    doc.paragraph(
        f"{w.year}一般公共预算财政拨款支出{fmt_amount(total)}万元，占本年支出合计的{w.share(total, expense)}。"
        + w.change(GENERAL, "一般公共预算财政拨款支出")
        + w.reason(GENERAL, "一般公共预算财政拨款支出")
    )
    t05 = w.a.table("05")
    rows = t05.rows() if t05 is not None else []
    names = {r["code"]: r["name"] for r in rows if r.get("code")}
    classes = [r for r in rows if len(r.get("code") or "") == 3]
    doc.heading("（二）一般公共预算财政拨款支出决算结构情况", 2)
    lines = [f"{w.year}一般公共预算财政拨款支出{fmt_amount(total)}万元，主要用于以下方面："]
    for n, r in enumerate(classes, 1):
        amount = r["values"].get("本年支出小计") or ZERO
        lines.append(
            f"{n}. {r['name']}（类）{fmt_amount(amount)}万元，占{w.share(amount, total)}。"
            f"主要用于：{w.slot(r['name'] + '主要用途')}。"
        )
    for line in lines:
        doc.paragraph(line)

    doc.heading("（三）一般公共预算财政拨款支出决算具体情况", 2)
    budget = w.s.budget.get("合计")
    if budget is None:
        doc.paragraph(
            f"{w.year}一般公共预算财政拨款支出年初预算为【年初预算数】万元，支出决算为{fmt_amount(total)}万元，"
            f"完成年初预算的【完成率】。其中："
        )
    else:
        doc.paragraph(
            f"{w.year}一般公共预算财政拨款支出年初预算为{fmt_amount(budget)}万元，支出决算为{fmt_amount(total)}万元，"
            + _completion(budget, total, "年初预算")
            + "其中："
        )
    items = [r for r in rows if len(r.get("code") or "") == 7]
    for n, r in enumerate(items, 1):
        code = r["code"]
        path = f"{names.get(code[:3], '')}（类）{names.get(code[:5], '')}（款）{r['name']}（项）"
        amount = r["values"].get("本年支出小计") or ZERO
        item_budget = w.s.budget.get(code)
        if item_budget is None:
            doc.paragraph(
                f"{n}. {path}：年初预算为【{code}年初预算数】万元，支出决算为{fmt_amount(amount)}万元。"
                f"决算数与年初预算数的差异原因：{w.slot(code + '差异原因')}。"
            )
            continue
        text = f"{n}. {path}：年初预算为{fmt_amount(item_budget)}万元，支出决算为{fmt_amount(amount)}万元，"
        text += _completion(item_budget, amount, "年初预算")
        if amount != item_budget:
            side = "大于" if amount > item_budget else "小于"
            text += f"决算数{side}预算数的主要原因是：{w.slot(code + '差异原因')}。"
        else:
            text += "决算数与预算数一致。"
        doc.paragraph(text)


def _completion(budget: Decimal, actual: Decimal, what: str) -> str:
    if budget == 0:
        return f"未安排{what}{'，亦无支出' if actual == 0 else ''}。"
    return f"完成{what}的{fmt_pct(actual / budget)}。"


def _basic(doc: Document, w: Writer) -> None:
    doc.heading("六、一般公共预算财政拨款基本支出决算情况说明")
    t06 = w.a.table("06")
    rows = t06.rows() if t06 is not None else []
    personnel = w.v("06", "personnel_total")
    public = w.v("06", "public_total")
    basic = w.a.value("05", "row:合计:基本支出")
    basic = basic if basic is not None else personnel + public

    def main_items(group: str) -> str:
        items = [
            f"{r['name']}{fmt_amount(r['amount'])}万元"
            for r in rows
            if r.get("group") == group and len(r.get("code") or "") == 5 and r.get("amount")
        ]
        return "、".join(items) if items else "无"

    doc.paragraph(f"{w.year}一般公共预算财政拨款基本支出{fmt_amount(basic)}万元，其中：")
    doc.paragraph(f"人员经费{fmt_amount(personnel)}万元，主要包括：{main_items('人员经费')}。")
    doc.paragraph(f"公用经费{fmt_amount(public)}万元，主要包括：{main_items('公用经费')}。")


def _funds(doc: Document, w: Writer) -> None:
    doc.heading("七、政府性基金预算财政拨款收入支出决算情况说明")
    values = [
        w.v("07", f"row:合计:{c}") for c in ("年初结转和结余", "本年收入", "本年支出小计", "年末结转和结余")
    ]
    doc.paragraph(
        f"{w.year}政府性基金预算财政拨款年初结转和结余{fmt_amount(values[0])}万元，本年收入{fmt_amount(values[1])}万元，"
        f"本年支出{fmt_amount(values[2])}万元，年末结转和结余{fmt_amount(values[3])}万元。"
        + (
            f"本单位{w.year}无政府性基金预算财政拨款收支。"
            if not any(values)
            else f"具体支出情况为：{_item_spending(w, '07', '本年支出小计')}。"
        )
    )
    doc.heading("八、国有资本经营预算财政拨款支出决算情况说明")
    spent = w.v("08", "row:合计:本年支出合计")
    doc.paragraph(
        f"{w.year}国有资本经营预算财政拨款本年支出{fmt_amount(spent)}万元。"
        + (
            f"本单位{w.year}无国有资本经营预算财政拨款支出。"
            if not spent
            else f"具体支出情况为：{_item_spending(w, '08', '本年支出合计')}。"
        )
    )


def _item_spending(w: Writer, number: str, column: str) -> str:
    table = w.a.table(number)
    rows = table.rows() if table is not None else []
    items = [
        f"{r['name']}{fmt_amount(r['values'].get(column) or ZERO)}万元"
        for r in rows
        if len(r.get("code") or "") == 7 and r["values"].get(column)
    ]
    return "、".join(items) or "见公开表"


def _sangong(doc: Document, w: Writer) -> None:
    doc.heading("九、财政拨款“三公”经费支出决算情况说明")
    paragraphs: list[str] = []
    for key, name in SANGONG:
        budget, actual = w.v("09", f"budget.{key}"), w.v("09", f"actual.{key}")
        text = f"{name}全年预算为{fmt_amount(budget)}万元，支出决算为{fmt_amount(actual)}万元，"
        text += _completion(budget, actual, "全年预算")
        if actual < budget:
            text += f"决算数小于全年预算数的主要原因：{w.slot(name + '小于预算原因')}。"
        elif actual > budget:
            text += f"决算数大于全年预算数的主要原因：{w.slot(name + '超预算原因')}。"
        key09: Key = ("09", f"actual.{key}")
        prior = w.s.prior.get(key09)
        if prior is not None and prior == actual == 0:
            text += f"{w.prior_year}也无此项支出。"
        else:
            text += w.change(key09, name, lead="较上年") + w.reason(key09, name, lead="决算数较上年变动")
        paragraphs.append(text)
    doc.heading("（一）“三公”经费财政拨款支出决算总体情况说明", 2)
    doc.paragraph(f"{w.year}{paragraphs[0]}")
    doc.heading("（二）“三公”经费财政拨款支出决算具体情况说明", 2)
    doc.paragraph(
        f"1. {paragraphs[1]}全年支出涉及出国(境)团组{w.slot('出国团组数')}个，累计{w.slot('出国人次')}人次。"
    )
    purchase, operation = w.v("09", "actual.vehicle_purchase"), w.v("09", "actual.vehicle_operation")
    doc.paragraph(f"2. {paragraphs[2]}其中：")
    doc.paragraph(
        f"（1）公务用车购置费支出{fmt_amount(purchase)}万元，本年度购置（更新）公务用车{w.slot('购置公务用车数')}辆。"
    )
    doc.paragraph(
        f"（2）公务用车运行费支出{fmt_amount(operation)}万元，主要用于公务用车燃料、维修、保险、过路过桥等支出。"
        f"截至{w.a.year or '本'}年12月31日，开支财政拨款的公务用车保有量为{w.slot('公务用车保有量')}辆。"
    )
    doc.paragraph(
        f"3. {paragraphs[3]}其中：国内公务接待{w.slot('国内接待批次')}批次、{w.slot('国内接待人次')}人次（不包括陪同人员）；"
        f"外宾接待{w.slot('外宾接待批次')}批次、{w.slot('外宾接待人次')}人次（不包括陪同人员）。"
    )


def _others(doc: Document, w: Writer, unit: str) -> None:
    doc.heading("十、机关运行经费支出说明")
    doc.paragraph(w.slot("机关运行经费说明"))
    doc.heading("十一、政府采购支出说明")
    names = [
        "政府采购支出总额",
        "政府采购货物支出",
        "政府采购工程支出",
        "政府采购服务支出",
        "授予中小企业合同金额",
    ]
    doc.paragraph(
        f"本部门{w.year}政府采购支出总额{w.slot(names[0])}万元，其中：政府采购货物支出{w.slot(names[1])}万元、"
        f"政府采购工程支出{w.slot(names[2])}万元、政府采购服务支出{w.slot(names[3])}万元。"
        f"授予中小企业合同金额{w.slot(names[4])}万元，占政府采购支出总额的{_slot_share(w, names[4], names[0])}。"
    )
    doc.heading("十二、国有资产占用情况说明")
    doc.paragraph(
        f"截至{w.a.year or '本'}年12月31日，{unit}共有车辆{w.slot('车辆总数')}辆；"
        f"单位价值100万元以上专用设备{w.slot('百万元以上专用设备台套数')}台（套）。"
    )


def _slot_share(w: Writer, part: str, whole: str) -> str:
    try:
        a, b = D(w.s.fill[part]), D(w.s.fill[whole])
    except (KeyError, NumberFormatError):
        return "【中小企业合同占比】"
    return fmt_pct(a / b) if b else "—"


def _performance(doc: Document, w: Writer, forms: Sequence[Form]) -> None:
    doc.heading("十三、预算绩效情况说明")
    doc.heading("（一）预算绩效管理工作开展情况", 2)
    projects = [f for f in forms if f.kind == FormKind.PROJECT]
    money = sum(((f.funds.total.annual_budget or ZERO) for f in projects if f.funds and f.funds.total), ZERO)
    project_total = w.a.value("05", "row:合计:项目支出")
    share = f"，占一般公共预算项目支出总额的{w.share(money, project_total)}" if project_total else ""
    doc.paragraph(
        f"根据预算绩效管理要求，本部门组织对{w.year}一般公共预算项目支出开展绩效自评，"
        f"共涉及项目{len(projects)}个，资金{fmt_amount(money)}万元{share}。"
        f"从评价情况来看，{w.slot('项目自评总体情况')}。"
    )
    doc.heading("（二）项目绩效自评结果", 2)
    for n, f in enumerate(projects, 1):
        total = f.funds.total if f.funds else None
        budget = total.annual_budget if total and total.annual_budget is not None else None
        executed = total.executed if total and total.executed is not None else None
        text = f"{n}. {f.project or '（未填项目名称）'}：全年预算数{fmt_amount(budget or ZERO)}万元，执行数{fmt_amount(executed or ZERO)}万元"
        if budget and executed is not None:
            text += f"，完成预算的{fmt_pct(executed / budget)}"
        if f.total_score is not None:
            text += f"，自评得分{f.total_score:f}分"
        doc.paragraph(
            text
            + f"。主要产出和效益：{w.slot(f'{f.project}主要产出和效益')}。发现的问题及原因：{w.slot(f'{f.project}问题及原因')}。"
            f"下一步改进措施：{w.slot(f'{f.project}改进措施')}。"
        )
    for f in forms:
        if f.kind == FormKind.DEPARTMENT:
            score = f"，自评得分{f.total_score:f}分" if f.total_score is not None else ""
            doc.paragraph(
                f"本部门开展了部门整体支出绩效自评{score}。评价情况：{w.slot('部门整体自评情况')}。"
            )
            break
