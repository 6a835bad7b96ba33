"""Every seed form scores as its hand-computed golden file says (tests/golden/score)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from jixiao.core.enums import FormKind
from jixiao.core.extract import extract
from jixiao.core.scoring import load_profile, score_form
from jixiao.core.scoring.region import detect_province, profile_for
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
GOLDEN = ROOT / "tests" / "golden" / "score"
STEMS = sorted(p.stem for p in GOLDEN.glob("*.json"))


def _close(expected: object, got: Decimal | None) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    return abs(Decimal(str(expected)) - got) <= Decimal("0.005")


@pytest.mark.parametrize("stem", STEMS)
def test_seed_scores_match_hand_computation(stem: str) -> None:
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    result = extract(SEEDS / f"{stem}.txt")
    region_profile = profile_for(detect_province(result.forms, result.prose))
    profile = load_profile(region_profile)
    forms = [f for f in result.forms if f.kind != FormKind.COMPLETION]

    diffs = []
    assert region_profile == golden["profile"]
    assert len(forms) == len(golden["forms"])
    for expected, form in zip(golden["forms"], forms, strict=True):
        scored = score_form(form, profile)
        where = expected["project"]
        budget = scored.budget.computed if scored.budget else None
        if not _close(expected["budget"]["computed"], budget):
            diffs.append((where, "budget", expected["budget"]["computed"], budget))
        if not _close(expected["total"]["computed"], scored.total.computed):
            diffs.append((where, "total", expected["total"]["computed"], scored.total.computed))
        if expected["grade"]["computed"] != scored.grade_computed:
            diffs.append((where, "grade", expected["grade"]["computed"], scored.grade_computed))
        assert len(expected["indicators"]) == len(scored.indicators), where
        for exp, got in zip(expected["indicators"], scored.indicators, strict=True):
            if exp["kind"] != got.kind or not _close(exp["computed"], got.computed):
                diffs.append((where, exp["name"], (exp["kind"], exp["computed"]), (got.kind, got.computed)))
    assert diffs == []


def test_the_issue_examples_are_found() -> None:
    """承德 参保人数 19.64 vs 18; 丰台 挂职 cost ≤12万 met at 9.1828 vs 7.6; 承德 28% → 2.80."""
    chengde = extract(SEEDS / "000_ff9771ed16f1acda.txt").forms
    fengtai = extract(SEEDS / "002_f48fc49cd5cbaaa2.txt").forms
    hebei, beijing = load_profile("hebei"), load_profile("beijing")

    people = score_form(chengde[0], hebei).indicators[0]
    cost = score_form(fengtai[1], beijing).indicators[3]
    injury = score_form(chengde[7], hebei).budget

    assert (people.kind, people.printed, people.computed) == ("positive", 18, Decimal("19.64"))
    assert people.rule == "20 × 273.86 ÷ 278.9 = 19.64"
    assert (cost.kind, cost.printed, cost.computed) == ("negative", Decimal("7.6"), 10)
    assert (injury.printed, injury.computed) == (Decimal("2.80"), Decimal("2.80"))
    assert score_form(chengde[7], load_profile("national")).budget.computed == Decimal("2.75")


def test_golden_score_notes_exist() -> None:
    assert (GOLDEN / "NOTES.md").read_text(encoding="utf-8").strip()
