"""Reading the 部门决算 tables from the shapes real published text takes (synthetic cases).

Seed 004 and its layout variants are covered by tests/integration/test_golden_accounts.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.extract import extract_bytes


def accounts(text: str):
    result = extract_bytes(text.encode("utf-8"), "s.txt")
    assert len(result.final_accounts) == 1, result.warnings
    return result.final_accounts[0], result.warnings


TABLE03_YUAN = """2023年度部门决算
支出决算表
公开03表
单位：元
部门：某某局
项目\t\t本年支出合计\t基本支出\t项目支出
科目代码\t科目名称
栏次\t\t1\t2\t3
210\t卫生健康支出\t1,234,500.00\t234,500.00\t1,000,000.00
21015\t医疗保障管理事务\t1,234,500.00\t234,500.00\t1,000,000.00
\t\t1,234,500.00\t234,500.00\t1,000,000.00
注：本表反映部门本年度各项支出情况。
"""


def test_yuan_tables_are_converted_and_an_unlabeled_last_row_is_the_total() -> None:
    acc, warnings = accounts(TABLE03_YUAN)
    table = acc.table("03")
    assert table.source_unit == "元" and acc.year == 2023 and acc.department == "某某局"
    assert acc.value("03", "row:210:本年支出合计") == Decimal("123.45")
    assert acc.value("03", "row:合计:项目支出") == Decimal("100")
    assert [r["name"] for r in table.rows()] == ["卫生健康支出", "医疗保障管理事务", "合计"]
    assert warnings == ()


def test_tables_are_known_by_title_not_by_printed_number() -> None:
    text = """财政拨款“三公”经费支出决算表
公开07表
单位：万元
预算数\t\t\t\t\t\t决算数
1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12
3.00\t1.00\t2.00\t0.00\t2.00\t0.00\t2.50\t0.50\t2.00\t0.00\t2.00\t0.00
注：本表反映三公经费。
"""
    acc, _ = accounts(text)
    assert set(acc.tables) == {"09"} and acc.table("09").printed_number == "07"
    assert acc.value("09", "actual.abroad") == Decimal("0.5")


def test_html_tags_pipes_and_a_total_row_printed_first() -> None:
    text = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
| 项目 | | 本年支出 | | |
| 科目代码 | 科目名称 | 小计 | 基本支出 | 项目支出 |
| 栏次 | | 1 | 2 | 3 |
| <b>合计</b> | | <b>1,100.00</b> | <b>100.00</b> | <b>1,000.00</b> |
| 210 | 卫生健康支出 | 1,100.00 | 100.00 | 1,000.00 |
注：本表反映一般公共预算财政拨款支出情况。
"""
    acc, _ = accounts(text)
    assert acc.table("05").data["columns"] == ["本年支出小计", "基本支出", "项目支出"]
    assert acc.value("05", "row:合计:本年支出小计") == Decimal("1100")
    assert acc.value("05", "row:210:项目支出") == Decimal("1000")


def test_a_table_split_across_pages_keeps_all_its_rows() -> None:
    text = """支出决算表
公开03表
单位：万元
项目\t\t本年支出合计\t基本支出\t项目支出
科目代码\t科目名称
栏次\t\t1\t2\t3
合计\t\t30.00\t10.00\t20.00
210\t卫生健康支出\t20.00\t10.00\t10.00
\f
第 2 页
项目\t\t本年支出合计\t基本支出\t项目支出
208\t社会保障和就业支出\t10.00\t0.00\t10.00
注：本表反映部门本年度各项支出情况。
"""
    acc, _ = accounts(text)
    assert [r["code"] for r in acc.table("03").rows()] == [None, "210", "208"]
    assert acc.value("03", "row:208:项目支出") == Decimal("10")


def test_a_row_with_fewer_numbers_than_columns_is_reported() -> None:
    text = TABLE03_YUAN.replace(
        "21015\t医疗保障管理事务\t1,234,500.00\t234,500.00\t1,000,000.00",
        "21015 医疗保障管理事务 1,234,500.00 234,500.00",
    )
    acc, warnings = accounts(text)
    assert any(
        "“医疗保障管理事务”行有 2 个数，表头有 3 列" in w.message and str(w.location) == "s.txt:10"
        for w in warnings
    )
    assert acc.value("03", "row:21015:项目支出") is None


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("收入支出决算总表", "01"),
        ("2023年度部门收入支出决算总表", "01"),
        ("收入决算表", "02"),
        ("收入决算总表", "02"),  # 柞水
        ("支出决算总表", "03"),
        ("财政拨款收入支出决算总表", "04"),
        ("财政拨款收入支出决算表", "04"),  # 本溪
        ("一般公共预算财政拨款支出决算表", "05"),
        ("一般公共预算财政拨款收入支出决算表", "05"),  # 北京区级
        ("一般公共预算财政拨款基本支出决算表", "06"),
        ("一般公共预算财政拨款基本支出决算明细表", "06"),
        ("政府性基金预算财政拨款收入支出决算表", "07"),
        ("国有资本经营预算财政拨款支出决算表", "08"),
        ("国有资本经营预算财政拨款收入支出决算表", "08"),  # 宣汉
        ("财政拨款“三公”经费支出决算表", "09"),
        ("一般公共预算财政拨款“三公”经费支出决算表", "09"),  # 曾都堤防, 本溪: printed as 表7
        ("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "09"),  # 柞水
        ("政府性基金预算财政拨款基本支出决算表", None),  # 北京 表8: not 07
        ("一般公共预算财政拨款项目支出决算表", None),
        ("一般公共预算财政拨款支出决算明细表", None),
        ("政府采购情况表", None),
        ("2023年度部门决算情况说明", None),
    ],
)
def test_titles_of_the_regional_table_sets(title: str, number: str | None) -> None:
    """RULES.md §7.4: the same content under other titles and numbers; other tables are not taken."""
    from jixiao.core.documents.accounts.find import _title_kind
    from jixiao.core.ingest.grid import Row

    found = _title_kind(Row((title,), 1))
    assert (found[0] if found else None) == number
