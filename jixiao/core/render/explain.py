"""The standard 决算情况说明 written from the tables (RULES.md §7.5).

Every figure comes from a table of the :class:`Accounts`; changes on the prior year come from
figures the user supplies (:class:`Supplement`: a prior-year 部门决算 or a YAML file), or, when
none are given, from the changes the document's own explanation states (上年 = 本年 − 增减额,
said in the notes). What no table holds — reasons for a change, 团组数, 政府采购 — is written as a
named placeholder "【…】" unless the supplement fills it. Percentages are rounded to one decimal as
published; a rate on a zero base is not computed ("上年无此项支出", "未安排预算").
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from jixiao.core.documents.accounts.model import Accounts
from jixiao.core.documents.accounts.narrative import link_item
from jixiao.core.enums import FormKind
from jixiao.core.errors import JixiaoError
from jixiao.core.model import Form
from jixiao.core.numbers import D, NumberFormatError
from jixiao.core.render.document import Document

__all__ = [
    "PRIOR_KEYS",
    "Supplement",
    "explain",
    "load_prior",
    "load_supplement",
    "prior_from_accounts",
    "resolve_supplement",
    "supplement_template",
]

Key = tuple[str, str]

_GRAND: Key = ("01", "income_grand_total")
_INCOME: Key = ("01", "income_total")
_EXPENSE: Key = ("01", "expense_total")
_FISCAL: Key = ("04", "income_grand_total")
_GENERAL: Key = ("05", "row:合计:本年支出小计")
_FISCAL_TYPES = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
_SANGONG: list[tuple[str, str]] = [
    ("total", "“三公”经费财政拨款支出"),
    ("abroad", "因公出国(境)费"),
    ("vehicle_total", "公务用车购置及运行费"),
    ("reception", "公务接待费"),
]
#: Every figure whose prior-year value the explanation uses, with the name users write it under.
PRIOR_KEYS: dict[Key, str] = {
    _GRAND: "收支总计",
    _INCOME: "收入合计",
    _EXPENSE: "支出合计",
    _FISCAL: "财政拨款收支总计",
    **{("04", f"income_rows.{t}"): f"{t}收入" for t in _FISCAL_TYPES},
    _GENERAL: "一般公共预算财政拨款支出",
    **{("09", f"actual.{k}"): name for k, name in _SANGONG},
}
_INCOME_SOURCES = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
_EXPENSE_KINDS = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
_HUNDRED = Decimal(100)
_ZERO = Decimal(0)


@dataclass
class Supplement:
    """What the user supplies beside the tables.

    Attributes:
        prior: 上年决算数 by table cell.
        prior_source: where each prior figure came from (for the notes).
        budget: 一般公共预算财政拨款 年初预算数 by function code ("合计" for the total).
        fill: text for named placeholders ("收支总计变动原因": "…").
    """

    prior: dict[Key, Decimal] = field(default_factory=dict)
    prior_source: dict[Key, str] = field(default_factory=dict)
    budget: dict[str, Decimal] = field(default_factory=dict)
    fill: dict[str, str] = field(default_factory=dict)

    def merge(self, other: Supplement) -> None:
        """Add what ``other`` has and this one lacks."""
        for key, value in other.prior.items():
            if key not in self.prior:
                self.prior[key] = value
                self.prior_source[key] = other.prior_source.get(key, "")
        for code, value in other.budget.items():
            self.budget.setdefault(code, value)
        for name, text in other.fill.items():
            self.fill.setdefault(name, text)


def prior_from_accounts(prior: Accounts, source: str) -> Supplement:
    """Prior-year figures read from the prior year's 部门决算."""
    out = Supplement()
    for key in PRIOR_KEYS:
        value = prior.value(*key)
        if value is not None:
            out.prior[key] = value
            out.prior_source[key] = f"上年决算 {source}"
    return out


def _prior_from_narrative(accounts: Accounts) -> Supplement:
    """Prior-year figures implied by the document's own "增加 Y 万元，增长 Z%" clauses."""
    out = Supplement()
    for f in accounts.narrative:
        if f.kind not in ("growth", "change") or not f.item:
            continue
        current, change = f.context.get("current"), f.context.get("change")
        linked = link_item(f.item, accounts)
        if (
            linked in PRIOR_KEYS
            and isinstance(current, Decimal)
            and isinstance(change, Decimal)
            and current >= 0
            and linked not in out.prior
        ):
            out.prior[linked] = current - change
            out.prior_source[linked] = (
                f"按原说明推算（{f.ref}：{fmt_amount(current)} − {fmt_amount(change)}）"
            )
    return out


