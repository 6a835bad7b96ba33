"""Field-level comparison of extracted forms with golden files.

Used by the golden tests and by ``benchmarks/extract_accuracy.py``. Only the keys present in
the golden file are compared (the extractor may output more); numbers compare by decimal value.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["Comparison", "compare_accounts", "compare_documents"]


@dataclass
class Comparison:
    """Counts of golden leaf fields and the differences found."""

    total: int = 0
    right: int = 0
    diffs: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Share of golden fields extracted right (1.0 when there is nothing to compare)."""
        return self.right / self.total if self.total else 1.0

    def add(self, other: Comparison) -> None:
        """Accumulate another comparison."""
        self.total += other.total
        self.right += other.right
        self.diffs.extend(other.diffs)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return Decimal(str(a)) == Decimal(str(b))
    return a == b


def _as_read(text: str) -> str:
    """Text as it can be read off an image: a full-width "：" or "（" and its half-width form, and
    spaces, cannot be told apart on the page (NFKC, whitespace removed)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _same_read(a: Any, b: Any) -> bool:
    """As :func:`_same`, for text read off an image (:func:`_as_read`)."""
    if isinstance(a, str) and isinstance(b, str):
        return _as_read(a) == _as_read(b)
    return _same(a, b)


def _leaves(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values()) or 1
    if isinstance(value, list):
        return sum(_leaves(v) for v in value) or 1
    return 1


def _row_key(row: Any) -> Any:
    """What names a row of a 部门决算 table: its 科目编码, else its name ("合计")."""
    if isinstance(row, dict) and ("code" in row or "name" in row):
        return row.get("code") or row.get("name")
    return None


def _aligned(
    expected: list[Any], got: list[Any], name: Callable[[Any], Any]
) -> list[tuple[int | None, int | None]]:
    """(expected index, extracted index) pairs of two lists aligned on what names their items;
    ``None`` on one side is an item missing or extra. One item lost or added counts once rather
    than shifting every item after it; items between two aligned ones pair by position."""
    matcher = difflib.SequenceMatcher(
        None, [name(item) for item in expected], [name(item) for item in got], autojunk=False
    )
    pairs: list[tuple[int | None, int | None]] = []
    for _, i0, i1, j0, j1 in matcher.get_opcodes():
        common = min(i1 - i0, j1 - j0)
        pairs += [(i0 + k, j0 + k) for k in range(common)]
        pairs += [(i, None) for i in range(i0 + common, i1)]
        pairs += [(None, j) for j in range(j0 + common, j1)]
    return pairs


def _compare(
    path: str,
    expected: Any,
    got: Any,
    out: Comparison,
    same: Callable[[Any, Any], bool] = _same,
    by_row: bool = False,
) -> None:
    if isinstance(expected, dict) and expected:
        got = got if isinstance(got, dict) else {}
        for k, v in expected.items():
            _compare(f"{path}.{k}", v, got.get(k), out, same, by_row)
        return
    if isinstance(expected, list) and expected:
        got = got if isinstance(got, list) else []
        # Rows of a 部门决算 table are aligned on their 科目编码 (or name, "合计"); other lists
        # pair by position, extra items at the end counting once.
        rows = by_row and all(_row_key(item) is not None for item in expected)
        pairs = (
            _aligned(expected, got, _row_key)
            if rows
            else [(i, i if i < len(got) else None) for i in range(len(expected))]
        )
        for i, j in pairs:
            if i is None:
                out.total += 1
                out.diffs.append((f"{path}[+{j}]", None, got[j]))
            else:
                _compare(f"{path}[{i}]", expected[i], got[j] if j is not None else None, out, same, by_row)
        if not rows and len(got) > len(expected):
            out.total += 1
            out.diffs.append((f"{path}[{len(expected)}:]", None, got[len(expected) :]))
        return
    n = _leaves(expected)
    out.total += n
    if same(expected, got) or (expected in ({}, []) and got in ({}, [], None)):
        out.right += n
    else:
        out.diffs.append((path, expected, got))


def compare_documents(golden: dict[str, Any], extracted: dict[str, Any], scan: bool = False) -> Comparison:
    """Compare the ``forms`` of a golden file with an ``extract`` result.

    Forms are aligned on their project (or unit) name in document order (:func:`_aligned`): a
    missing form counts each of its golden fields wrong, an extra form counts one wrong, and
    neither shifts the forms after it. With ``scan``, text is compared as it can be read off an
    image (:func:`_same_read`).
    """
    out = Comparison()
    exp_forms = golden.get("forms", [])
    got_forms = extracted.get("forms", [])

    def name(form: dict[str, Any]) -> str:
        return _as_read(str(form.get("project") or form.get("unit") or ""))

    for i, j in _aligned(exp_forms, got_forms, name):
        if i is None:
            out.total += 1
            out.diffs.append((f"forms[+{j}]", None, got_forms[j].get("project")))
            continue
        form = exp_forms[i]
        label = form.get("project") or f"#{i + 1}"
        got = got_forms[j] if j is not None else None
        _compare(f"forms[{i}]({label})", form, got, out, _same_read if scan else _same)
    return out


def compare_accounts(golden: dict[str, Any], extracted: dict[str, Any], scan: bool = False) -> Comparison:
    """Compare the ``final_accounts`` (部门决算) of a golden file with an ``extract`` result.

    Documents are paired in order; a missing table counts each of its golden fields wrong. The
    rows of a table are aligned on their 科目编码 (:func:`_aligned`): a row lost or added counts
    once, with each of its fields, instead of shifting the rows after it. With ``scan``, text is
    compared as it can be read off an image (:func:`_same_read`).
    """
    out = Comparison()
    got_all = extracted.get("final_accounts", [])
    for i, accounts in enumerate(golden.get("final_accounts", [])):
        got = got_all[i] if i < len(got_all) else {}
        _compare(f"final_accounts[{i}]", accounts, got, out, _same_read if scan else _same, by_row=True)
    for j in range(len(golden.get("final_accounts", [])), len(got_all)):
        out.total += 1
        out.diffs.append((f"final_accounts[{j}]", None, got_all[j].get("unit")))
    return out
