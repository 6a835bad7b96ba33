"""Golden cases per check: ``tests/checks/JXnnn.yaml``, both directions.

Each case::

    - name: 得分高于分值，报告
      profile: national           # optional (built-in name)
      form: {…}                   # a FORM object; only the fields the check reads
      expect: ["JX301@indicators[0].score"]   # exactly these findings of this check (quoted)

Findings are compared by code and location (the field the finding points at), never by
message text, so messages can be reworded freely. A failure reads
``JX301.yaml: case '…': expected [...], got [...]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.core.checks import REGISTRY, run_checks
from jixiao.core.scoring import load_profile
from jixiao.core.serialize import form_from_dict


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.stem.startswith("JX") and file_path.parent.name == "checks":
        return CheckFile.from_parent(parent, path=file_path)
    return None


class CheckFile(pytest.File):
    def collect(self):
        for case in yaml.safe_load(self.path.read_text(encoding="utf-8")) or []:
            yield CheckItem.from_parent(self, name=case["name"], case=case, code=self.path.stem)


def _accounts(data: dict[str, Any], narrative: str) -> Any:
    """Accounts from a case: the tables as data, the explanation text read as the extractor does."""
    from dataclasses import replace

    from jixiao.core.documents.accounts.model import accounts_from_dict
    from jixiao.core.documents.accounts.narrative import read_narrative
    from jixiao.core.ingest.text import text_to_grid

    accounts = accounts_from_dict(data)
    if not narrative:
        return accounts
    grid = text_to_grid(narrative, "text")
    return replace(accounts, narrative=tuple(read_narrative(grid, 0, accounts)))


def _prose(text: str) -> Any:
    """The sentences of a case's running text, read as the extractor does."""
    from jixiao.core.documents.registry import recognise_prose
    from jixiao.core.ingest.text import text_to_grid

    return recognise_prose(text_to_grid(text, "form"))


class CaseFailure(Exception):
    pass


class CheckItem(pytest.Item):
    def __init__(self, *, case: dict[str, Any], code: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case, self.code = case, code

    def runtest(self) -> None:
        spec = REGISTRY[self.code]
        profile = load_profile(self.case.get("profile", "national"))
        raw_forms = self.case.get("forms") or ([self.case["form"]] if "form" in self.case else [])
        forms = [form_from_dict(f | {"index": n + 1}) for n, f in enumerate(raw_forms)]
        accounts = []
        if "accounts" in self.case:
            accounts = [_accounts(self.case["accounts"], self.case.get("narrative", ""))]
        prose = _prose(self.case["text"]) if self.case.get("text") else ()
        result = run_checks(forms, profile, "form", [spec], accounts=accounts, prose=prose)
        got = sorted(f"{f.code}@{_where(f.location)}" for f in result.all())
        expected = sorted(self.case.get("expect") or [])
        if got != expected:
            raise CaseFailure(f"expected {expected}, got {got}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CaseFailure):
            return f"{self.path.name}: case '{self.name}': {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name}"


def _where(ref: Any) -> str:
    """How a case names a location: the field path, "01!income_total", or "text:3" for a line."""
    if ref is None:
        return ""
    if ref.sheet and ref.cell:
        return f"{ref.sheet}!{ref.cell}"
    if ref.cell:
        return ref.cell
    if ref.line is not None:
        return f"{ref.file}:{ref.line}"
    return ref.sheet or ""
