"""What the user supplies beside the tables: prior-year figures, 年初预算 and placeholder texts.

A :class:`Supplement` is read from a 补充数据 YAML file (:func:`load_supplement`, whose blank
form :func:`supplement_template` writes), from the prior year's 部门决算 (:func:`load_prior`,
through the ``extract`` use case), or from the changes the document's own explanation states
(:func:`resolve_supplement`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from jixiao.core.documents.accounts.model import Accounts
from jixiao.core.documents.accounts.narrative import link_item
from jixiao.core.errors import JixiaoError
from jixiao.core.numbers import D, NumberFormatError
from jixiao.core.render.document import Document
from jixiao.core.render.explain.figures import PRIOR_KEYS, Key, fmt_amount

__all__ = [
    "Supplement",
    "from_numbers",
    "load_prior",
    "load_supplement",
    "prior_from_accounts",
    "resolve_supplement",
    "supplement_template",
]


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
            if not from_numbers(p)
        },
    }
    head = (
        "# 决算情况说明补充数据：填写后用 jixiao render … --data 本文件 重新生成。\n"
        "# 上年：上年决算数（万元）；年初预算：一般公共预算财政拨款年初预算（万元，按科目编码）；\n"
        "# 补充：生成文本中“【…】”处的文字。留空的项目仍以“【…】”占位。\n"
    )
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def from_numbers(placeholder: str) -> bool:
    """Placeholders filled from the 上年 or 年初预算 sections rather than from 补充."""
    name = placeholder.strip("【】")
    return name.startswith("上年") or name.endswith("年初预算数") or name == "完成率"
