"""On the seeds, the final accounts (部门决算公开表) are read exactly as the hand-made golden files say.

The golden files in tests/golden/accounts were written by reading the documents
(tests/golden/accounts/NOTES.md), never from extractor output.
"""

from __future__ import annotations

import json

import pytest

from jixiao.core.evaluation import compare_accounts
from jixiao.core.extract import extract, extract_bytes
from jixiao.core.serialize import extract_to_dict
from jixiao.fixtures import VARIANTS, traditional_golden
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
GOLDEN = ROOT / "tests" / "golden" / "accounts"
STEMS = sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.mark.parametrize("stem", STEMS)
def test_final_accounts_match_the_golden_file(stem: str) -> None:
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    name = f"{stem}.txt"
    got = extract_to_dict(extract(SEEDS / name, source=name))

    comparison = compare_accounts(golden, got)

    assert comparison.total > 600
    assert comparison.diffs == []


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_documents_without_golden_accounts_yield_none(seed: str) -> None:
    """Only 004 prints the 公开01–09 tables; the others must not produce phantom accounts."""
    if seed.removesuffix(".txt") in STEMS:
        pytest.skip("has golden accounts")
    assert extract(SEEDS / seed, source=seed).final_accounts == ()


def test_a_missing_table_counts_its_fields_wrong() -> None:
    golden = {"final_accounts": [{"tables": {"01": {"income_total": 5, "expense_total": 5}}}]}
    comparison = compare_accounts(golden, {"final_accounts": []})
    assert (comparison.total, comparison.right) == (2, 0)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("stem", STEMS)
def test_final_accounts_survive_every_published_text_shape(stem: str, variant: str) -> None:
    """Pipes, spaces (blank cells dropped), one cell per line, flattened rows, traditional
    characters, page markers: the same tables, field for field."""
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    if variant == "traditional":
        golden = traditional_golden(golden)
    text = VARIANTS[variant]((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
    got = extract_to_dict(extract_bytes(text.encode("utf-8"), f"{stem}.{variant}.txt"))

    comparison = compare_accounts(golden, got)

    assert comparison.diffs == []
