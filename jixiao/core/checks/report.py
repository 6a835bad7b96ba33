"""Findings as JSON (``spec/CONTRACT.md``), as text grouped by form, and as a batch summary."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jixiao.core.checks import CRASH_CODE, CRASH_NAME, REGISTRY, CheckResult
from jixiao.core.enums import Severity
from jixiao.core.model import Finding

__all__ = ["Summary", "check_to_dict", "finding_to_dict", "format_check", "format_summary"]

SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """One FINDING object of the contract (plus the form index and a structured position)."""
    loc = f.location
    return {
        "code": f.code,
        "check": f.check,
        "severity": f.severity.value,
        "message": f.message,
        "hint": f.hint,
        "location": str(loc) if loc else None,
        "form": f.form,
        "position": (
            {
                "file": loc.file,
                "line": loc.line,
                "column": loc.column,
                "page": loc.page,
                "sheet": loc.sheet,
                "cell": loc.cell,
            }
            if loc
            else None
        ),
    }


def check_to_dict(result: CheckResult, profile: str) -> dict[str, Any]:
    """The ``check --format json`` object."""
    return {
        "source": result.source,
        "profile": profile,
        "forms": [
            {"project": form.project, "index": form.index, "findings": [finding_to_dict(f) for f in fs]}
            for form, fs in result.forms
        ],
        "findings": [finding_to_dict(f) for f in result.document],
        "counts": {s.value: result.count(s) for s in Severity},
    }


def _line(f: Finding) -> list[str]:
    where = f"{f.location}: " if f.location else ""
    out = [f"  {where}{f.code} [{SEVERITY_NAMES[f.severity]}] {f.message}"]
    if f.hint:
        out.append(f"      建议：{f.hint}")
    return out


def format_check(result: CheckResult, profile_title: str) -> str:
    """Text for a reviewer: findings grouped by form, then a count by severity."""
    out = [f"{result.source}：{len(result.forms)} 张表，规则：{profile_title}"]
    for form, findings in result.forms:
        if not findings:
            continue
        out.append("")
        out.append(f"第{form.index}张表 · {form.project or '（未填项目名称）'}")
        for f in sorted(findings, key=lambda x: (_ORDER[x.severity], x.code)):
            out += _line(f)
    if result.document:
        out.append("")
        out.append("文档整体")
        for f in result.document:
            out += _line(f)
    clean = sum(1 for _, fs in result.forms if not fs)
    out.append("")
    counts = "，".join(f"{SEVERITY_NAMES[s]} {result.count(s)}" for s in Severity)
    out.append(f"共 {len(result.all())} 条：{counts}；{clean} 张表未发现问题")
    return "\n".join(out)


@dataclass
class Summary:
    """Counts over many documents: by check, by unit, and the forms ranked by severity."""

    files: int = 0
    forms: int = 0
    unreadable: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    by_check: Counter[str] = field(default_factory=Counter)
    by_unit: dict[str, Counter[Severity]] = field(default_factory=lambda: defaultdict(Counter))
    ranked: list[tuple[int, int, int, str, int, str]] = field(default_factory=list)

    def add(self, result: CheckResult) -> None:
        """Count one document's findings."""
        self.files += 1
        for form, findings in result.forms:
            self.forms += 1
            unit = form.implementer or form.department or form.project or "（未填单位）"
            sev = Counter(f.severity for f in findings)
            for f in findings:
                self.by_check[f.code] += 1
                self.by_unit[unit][f.severity] += 1
            self.ranked.append(
                (
                    sev[Severity.ERROR],
                    sev[Severity.WARNING],
                    sev[Severity.INFO],
                    result.source,
                    form.index,
                    form.project or "",
                )
            )
        for f in result.document:
            self.by_check[f.code] += 1

    def to_dict(self, top: int = 50) -> dict[str, Any]:
        """The summary as JSON."""
        return {
            "files": self.files,
            "forms": self.forms,
            "unreadable": self.unreadable,
            "unrecognised": self.unrecognised,
            "by_check": [
                {
                    "code": c,
                    "check": _name(c),
                    "title": _title(c),
                    "severity": _sev(c),
                    "count": n,
                }
                for c, n in sorted(self.by_check.items())
            ],
            "by_unit": [
                {"unit": u, **{s.value: n[s] for s in Severity}}
                for u, n in sorted(
                    self.by_unit.items(),
                    key=lambda kv: (-kv[1][Severity.ERROR], -kv[1][Severity.WARNING], kv[0]),
                )
            ],
            "forms_ranked": [
                {"source": src, "form": i, "project": p, "error": e, "warning": w, "info": n}
                for e, w, n, src, i, p in self._ranked()[:top]
            ],
        }

    def _ranked(self) -> list[tuple[int, int, int, str, int, str]]:
        return sorted(self.ranked, key=lambda r: (-r[0], -r[1], -r[2], r[3], r[4]))


def _title(code: str) -> str:
    """What a check looks for, in Chinese ("一级指标分值偏离默认值")."""
    return REGISTRY[code].title if code in REGISTRY else "检查运行出错" if code == CRASH_CODE else code


def _name(code: str) -> str:
    return REGISTRY[code].name if code in REGISTRY else CRASH_NAME if code == CRASH_CODE else code


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def _sev(code: str) -> str:
    return REGISTRY[code].severity.value if code in REGISTRY else "error"


def format_summary(summary: Summary, top: int = 20) -> str:
    """The 抽查 list a reviewer starts from."""
    out = [
        f"汇总：{summary.files} 个文件，{summary.forms} 张表"
        + (f"，{len(summary.unreadable)} 个文件无法读取" if summary.unreadable else "")
        + (f"，{len(summary.unrecognised)} 个文件未识别出表格" if summary.unrecognised else "")
    ]
    for title, paths in (
        ("无法读取的文件：", summary.unreadable),
        (
            "未识别出绩效自评表或决算公开表的文件（未审核，未计入以下统计，请人工查看）：",
            summary.unrecognised,
        ),
    ):
        if paths:
            out += ["", title, *(f"  {p}" for p in paths)]
    out.append("")
    out.append("按检查项：")
    for code, n in sorted(summary.by_check.items(), key=lambda kv: (-kv[1], kv[0])):
        sev = SEVERITY_NAMES[REGISTRY[code].severity] if code in REGISTRY else "错误"
        out.append(f"  {code} {_pad(_title(code), 30)} {sev}  {n:>5}  {_name(code)}")
    out.append("")
    out.append("按单位（错误/警告/提示）：")
    for unit, n in sorted(
        summary.by_unit.items(), key=lambda kv: (-kv[1][Severity.ERROR], -kv[1][Severity.WARNING], kv[0])
    ):
        out.append(f"  {unit}：{n[Severity.ERROR]} / {n[Severity.WARNING]} / {n[Severity.INFO]}")
    out.append("")
    out.append(f"建议优先抽查的表（前 {top} 张，按错误、警告条数排序）：")
    for e, w, n, src, i, p in summary._ranked()[:top]:
        if not (e or w):
            break
        out.append(f"  {src} 第{i}张表 {p}：错误 {e}，警告 {w}，提示 {n}")
    return "\n".join(out)


def worst_first(findings: Sequence[Finding]) -> list[Finding]:
    """Findings ordered error → warning → info, then by code."""
    return sorted(findings, key=lambda f: (_ORDER[f.severity], f.code))
