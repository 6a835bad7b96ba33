"""The review use case chooses a document's rules and checks in one place."""

from __future__ import annotations

import pytest

from jixiao.core.checks import run_checks, select_checks
from jixiao.core.errors import RuleDataError
from jixiao.core.extract import extract, extract_bytes
from jixiao.core.review import choose_checks, choose_rules, review, score
from jixiao.core.scoring import load_profile
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def hubei_seed():
    return extract(SEEDS / "004_5fb32d9fdb188baf.txt")


def test_rules_come_from_the_place_names_unless_named(hubei_seed) -> None:
    auto = choose_rules(hubei_seed)
    assert (auto.profile.name, auto.region, auto.automatic) == ("hubei", "湖北省", True)
    assert auto.why == "依据文件中的地名判断为湖北省"
    named = choose_rules(hubei_seed, "national")
    assert (named.profile.name, named.automatic, named.why) == ("national", False, "")
    assert choose_rules(hubei_seed, load_profile("hebei")).profile.name == "hebei"
    with pytest.raises(RuleDataError):
        choose_rules(hubei_seed, "atlantis")


def test_a_document_without_place_names_gets_the_national_rules() -> None:
    result = extract_bytes("项目名称\t路灯维护\n".encode(), "x.txt")
    rules = choose_rules(result)
    assert (rules.profile.name, rules.region) == ("national", None)
    assert rules.why == "未能判断地区，用全国规则"


def test_the_profile_preset_applies_unless_one_is_named(hubei_seed) -> None:
    rules = choose_rules(hubei_seed)
    assert "satisfaction_missing" not in {s.name for s in choose_checks(rules)}
    assert "satisfaction_missing" in {s.name for s in choose_checks(rules, preset="default")}
    assert {s.code for s in choose_checks(rules, select=["JX30"])} == {
        s.code for s in select_checks(["JX30"], preset="hubei")
    }


def test_review_is_the_checks_under_the_chosen_rules(hubei_seed) -> None:
    done = review(hubei_seed)
    direct = run_checks(
        hubei_seed.forms,
        load_profile("hubei"),
        hubei_seed.source,
        select_checks(preset="hubei"),
        accounts=hubei_seed.final_accounts,
        prose=hubei_seed.prose,
    )
    assert [(f.code, str(f.location)) for f in done.findings.all()] == [
        (f.code, str(f.location)) for f in direct.all()
    ]
    assert [s.total.computed for s in done.scores()] == [
        s.total.computed for s in score(hubei_seed, done.rules)
    ]
    assert len(done.scores(combine=True)) == len(hubei_seed.forms) + 1
