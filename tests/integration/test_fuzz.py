"""The extractor never crashes: it returns forms and warnings, or raises ParseError (exit 2)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.errors import ParseError
from jixiao.core.extract import extract_bytes
from jixiao.core.model import ExtractResult
from jixiao.fixtures import VARIANTS
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _survives(data: bytes) -> None:
    try:
        result = extract_bytes(data, "fuzz.txt")
    except ParseError as exc:
        assert exc.source == "fuzz.txt" and exc.message
        return
    assert isinstance(result, ExtractResult)
    for form in result.forms:
        assert form.index >= 1
    for warning in result.warnings:
        assert warning.message


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    _survives(data)


@FUZZ
@given(
    st.text(
        alphabet=st.sampled_from("项目名称总分一级指标得分分值\t|年度资金总额100%—…\n 0123456789.万元≥≤"),
        max_size=2000,
    )
)
def test_random_text_made_of_form_vocabulary(text: str) -> None:
    _survives(text.encode())


@FUZZ
@given(st.integers(0, len(TEXTS) - 1), st.floats(0, 1))
def test_truncated_seeds(which: int, fraction: float) -> None:
    text = TEXTS[which]
    _survives(text[: int(len(text) * fraction)].encode())


@FUZZ
@given(st.integers(0, len(TEXTS) - 1), st.randoms(use_true_random=False))
def test_shuffled_lines(which: int, rnd: random.Random) -> None:
    lines = TEXTS[which].splitlines()
    rnd.shuffle(lines)
    _survives("\n".join(lines).encode())


@FUZZ
@given(st.integers(0, len(TEXTS) - 1), st.randoms(use_true_random=False), st.sampled_from(sorted(VARIANTS)))
def test_cells_dropped_or_duplicated_in_every_layout(which: int, rnd: random.Random, variant: str) -> None:
    out = []
    for line in TEXTS[which].splitlines():
        cells = line.split("\t")
        if len(cells) > 1 and rnd.random() < 0.3:
            i = rnd.randrange(len(cells))
            cells.insert(i, cells[i]) if rnd.random() < 0.5 else cells.pop(i)
        out.append("\t".join(cells))
    _survives(VARIANTS[variant]("\n".join(out)).encode())
