"""The check catalogue is complete, documented, tested, and runs safely."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml

from jixiao.core.checks import REGISTRY, run_checks, select_checks
from jixiao.core.checks.base import SECTIONS, CheckSpec
from jixiao.core.checks.catalogue import catalogue_markdown
from jixiao.core.checks.report import finding_to_dict
from jixiao.core.enums import Severity
from jixiao.core.errors import ConfigError
from jixiao.core.model import Finding, Form
from jixiao.core.scoring import load_profile
from jixiao.core.serialize import form_from_dict
from tests.conftest import ROOT

pytestmark = pytest.mark.unit
SPECS = sorted(REGISTRY.values(), key=lambda s: s.code)


def test_codes_are_unique_well_formed_and_grouped_by_family() -> None:
    assert len({s.code for s in SPECS}) == len({s.name for s in SPECS}) == len(SPECS)
    for s in SPECS:
        assert re.fullmatch(r"JX[1-5]\d\d", s.code) and re.fullmatch(r"[a-z][a-z0-9_]+", s.name)


def test_contract_check_names_all_exist() -> None:
    required = {
        "total_not_sum",
        "weights_not_100",
        "score_exceeds_weight",
        "execution_rate_wrong",
        "execution_score_wrong",
        "met_but_deducted",
        "score_above_formula",
        "score_below_formula",
        "missing_deviation_note",
        "missing_values",
        "unit_mismatch",
        "fund_rows_inconsistent",
        "annual_budget_zero",
        "impossible_target",
        "grade_wrong",
        "date_before_year_end",
        "template_text_not_filled",
    }
    assert required <= {s.name for s in SPECS}


def test_every_check_has_a_short_chinese_title_for_people() -> None:
    titles = {s.code: s.title for s in SPECS}
    assert all(re.fullmatch(r"[\u4e00-\u9fff][\u4e00-\u9fff 0-9]{1,15}", t) for t in titles.values()), titles
    assert len(set(titles.values())) == len(titles)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_every_check_is_documented_in_every_section(spec: CheckSpec) -> None:
    missing = [t for t in SECTIONS if not spec.section(t)]
    assert missing == [], f"{spec.code} {spec.name} lacks {missing}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_every_check_has_cases_in_both_directions(spec: CheckSpec) -> None:
    path = ROOT / "tests" / "checks" / f"{spec.code}.yaml"
    assert path.exists(), f"missing {path.name}"
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert any(c.get("expect") for c in cases), "no case where the check fires"
    assert any(not c.get("expect") for c in cases), "no near-miss where it must stay silent"


def test_catalogue_page_is_generated_from_the_registry() -> None:
    page = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")

    assert page == catalogue_markdown(), (
        "regenerate: .venv/bin/python -m jixiao.core.checks.catalogue > docs/checks.md"
    )


def test_a_crashing_check_becomes_a_finding_and_the_others_still_run() -> None:
    def boom(form: Form, ctx: object) -> Iterator[Finding]:
        """检查内容: 测试。"""
        raise ZeroDivisionError("division by zero")
        yield  # pragma: no cover

    crashing = CheckSpec("JX999", "boom", Severity.WARNING, boom, "form")
    form = form_from_dict(
        {"indicators": [{"name": "x", "target": "≥1", "actual": "1", "weight": 5, "score": 9}]}
    )

    result = run_checks([form], load_profile("national"), "t", [crashing, REGISTRY["JX301"]])

    assert [(f.code, f.check, f.severity) for f in result.all()] == [
        ("JX000", "check_crashed", Severity.ERROR),
        ("JX301", "score_exceeds_weight", Severity.ERROR),
    ]
    assert "JX999 boom" in result.all()[0].message and "ZeroDivisionError" in result.all()[0].message


def test_finding_json_shape_is_pinned() -> None:
    form = form_from_dict(
        {"indicators": [{"name": "x", "target": "≥1", "actual": "1", "weight": 5, "score": 9}]}, "a.txt"
    )

    found = run_checks([form], load_profile("national"), "a.txt", [REGISTRY["JX301"]]).all()[0]

    assert list(finding_to_dict(found)) == [
        "code",
        "check",
        "severity",
        "message",
        "hint",
        "location",
        "form",
        "position",
    ]
    assert finding_to_dict(found)["location"] == "a.txt:indicators[0].score"


def test_select_and_ignore_by_prefix_and_name() -> None:
    assert {s.code[:3] for s in select_checks(["JX2"])} == {"JX2"}
    assert "JX301" not in {s.code for s in select_checks(ignore=["score_exceeds_weight"])}
    assert {s.code for s in select_checks(["JX3"], ["JX30"])} == set()
    assert "satisfaction_missing" not in {s.name for s in select_checks(preset="hubei")}
    with pytest.raises(ConfigError, match="JX9"):
        select_checks(["JX9"])
    with pytest.raises(ConfigError, match="预设"):
        select_checks(preset="nowhere")
