"""The field-accuracy measure: what counts as one error."""

from __future__ import annotations

import pytest

from jixiao.core.evaluation import compare_accounts, compare_documents

pytestmark = pytest.mark.unit


def _form(name: str) -> dict[str, object]:
    return {"project": name, "department": "某局", "funds": {"weight": 10, "score": 9}}


def test_a_lost_form_counts_its_own_fields_only() -> None:
    golden = {"forms": [_form("甲"), _form("乙"), _form("丙")]}
    got = {"forms": [_form("甲"), _form("丙")]}

    comparison = compare_documents(golden, got)

    assert (comparison.total, comparison.right) == (12, 8)
    assert all(path.startswith("forms[1](乙)") for path, _, _ in comparison.diffs)


def test_an_extra_form_counts_once() -> None:
    golden = {"forms": [_form("甲")]}
    got = {"forms": [_form("甲"), _form("多余")]}

    comparison = compare_documents(golden, got)

    assert (comparison.total, comparison.right) == (5, 4)


def test_a_form_with_a_misread_name_is_still_compared_with_its_golden() -> None:
    golden = {"forms": [_form("甲项目"), _form("乙项目")]}
    got = {"forms": [_form("甲项自"), _form("乙项目")]}

    comparison = compare_documents(golden, got)

    assert (comparison.total, comparison.right) == (8, 7)


def _accounts(rows: list[tuple[str | None, str, float]]) -> dict[str, object]:
    table = {"rows": [{"code": c, "name": n, "values": {"合计": v}} for c, n, v in rows]}
    return {"final_accounts": [{"tables": {"03": table}}]}


def test_a_lost_accounts_row_does_not_shift_the_rows_after_it() -> None:
    rows = [
        (None, "合计", 30.0),
        ("210", "卫生健康支出", 30.0),
        ("21013", "医疗救助", 20.0),
        ("21015", "事务", 10.0),
    ]
    golden = _accounts(rows)
    got = _accounts(rows[:2] + rows[3:])

    comparison = compare_accounts(golden, got)

    assert (comparison.total, comparison.right) == (12, 9)
    assert all(".rows[2]." in path for path, _, _ in comparison.diffs)


def test_an_extra_accounts_row_counts_once() -> None:
    rows = [(None, "合计", 30.0), ("210", "卫生健康支出", 30.0)]
    got = _accounts([rows[0], ("999", "多余", 1.0), rows[1]])

    comparison = compare_accounts(_accounts(rows), got)

    assert (comparison.total, comparison.right) == (7, 6)
