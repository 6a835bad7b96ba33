"""Rule profiles: loading, overlays, dated values, and errors in user files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.errors import RuleDataError
from jixiao.core.scoring import load_profile, profile_names
from jixiao.core.scoring.region import detect_province, profile_for
from jixiao.core.serialize import form_from_dict
from tests.conftest import ROOT

pytestmark = pytest.mark.unit


def test_every_builtin_profile_loads_with_cited_parameters() -> None:
    for name in profile_names():
        profile = load_profile(name)
        assert profile.parameters, name
        for p in profile.parameters.values():
            assert p.description and p.reference, (name, p.name)


def test_overlays_change_only_what_they_name() -> None:
    national, hubei, hebei = (load_profile(n).at(2023) for n in ("national", "hubei", "hebei"))

    assert (national.budget_weight, hubei.budget_weight) == (10, 20)
    assert (national.constraint_cap, hubei.constraint_cap) == (None, 70)
    assert (national.rate_rounding, hebei.rate_rounding) == ("none", "percent")
    assert hebei.grades == national.grades


def test_values_are_chosen_by_effective_year(tmp_path: Path) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text(
        "name: dated\nbase: national\nparameters:\n  budget.weight:\n"
        "    description: d\n    reference: r\n    values: {2020: 10, 2024: 15}\n",
        encoding="utf-8",
    )
    profile = load_profile(str(path))

    assert [profile.at(y).budget_weight for y in (2019, 2023, 2024, 2030)] == [10, 10, 15, 15]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nbase: national\nparameters:\n  budget.weight: 10\n", "须有 description"),
        ("name: x\nparameters: {}\n", "缺少参数"),
        ("- not a mapping\n", "含 name 的映射"),
        (
            "name: x\nbase: national\nparameters:\n  budget.rate_rounding:\n    description: d\n"
            "    reference: r\n    values: {2020: yearly}\n",
            "none 或 percent",
        ),
        ("name: x\nbase: x.yaml\n", "循环"),
        ("name: [unclosed\n", "不是有效的 YAML"),
    ],
)
def test_malformed_user_profile_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(RuleDataError, match=message):
        load_profile(str(path))


def test_unknown_profile_name_lists_the_known_ones() -> None:
    with pytest.raises(RuleDataError, match="hubei"):
        load_profile("atlantis")


@pytest.mark.parametrize(
    ("department", "province", "profile"),
    [
        ("承德市医疗保障局", "河北省", "hebei"),
        ("子洲县医疗保障局", "陕西省", "shaanxi"),
        ("随州市曾都区医疗保障服务中心", "湖北省", "hubei"),
        ("北京市丰台区医疗保障局", "北京市", "beijing"),
        ("青神县财政局", "四川省", "sichuan"),
        ("昆明市医疗保障局", "云南省", "national"),
        ("某某局", None, "national"),
    ],
)
def test_region_is_read_from_unit_names(department: str, province: str | None, profile: str) -> None:
    form = form_from_dict({"project": "p", "department": department})

    found = detect_province([form])

    assert found == province
    assert profile_for(found) == profile


def test_combined_projects_sum_amounts_and_weight_rates_by_funds() -> None:
    from jixiao.core.scoring import score_form
    from jixiao.core.scoring.combine import combine_forms

    def project(budget: int, executed: int, people: str, rate: str) -> dict:
        return {
            "funds": {
                "weight": 10,
                "rows": [{"source": "total", "annual_budget": budget, "executed": executed}],
            },
            "indicators": [
                {
                    "level1": "产出指标",
                    "level2": "数量指标",
                    "name": "参保人数",
                    "target": "≥100人",
                    "actual": people,
                    "weight": 50,
                    "score": 50,
                },
                {
                    "level1": "效益指标",
                    "level2": "社会效益指标",
                    "name": "报销比例",
                    "target": "≥80%",
                    "actual": rate,
                    "weight": 40,
                    "score": 40,
                },
            ],
        }

    combined = combine_forms(
        [form_from_dict(project(100, 100, "120人", "90%")), form_from_dict(project(300, 240, "60人", "70%"))]
    )
    total = combined.funds.total
    people, rate = combined.indicators

    assert (total.annual_budget, total.executed) == (400, 340)
    assert (people.target, people.actual, people.weight) == ("≥200人", "180人", Decimal("50.0000"))
    assert rate.actual == "75%"  # (90 × 100 + 70 × 300) ÷ 400
    scored = score_form(combined, load_profile("national"))
    assert scored.budget.computed == Decimal("8.50")
    assert [s.computed for s in scored.indicators] == [Decimal("45.00"), Decimal("37.50")]


EXAMPLE = ROOT / "docs" / "examples" / "profile.yaml"


def test_the_documented_example_profile_loads_and_is_used() -> None:
    profile = load_profile(str(EXAMPLE))
    before, after = profile.at(2023), profile.at(2024)

    assert (profile.name, profile.chain[-1]) == ("example-unit", "national.yaml")
    assert (before.budget_weight, before.indicators_total, before.rate_rounding) == (20, 80, "percent")
    assert before.level1_weights == {"产出指标": 40, "效益指标": 40}
    assert (before.caps_by_rate, after.caps_by_rate) == ((), ((Decimal("0.6"), Decimal(60)),))
    assert before.grades == load_profile("national").at(2023).grades  # what it does not name is national
    assert profile.parameters["budget.weight"].description  # inherited from national


def test_short_form_is_base_and_only_the_changed_keys(tmp_path: Path) -> None:
    path = tmp_path / "my.yaml"
    path.write_text("base: national\nbudget.weight: 20\nnegative.formula: linear\n", encoding="utf-8")

    rules = load_profile(str(path)).at(2023)

    assert (load_profile(str(path)).name, rules.budget_weight, rules.negative_formula) == ("my", 20, "linear")


@pytest.mark.parametrize(
    ("text", "key", "shown"),
    [
        ("base: national\nbudget.wieght: 20\n", "'budget.wieght'", "budget.weight: 20"),
        ("base: national\nbudget.weight: abc\n", "budget.weight", "budget.weight: 20"),
        ("base: national\ngrades: 5\n", "grades", "grades: [{grade: 优, min: 90}"),
        ("base: national\nqualitative.tiers: [{min: 0.8}]\n", "qualitative.tiers", "{tier: 达成, min: 0.8}"),
        ("base: national\nregions: 湖北\n", "regions", "regions: [湖北省]"),
        ("base: national\nnegative.formula: nonlinear\n", "negative.formula", "negative.formula: linear"),
        ("base: [national]\n", "base", "base: national"),
        ("base: national\nparameters: [budget.weight]\n", "parameters", "values: {2024: 20}"),
        ("base: national\nparameters:\n  score.decimals: 1\n", "score.decimals", "score.decimals: 2"),
        ("budget.weight: 20\n", "budget.columns", "budget.columns: [annual_budget, initial_budget]"),
    ],
)
def test_every_schema_error_names_the_key_and_shows_an_example(
    tmp_path: Path, text: str, key: str, shown: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(RuleDataError) as caught:
        load_profile(str(path))

    message = str(caught.value)
    assert key in message and "例如" in message and shown in message, message
