"""Re-layouts of real documents, for robustness tests and benchmarks.

Published text reaches users in many shapes. These functions turn a tab-separated document
(the seed corpus) into the other shapes seen in the wild — "|"-separated rows, cells separated
by runs of spaces with blank cells lost, one cell per line, whole rows flattened into one
line, traditional characters, page markers — so that the extractor can be measured on each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jixiao.core.text import convert

__all__ = ["GOLDEN_TEXT_KEYS", "VARIANTS", "traditional_golden"]


def _rows(text: str) -> list[list[str] | str]:
    out: list[list[str] | str] = []
    for line in text.splitlines():
        out.append(line.split("\t") if "\t" in line else line)
    return out


def pipes(text: str) -> str:
    """Tab-separated rows → markdown-style "| a | b |" rows (blank cells kept)."""
    lines = []
    for row in _rows(text):
        lines.append("| " + " | ".join(c.strip() for c in row) + " |" if isinstance(row, list) else row)
    return "\n".join(lines)


def spaces(text: str) -> str:
    """Tab-separated rows → cells separated by three spaces, blank cells dropped (PDF copy)."""
    lines = []
    for row in _rows(text):
        if isinstance(row, list):
            cells = [c.strip() for c in row if c.strip()]
            lines.append("   ".join(cells))
        else:
            lines.append(row)
    return "\n".join(lines)


def one_cell_per_line(text: str) -> str:
    """Every non-blank cell on a line of its own (blank cells dropped)."""
    lines: list[str] = []
    for row in _rows(text):
        if isinstance(row, list):
            lines.extend(c.strip() for c in row if c.strip())
        else:
            lines.append(row)
    return "\n".join(lines)


def flattened(text: str) -> str:
    """Each row flattened into one line: non-blank cells joined by a single space."""
    lines = []
    for row in _rows(text):
        if isinstance(row, list):
            lines.append(" ".join(c.strip() for c in row if c.strip()))
        else:
            lines.append(row)
    return "\n".join(lines)


def traditional(text: str) -> str:
    """The whole text in traditional characters (as on mirror sites)."""
    return convert(text, "zh-tw")


def page_markers(text: str) -> str:
    """A page marker and a form feed every 23 lines, as in text extracted from PDFs."""
    lines = text.splitlines()
    out: list[str] = []
    for i, line in enumerate(lines, start=1):
        out.append(line)
        if i % 23 == 0:
            out.append(f"- {i // 23} -")
            out.append(f"\f第 {i // 23 + 1} 页")
    return "\n".join(out)


VARIANTS: dict[str, Callable[[str], str]] = {
    "tabs": lambda t: t,
    "pipes": pipes,
    "spaces": spaces,
    "one_cell_per_line": one_cell_per_line,
    "flattened": flattened,
    "traditional": traditional,
    "page_markers": page_markers,
}

#: Golden keys whose values are printed text (converted with the document); the others are
#: standard vocabulary or numbers and stay as they are.
GOLDEN_TEXT_KEYS = frozenset({"project", "department", "implementer", "name", "target", "actual", "note"})


def traditional_golden(value: Any, key: str | None = None) -> Any:
    """The golden data of a document converted to traditional characters."""
    if isinstance(value, dict):
        return {k: traditional_golden(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [traditional_golden(v, key) for v in value]
    if isinstance(value, str) and key in GOLDEN_TEXT_KEYS and value != "合计":  # 合计: the standard row name
        return convert(value, "zh-tw")
    return value
