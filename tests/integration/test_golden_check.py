"""On the seeds, the checker reports exactly the reviewed real errors (tests/golden/check).

The golden files list every error- and warning-severity finding that a person confirmed as a
real problem of the document (tests/golden/check/REVIEW.md); info findings are not held.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from jixiao.core.checks import run_checks
from jixiao.core.enums import Severity
from jixiao.core.extract import extract, extract_bytes
from jixiao.core.scoring import load_profile
from jixiao.core.scoring.region import detect_province, profile_for
from jixiao.fixtures import VARIANTS
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
GOLDEN = ROOT / "tests" / "golden" / "check"
STEMS = sorted(p.stem for p in GOLDEN.glob("*.json"))


def _run(stem: str):
    name = f"{stem}.txt"
    result = extract(SEEDS / name, source=name)
    profile = load_profile(profile_for(detect_province(result.forms, result.prose)))
    return result, run_checks(result.forms, profile, name, accounts=result.final_accounts, prose=result.prose)


@pytest.mark.parametrize("stem", STEMS)
def test_seed_findings_are_exactly_the_reviewed_ones(stem: str) -> None:
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    _, checked = _run(stem)

    got = Counter(
        (f.form, f.code, str(f.location))
        for f in checked.all()
        if f.severity in (Severity.ERROR, Severity.WARNING)
    )
    expected = Counter((f["form"], f["code"], f["location"]) for f in golden["findings"])

    assert sorted((got - expected).elements(), key=str) == [], "unreviewed findings (false positives?)"
    assert sorted((expected - got).elements(), key=str) == [], "reviewed real errors no longer found"


@pytest.mark.parametrize("stem", STEMS)
def test_no_error_on_a_form_whose_reviewed_list_has_none(stem: str) -> None:
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    _, checked = _run(stem)
    with_errors = {
        f["form"]
        for f in golden["findings"]
        if f["code"][:3] in ("JX2", "JX3") or f["code"] in ("JX101", "JX104")
    }

    for form, findings in checked.forms:
        errors = [f for f in findings if f.severity == Severity.ERROR]
        if form.index not in with_errors:
            assert errors == [], f"form {form.index} {form.project}"


def test_every_golden_finding_says_why() -> None:
    for path in GOLDEN.glob("*.json"):
        for f in json.loads(path.read_text(encoding="utf-8"))["findings"]:
            assert f["why"].strip(), (path.name, f)


ACCOUNTS_CHECKS = ("JX221", "JX222", "JX521", "JX522", "JX523", "JX524", "JX525", "JX526", "JX527")


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_accounts_findings_survive_every_published_text_shape(variant: str) -> None:
    """The 部门决算 findings of seed 004 (tables and explanation) do not depend on how the text
    was copied: the same checks fire, as many times, in every layout variant."""
    stem = "004_5fb32d9fdb188baf"
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    text = VARIANTS[variant]((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
    result = extract_bytes(text.encode("utf-8"), f"{stem}.{variant}.txt")
    checked = run_checks(
        result.forms, load_profile("hubei"), "v", accounts=result.final_accounts, prose=result.prose
    )

    got = Counter(f.code for f in checked.all() if f.code in ACCOUNTS_CHECKS and f.severity != Severity.INFO)
    expected = Counter(f["code"] for f in golden["findings"] if f["code"] in ACCOUNTS_CHECKS)
    assert got == expected
