"""A small pytest plugin: scoring cases written in YAML (OpenFisca-style).

Each file in ``cases/`` is a list of cases::

    - name: 正向指标未达成按比例计分
      profile: national            # built-in name or a path relative to this folder
      year: 2023
      input: {funds: …, indicators: [...], total_score: …}      # a FORM object
      output:
        budget: 9                  # computed budget score (null: not computable)
        indicators: [{kind: positive, computed: 28.8}]           # in order; keys given are compared
        total: 97.8
        grade: 优
      absolute_error_margin: 0.01  # optional, default 0.005

A failure reads ``budget.yaml: case '…': indicators[0].computed expected 28.8, got 30``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.core.scoring import load_profile, score_form
from jixiao.core.serialize import form_from_dict

HERE = Path(__file__).parent


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent.name == "cases":
        return YamlFile.from_parent(parent, path=file_path)
    return None


class YamlFile(pytest.File):
    def collect(self):
        cases = yaml.safe_load(self.path.read_text(encoding="utf-8")) or []
        for case in cases:
            yield YamlItem.from_parent(self, name=case["name"], case=case)


class CaseFailure(Exception):
    pass


def _close(expected: Any, got: Any, margin: Decimal) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return abs(Decimal(str(expected)) - Decimal(str(got))) <= margin
    return expected == got


class YamlItem(pytest.Item):
    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        case = self.case
        name = case.get("profile", "national")
        profile = load_profile(str(HERE / name) if name.endswith(".yaml") else name)
        data = dict(case["input"])
        data.setdefault("year", case.get("year", 2023))
        result = score_form(form_from_dict(data), profile)
        margin = Decimal(str(case.get("absolute_error_margin", "0.005")))
        expected = case["output"]
        problems: list[str] = []
        got = {
            "budget": result.budget.computed if result.budget else None,
            "total": result.total.computed,
            "grade": result.grade_computed,
        }
        for key in ("budget", "total", "grade"):
            if key in expected and not _close(expected[key], got[key], margin):
                problems.append(f"{key} expected {expected[key]!r}, got {got[key]}")
        for n, exp in enumerate(expected.get("indicators", [])):
            if n >= len(result.indicators):
                problems.append(f"indicators[{n}] missing")
                continue
            s = result.indicators[n]
            actual = {"kind": s.kind, "computed": s.computed, "met": s.met, "tier": s.semantics.tier}
            for key, value in exp.items():
                if not _close(value, actual[key], margin):
                    problems.append(f"indicators[{n}].{key} expected {value!r}, got {actual[key]} ({s.rule})")
        if problems:
            raise CaseFailure("; ".join(problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CaseFailure):
            return f"{self.path.name}: case '{self.name}': {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name}"