def _number(value: Any, where: str) -> Decimal:
    try:
        return D(str(value))
    except NumberFormatError:
        raise JixiaoError(f"{where}：“{value}”不是数字") from None


def load_supplement(path: Path, accounts: Accounts | None = None) -> Supplement:
    """Read a 补充数据 YAML file.

    Shape (every section optional)::

        上年:        # 上年决算数（万元），按说明中的名称：收支总计、收入合计、“三公”经费财政拨款支出 …
          收支总计: 587.09
        年初预算:    # 一般公共预算财政拨款年初预算数（万元）："合计" 或功能分类科目编码
          合计: 11208.44
          "2101550": 500
        补充:        # 占位文字：名称与生成文本中“【…】”里的一致
          收支总计变动原因: 2023 年收入支出中包含医疗保险基金
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise JixiaoError(f"{path}：无法读取补充数据（{exc}）") from None
    if not isinstance(data, dict):
        raise JixiaoError(f"{path}：补充数据应为“上年 / 年初预算 / 补充”三节的映射")
    unknown = set(data) - {"上年", "年初预算", "补充"}
    if unknown:
        raise JixiaoError(
            f"{path}：不认识的节 {'、'.join(sorted(map(str, unknown)))}；应为 上年、年初预算、补充"
        )
    out = Supplement()
    names = {name: key for key, name in PRIOR_KEYS.items()}
    for section in ("上年", "年初预算", "补充"):
        if not isinstance(data.get(section) or {}, dict):
            raise JixiaoError(f"{path}：“{section}”应为“名称: 值”的映射")
    for name, value in (data.get("上年") or {}).items():
        if value is None or str(value).strip() == "":
            continue
        key = names.get(str(name)) or (link_item(str(name), accounts) if accounts else None)
        if key not in PRIOR_KEYS:
            raise JixiaoError(
                f"{path}：上年.{name} 不是说明中使用上年数的项目；可用：{'、'.join(PRIOR_KEYS.values())}"
            )
        out.prior[key] = _number(value, f"{path}：上年.{name}")
        out.prior_source[key] = f"补充数据 {path.name}"
    for code, value in (data.get("年初预算") or {}).items():
        if value is None or str(value).strip() == "":
            continue
        out.budget[str(code)] = _number(value, f"{path}：年初预算.{code}")
    for name, text in (data.get("补充") or {}).items():
        if text is not None and str(text).strip():
            out.fill[str(name)] = str(text).strip()
    return out


def load_prior(path: Path) -> Supplement:
    """Prior-year figures from the prior year's 部门决算: any document ``extract`` reads, an
    ``extract --format json`` output or one ACCOUNTS object."""
    from jixiao.core.documents.accounts.model import accounts_from_dict
    from jixiao.core.extract import extract

    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise JixiaoError(f"{path}：无法读取上年决算 JSON（{exc}）") from None
        found = data.get("final_accounts", [data]) if isinstance(data, dict) else []
        if not found or not isinstance(found[0], dict) or "tables" not in found[0]:
            raise JixiaoError(f"{path}：不是部门决算 JSON（应含 tables，或为 extract 输出的 final_accounts）")
        prior = accounts_from_dict(found[0], path.name)
    else:
        accounts = extract(path).final_accounts
        if not accounts:
            raise JixiaoError(f"{path}：没有识别到部门决算公开表，无法取得上年数")
        prior = accounts[0]
    return prior_from_accounts(prior, path.name)


def supplement_template(doc: Document, accounts: Accounts, supplement: Supplement | None = None) -> str:
    """A 补充数据 YAML for ``doc``: every prior-year figure, 年初预算 and placeholder, to fill in."""
    s = supplement or Supplement()
    codes = ["合计"] + [
        r["code"]
        for r in (accounts.table("05").rows() if accounts.table("05") else [])
        if len(r.get("code") or "") == 7
    ]
    data = {
        "上年": {name: (float(s.prior[key]) if key in s.prior else None) for key, name in PRIOR_KEYS.items()},
        "年初预算": {code: (float(s.budget[code]) if code in s.budget else None) for code in codes},
        "补充": {
            p.strip("【】"): s.fill.get(p.strip("【】"), "")
            for p in doc.placeholders()
            if not _from_numbers(p)
        },
    }
    head = (
        "# 决算情况说明补充数据：填写后用 jixiao render … --data 本文件 重新生成。\n"
        "# 上年：上年决算数（万元）；年初预算：一般公共预算财政拨款年初预算（万元，按科目编码）；\n"
        "# 补充：生成文本中“【…】”处的文字。留空的项目仍以“【…】”占位。\n"
    )
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _from_numbers(placeholder: str) -> bool:
    """Placeholders filled from the 上年 or 年初预算 sections rather than from 补充."""
    name = placeholder.strip("【】")
    return name.startswith("上年") or name.endswith("年初预算数") or name == "完成率"


def fmt_amount(value: Decimal) -> str:
    """An amount in 万元 as explanations print it: two decimals, 0 as "0"."""
    return "0" if value == 0 else f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):f}"


def fmt_pct(fraction: Decimal) -> str:
    """A fraction as a percentage with one decimal ("99.8%", "24%")."""
    text = f"{(fraction * _HUNDRED).quantize(Decimal('0.1'), ROUND_HALF_UP):f}"
    return f"{text.removesuffix('.0')}%"


class _Writer:
    def __init__(self, accounts: Accounts, supplement: Supplement) -> None:
        self.a = accounts
        self.s = supplement
        self.year = f"{accounts.year}年度" if accounts.year else "本年度"
        self.prior_year = f"{accounts.year - 1}年度" if accounts.year else "上年度"
        self.used_priors: set[Key] = set()
        self.missing_priors: list[str] = []

    def v(self, table: str, path: str) -> Decimal:
        return self.a.value(table, path) or _ZERO

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


def resolve_supplement(
    accounts: Accounts, supplement: Supplement | None = None, *, use_document_changes: bool = True
) -> Supplement:
    """The user's supplement, completed with the prior-year figures the document's text implies."""
    s = Supplement()
    if supplement is not None:
        s.merge(supplement)
    if use_document_changes:
        s.merge(_prior_from_narrative(accounts))
    return s


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
    w = _Writer(accounts, s)
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
    for key in sorted(w.used_priors):
        source = s.prior_source.get(key, "")
        doc.notes.append(f"上年{PRIOR_KEYS[key]} {fmt_amount(s.prior[key])} 万元：{source}")
    if w.missing_priors:
        names = "、".join(dict.fromkeys(w.missing_priors))
        doc.notes.append(f"未提供上年数：{names}（在补充数据文件的“上年”下填写，或用 --prior 给出上年决算）")
    if "合计" not in s.budget:
        doc.notes.append("未提供年初预算数（在补充数据文件的“年初预算”下按“合计”和科目编码填写）")
    slots = [p for p in doc.placeholders() if not _from_numbers(p)]
    if slots:
        doc.notes.append(
            f"待补充 {len(slots)} 处：{'、'.join(p.strip('【】') for p in slots)}（在补充数据文件的“补充”下填写）"
        )
    missing = [n for n in ("01", "02", "03", "04", "05", "06", "09") if accounts.table(n) is None]
    if missing:
        doc.notes.append(f"未识别到公开{'、'.join(missing)}表，相关段落按 0 或占位生成")
    return doc


def _listing(w: _Writer, values: Mapping[str, Decimal], base: Decimal, base_name: str) -> str:
    return "；".join(
        f"{name}{fmt_amount(value)}万元，占{base_name}{w.share(value, base)}"
        for name, value in values.items()
    )


def _totals(doc: Document, w: _Writer) -> None:
    grand_in, grand_out = w.v("01", "income_grand_total"), w.v("01", "expense_grand_total")
    doc.heading("一、收入支出决算总体情况说明")
    head = (
        f"{w.year}收、支总计均为{fmt_amount(grand_in)}万元。"
        if grand_in == grand_out
        else f"{w.year}收入总计{fmt_amount(grand_in)}万元，支出总计{fmt_amount(grand_out)}万元。"
    )
    doc.paragraph(head + w.change(_GRAND, "收、支总计", each=True) + w.reason(_GRAND, "收、支总计"))

    for heading, key, subject, table, columns, base in (
        ("二、收入决算情况说明", _INCOME, "收入合计", "02", _INCOME_SOURCES, "本年收入"),
        ("三、支出决算情况说明", _EXPENSE, "支出合计", "03", _EXPENSE_KINDS, "本年支出"),
    ):
        doc.heading(heading)
        total = w.v(*key)
        parts = {c: w.v(table, f"row:合计:{c}") for c in columns}
        doc.paragraph(
            f"{w.year}{subject}{fmt_amount(total)}万元，"
            + w.change(key, subject)
            + f"其中：{_listing(w, parts, total, base)}。"
        )


def _fiscal(doc: Document, w: _Writer) -> None:
    doc.heading("四、财政拨款收入支出决算总体情况说明")
    grand = w.v(*_FISCAL)
    doc.paragraph(
        f"{w.year}财政拨款收、支总计均为{fmt_amount(grand)}万元。"
        + w.change(_FISCAL, "财政拨款收、支总计", each=True)
        + w.reason(_FISCAL, "财政拨款收、支总计")
    )
    parts = []
    for t in _FISCAL_TYPES:
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


def _general(doc: Document, w: _Writer) -> None:
    doc.heading("五、一般公共预算财政拨款支出决算情况说明")
    total = w.v(*_GENERAL)
    expense = w.v(*_EXPENSE)
    doc.heading("（一）一般公共预算财政拨款支出决算总体情况", 2)
    doc.paragraph(
        f"{w.year}一般公共预算财政拨款支出{fmt_amount(total)}万元，占本年支出合计的{w.share(total, expense)}。"
        + w.change(_GENERAL, "一般公共预算财政拨款支出")
        + w.reason(_GENERAL, "一般公共预算财政拨款支出")
    )
    t05 = w.a.table("05")
    rows = t05.rows() if t05 is not None else []
    names = {r["code"]: r["name"] for r in rows if r.get("code")}
    classes = [r for r in rows if len(r.get("code") or "") == 3]
    doc.heading("（二）一般公共预算财政拨款支出决算结构情况", 2)
    lines = [f"{w.year}一般公共预算财政拨款支出{fmt_amount(total)}万元，主要用于以下方面："]
    for n, r in enumerate(classes, 1):
        amount = r["values"].get("本年支出小计") or _ZERO
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
        amount = r["values"].get("本年支出小计") or _ZERO
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


def _basic(doc: Document, w: _Writer) -> None:
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


def _funds(doc: Document, w: _Writer) -> None:
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


def _item_spending(w: _Writer, number: str, column: str) -> str:
    table = w.a.table(number)
    rows = table.rows() if table is not None else []
    items = [
        f"{r['name']}{fmt_amount(r['values'].get(column) or _ZERO)}万元"
        for r in rows
        if len(r.get("code") or "") == 7 and r["values"].get(column)
    ]
    return "、".join(items) or "见公开表"


def _sangong(doc: Document, w: _Writer) -> None:
    doc.heading("九、财政拨款“三公”经费支出决算情况说明")
    paragraphs: list[str] = []
    for key, name in _SANGONG:
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


def _others(doc: Document, w: _Writer, unit: str) -> None:
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


def _slot_share(w: _Writer, part: str, whole: str) -> str:
    try:
        a, b = D(w.s.fill[part]), D(w.s.fill[whole])
    except (KeyError, NumberFormatError):
        return "【中小企业合同占比】"
    return fmt_pct(a / b) if b else "—"


def _performance(doc: Document, w: _Writer, forms: Sequence[Form]) -> None:
    doc.heading("十三、预算绩效情况说明")
    doc.heading("（一）预算绩效管理工作开展情况", 2)
    projects = [f for f in forms if f.kind == FormKind.PROJECT]
    money = sum(
        ((f.funds.total.annual_budget or _ZERO) for f in projects if f.funds and f.funds.total), _ZERO
    )
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
        text = f"{n}. {f.project or '（未填项目名称）'}：全年预算数{fmt_amount(budget or _ZERO)}万元，执行数{fmt_amount(executed or _ZERO)}万元"
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
