"""Shared fixtures: paths to the seed corpus and golden files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.fontless import ENV, hide_system_fonts

if os.environ.get(ENV) == "1":  # the suite as on a machine without fonts (tests/fontless.py)
    hide_system_fonts()

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLDEN = ROOT / "tests" / "golden" / "extract"


def seed_paths() -> list[Path]:
    """The seed documents that have a golden file."""
    return sorted(SEEDS / f"{p.stem}.txt" for p in GOLDEN.glob("*.json"))


def golden(stem: str) -> dict:
    """The golden extraction of a seed."""
    return json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    paths = seed_paths()
    if not paths or not all(p.exists() for p in paths):
        pytest.fail(f"seed corpus missing: expected {SEEDS} beside the repository")
    return paths
