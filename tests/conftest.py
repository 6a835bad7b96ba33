"""Shared fixtures: paths to the seed corpus and golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
