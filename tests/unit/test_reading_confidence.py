"""Precision before recall: what is recognised as a form or table, and how surely it was read.

The texts are small made-up documents of the families the real corpus shows (a budget table
with a 项目名称 column, a 绩效目标申报表, a 三公 table printed one cell per line, an explanation
published without its tables), never copies of one document.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.extract import extract_bytes
from jixiao.core.scoring import load_profile

pytestmark = pytest.mark.unit


def _extract(text: str):
    return extract_bytes(text.encode("utf-8"), "t.txt")


def _errors(text: str) -> list[str]:
    result = _extract(text)
    checked = run_checks(
        result.forms, load_profile("national"), "t.txt", accounts=result.final_accounts, prose=result.prose
    )
    return [f.code for f in checked.all() if f.severity.value != "info"]


def test_a_budget_table_with_a_project_name_column_is_not_a_form() -> None:
    text = "部门项目支出预算表\n单位：万元\n项目名称\t金额\n会议费\t12.00\n上年结转资金\t结转下年资金\n"
    assert _extract(text).forms == ()


def test_a_target_declaration_form_is_not_a_self_evaluation_form() -> None:
    text = (
        "项目支出绩效目标申报表\n"
        "项目名称\t信息化运维\n主管部门\t某局\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t运维系统数\t≥5个\n"
    )
    assert _extract(text).forms == ()


def test_a_form_without_its_funds_header_is_read_without_confidence_and_not_checked() -> None:
    text = (
        "项目支出绩效自评表\n（2023年度）\n"
        "项目名称\t道路养护\n主管部门\t某局\n"
        "项目资金（万元）\n"
        "年度资金总额\t43.2\t43.2\t37.24\t10\t86.2%\t9\n"
    )
    form = _extract(text).forms[0]
    assert not form.confidence.sure
    assert any("对应不到列" in d for d in form.confidence.doubts)
    assert _errors(text) == []


SANGONG_ONE_PER_LINE = "\n".join(
    [
        "“三公”经费支出决算表",
        "单位：万元",
        "合计",
        "因公出国（境）费",
        "公务用车购置及运行维护费",
        "公务接待费",
        "小计",
        "公务用车购置费",
        "公务用车运行维护费",
        *["预算数", "决算数"] * 6,
        *[
            "50.00",
            "30.00",
            "10.00",
            "0.00",
            "30.00",
            "25.00",
            "10.00",
            "10.00",
            "20.00",
            "15.00",
            "10.00",
            "5.00",
        ],
        "",
        "说明文字到此为止，这是一段较长的说明，用来结束表格的读取。",
    ]
)


def test_a_sangong_table_whose_header_alternates_is_read_pair_by_pair() -> None:
    table = _extract(SANGONG_ONE_PER_LINE).final_accounts[0].tables["09"]
    assert table.confidence.sure
    assert table.data["budget"]["total"] == Decimal("50.00")
    assert table.data["actual"]["total"] == Decimal("30.00")
    assert table.data["actual"]["reception"] == Decimal("5.00")


def test_a_sangong_table_read_by_order_that_does_not_add_up_is_not_checked() -> None:
    text = SANGONG_ONE_PER_LINE.replace("预算数\n决算数\n", "")
    table = _extract(text).final_accounts[0].tables["09"]
    assert not table.confidence.sure
    assert _errors(text) == []


def test_an_explanation_published_without_its_tables_is_read_for_its_own_arithmetic() -> None:
    text = (
        "某镇2021年“三公”经费决算情况说明\n"
        "2021年“三公”经费支出共计9.07万元，较上年支出数减少0.71万元，下降7.83%。\n"
    )
    accounts = _extract(text).final_accounts
    assert len(accounts) == 1 and accounts[0].tables == {}
    assert _errors(text) == ["JX525"]


def test_a_self_evaluation_report_mentioning_the_final_accounts_yields_no_accounts() -> None:
    text = "二、部门决算中项目绩效自评结果\n本局在2021年度部门决算中反映的项目支出增加10万元，增长50%。\n"
    assert _extract(text).final_accounts == ()


def test_a_sangong_table_printed_one_row_per_item_is_read_by_its_labels() -> None:
    rows = [
        ("合 计", "30", "20.5"),
        ("因公出国(境)费", "", ""),
        ("公务接待费", "10", "8.5"),
        ("公务用车购置及运行维护费", "20", "12"),
        ("其中:公务用车运行维护费", "20", "12"),
        ("公务用车购置费", "0", "0"),
    ]
    lines = ["“三公”经费支出决算表", "单位:万元", "|", "项 目 |", "预 算 数 |", "决 算 数 |"]
    for label, budget, actual in rows:
        lines += ["|", f"{label} |", *(f"{v} |" for v in (budget, actual) if v)]
    lines.append("二、“三公”经费支出情况说明，这一段说明文字结束了表格。")
    table = _extract("\n".join(lines)).final_accounts[0].tables["09"]
    assert table.confidence.sure
    assert table.data["budget"]["total"] == Decimal("30") and table.data["actual"]["reception"] == Decimal(
        "8.5"
    )
    assert table.data["actual"]["abroad"] is None
