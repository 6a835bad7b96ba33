"""The extractor never crashes: it returns forms and warnings, or raises ParseError (exit 2);
and what it reads does not depend on how the cells were separated or on blank lines."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.errors import ParseError
from jixiao.core.extract import extract_bytes
from jixiao.core.model import ExtractResult
from jixiao.core.serialize import extract_to_dict
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


# ---------------------------------------------------------------- properties of the reading
SOURCE = "fuzz.txt"
_LOCATION = re.compile(rf"^{re.escape(SOURCE)}:(\d+)(:\d+)?$")


def _model(text: str) -> dict[str, Any]:
    """What a reading gives: the model as JSON, and the running text sentence by sentence."""
    result = extract_bytes(text.encode(), SOURCE)
    return {**extract_to_dict(result), "prose": [s.text for s in result.prose]}


def _shift_lines(value: Any, after: int) -> Any:
    """``value`` with every location on a line after ``after`` moved one line down."""
    if isinstance(value, dict):
        return {k: _shift_lines(v, after) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift_lines(v, after) for v in value]
    if isinstance(value, str) and (m := _LOCATION.match(value)) and int(m.group(1)) > after:
        return f"{SOURCE}:{int(m.group(1)) + 1}{m.group(2) or ''}"
    return value


def _reseparated(line: str, how: str, spaces: int) -> str:
    """A line of tab-separated cells with its cells separated otherwise, where that keeps the
    same cells: "|" always (but not for a row that would read as a markdown rule), a run of
    spaces where no cell is blank or holds a run of spaces itself."""
    if "\t" not in line:
        return line
    cells = [c.strip() for c in line.split("\t")]
    if how == "pipe" and not all(re.fullmatch(r"[-:]*", c) for c in cells):
        return "| " + " | ".join(cells) + " |"
    if how == "spaces" and all(c and not re.search(r"\s\s|\u3000", c) for c in cells):
        return (" " * spaces).join(cells)
    return line


@FUZZ
@given(
    st.integers(0, len(TEXTS) - 1),
    st.lists(st.tuples(st.sampled_from(["tab", "pipe", "spaces"]), st.integers(2, 5)), min_size=1),
)
def test_a_harmless_change_of_separators_gives_the_same_model(
    which: int, choices: list[tuple[str, int]]
) -> None:
    lines = TEXTS[which].splitlines()
    changed = [_reseparated(line, *choices[i % len(choices)]) for i, line in enumerate(lines)]

    assert _model("\n".join(changed)) == _model(TEXTS[which])


@FUZZ
@given(st.integers(0, len(TEXTS) - 1), st.floats(0, 1), st.sampled_from(["", "   ", "\t", "\t\t", "\u3000"]))
def test_adding_a_blank_line_changes_nothing(which: int, where: float, blank: str) -> None:
    lines = TEXTS[which].splitlines()
    at = int(len(lines) * where)

    grown = _model("\n".join([*lines[:at], blank, *lines[at:]]))

    assert grown == _shift_lines(_model(TEXTS[which]), after=at)
