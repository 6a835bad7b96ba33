"""The 决算情况说明 generator on small synthetic accounts: wording, rates, placeholders, supplements."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from jixiao.core.documents.accounts.model import accounts_from_dict
from jixiao.core.errors import JixiaoError
from jixiao.core.render.document import to_text
from jixiao.core.render.explain import (
    Supplement,
    explain,
    fmt_amount,
    fmt_pct,
    load_supplement,
    supplement_template,
)


def row(code: str | None, name: str, columns: list[str], values: list[int]) -> dict:
    return {"code": code, "name": name, "values": dict(zip(columns, values, strict=True))}


ROW03 = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]


def accounts(**tables: dict) -> object:
    base = {
        "01": {
            "income_rows": {},
            "income_total": 200,
            "income_grand_total": 200,
            "expense_rows": {},
            "expense_total": 200,
            "expense_grand_total": 200,
        },
        "03": {
            "columns": ROW03,
            "rows": [
                {
                    "code": None,
                    "name": "合计",
                    "values": dict(zip(ROW03, [200, 50, 150, 0, 0, 0], strict=True)),
                }
            ],
        },
        "09": {
            "budget": {
                "total": 10,
                "abroad": 0,
                "vehicle_total": 8,
                "vehicle_purchase": 0,
                "vehicle_operation": 8,
                "reception": 2,
            },
            "actual": {
                "total": 6,
                "abroad": 0,
                "vehicle_total": 6,
                "vehicle_purchase": 0,
                "vehicle_operation": 6,
                "reception": 0,
            },
        },
    }
    base.update(tables)
    return accounts_from_dict({"department": "某中心", "year": 2024, "unit": "万元", "tables": base})


def text_of(acc: object, supplement: Supplement | None = None) -> str:
    return to_text(explain(acc, (), supplement))  # type: ignore[arg-type]


def test_numbers_are_written_as_explanations_print_them() -> None:
    assert fmt_amount(Decimal("0")) == "0"
    assert fmt_amount(Decimal("10638.9")) == "10638.90"
    assert fmt_pct(Decimal("0.998")) == "99.8%"
    assert fmt_pct(Decimal("0.23969")) == "24%"
    assert fmt_pct(Decimal("18.127")) == "1812.7%"


def test_totals_and_structure_shares_come_from_the_tables() -> None:
    text = text_of(accounts())
    assert "2024年度收、支总计均为200.00万元。" in text
    assert "基本支出50.00万元，占本年支出25%；项目支出150.00万元，占本年支出75%" in text


def test_without_prior_figures_the_change_is_a_named_placeholder() -> None:
    doc = explain(accounts())  # type: ignore[arg-type]
    assert "与2023年度相比，收、支总计各增加（减少）【上年收支总计】万元。" in to_text(doc)
    assert any("未提供上年数" in n and "收支总计" in n for n in doc.notes)


@pytest.mark.parametrize(
    ("prior", "expected"),
    [
        ("100", "与2023年度相比，收入合计增加100.00万元，增长100%。"),
        ("250", "与2023年度相比，收入合计减少50.00万元，下降20%。"),
        ("200", "与2023年度持平。"),
        ("0", "与2023年度相比，收入合计增加200.00万元（2023年度无此项，不计算增长率）。"),
    ],
)
def test_change_on_the_prior_year(prior: str, expected: str) -> None:
    supplement = Supplement(prior={("01", "income_total"): Decimal(prior)})
    assert expected in text_of(accounts(), supplement)


def test_reasons_are_placeholders_unless_supplied() -> None:
    prior = {("01", "income_grand_total"): Decimal(100)}
    assert "主要原因是：【收、支总计变动原因】。" in text_of(accounts(), Supplement(prior=prior))
    filled = Supplement(prior=prior, fill={"收、支总计变动原因": "新增医疗保险基金"})
    assert "主要原因是：新增医疗保险基金。" in text_of(accounts(), filled)


def test_no_reason_is_asked_when_nothing_changed() -> None:
    text = text_of(accounts(), Supplement(prior={("01", "income_grand_total"): Decimal(200)}))
    assert "【收、支总计变动原因】" not in text.replace("【财政拨款收、支总计变动原因】", "")


def test_sangong_completion_and_zero_bases() -> None:
    prior = {("09", "actual.total"): Decimal(0), ("09", "actual.abroad"): Decimal(0)}
    text = text_of(accounts(), Supplement(prior=prior))
    assert "“三公”经费财政拨款支出全年预算为10.00万元，支出决算为6.00万元，完成全年预算的60%。" in text
    assert "决算数小于全年预算数的主要原因：【“三公”经费财政拨款支出小于预算原因】。" in text
    assert "较上年增加6.00万元（2023年度无此项，不计算增长率）。" in text
    assert (
        "因公出国(境)费全年预算为0万元，支出决算为0万元，未安排全年预算，亦无支出。2023年度也无此项支出。"
        in text
    )
    assert "增长100%" not in text


def test_item_budget_completion_and_gap_reason() -> None:
    cols = ["本年支出小计", "基本支出", "项目支出"]
    t05 = {
        "columns": cols,
        "rows": [
            row(None, "合计", cols, [90, 40, 50]),
            row("210", "卫生健康支出", cols, [90, 40, 50]),
            {
                "code": "21015",
                "name": "医疗保障管理事务",
                "values": dict(zip(cols, [90, 40, 50], strict=True)),
            },
            row("2101550", "事业运行", cols, [90, 40, 50]),
        ],
    }
    supplement = Supplement(budget={"合计": Decimal(100), "2101550": Decimal(100)})
    text = text_of(accounts(**{"05": t05}), supplement)
    assert "年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90%。" in text
    assert "卫生健康支出（类）医疗保障管理事务（款）事业运行（项）" in text
    assert "决算数小于预算数的主要原因是：【2101550差异原因】。" in text
    assert "1. 卫生健康支出（类）90.00万元，占100%。" in text


def test_supplement_file_round_trip(tmp_path: Path) -> None:
    acc = accounts()
    doc = explain(acc)  # type: ignore[arg-type]
    path = tmp_path / "data.yaml"
    path.write_text(supplement_template(doc, acc), encoding="utf-8")  # type: ignore[arg-type]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) == {"上年", "年初预算", "补充"}
    assert "收支总计" in data["上年"] and "合计" in data["年初预算"]
    assert "上年收支总计" not in data["补充"]
    data["上年"]["收支总计"] = 150
    data["补充"]["车辆总数"] = 3
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    supplement = load_supplement(path, acc)  # type: ignore[arg-type]
    text = text_of(acc, supplement)
    assert "收、支总计各增加50.00万元，增长33.3%" in text
    assert "共有车辆3辆" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("上月: {}\n", "不认识的节"),
        ("上年:\n  收支总计: 一百\n", "上年.收支总计"),
        ("上年:\n  办公楼面积: 5\n", "不是说明中使用上年数的项目"),
        ("上年: [1, 2]\n", "应为“名称: 值”的映射"),
        ("上年: {收支总计: 1\n", "无法读取补充数据"),
    ],
)
def test_bad_supplement_files_are_explained(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(JixiaoError, match=message):
        load_supplement(path, accounts())  # type: ignore[arg-type]
