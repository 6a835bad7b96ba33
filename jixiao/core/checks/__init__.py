"""Review checks: every check module is imported here, so the registry is complete.

``grep JX2 jixiao/core/checks`` lists a family. Codes are stable and never reused; a retired
check keeps its code and its catalogue entry, marked removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from jixiao.core.checks import (  # noqa: F401
    arithmetic,
    completeness,
    cross_tables,
    documents,
    indicators,
    narrative,
    reading,
    scoring,
    table_sums,
)
from jixiao.core.checks.base import REGISTRY, CheckSpec, DocumentContext, FormContext
from jixiao.core.enums import Severity
from jixiao.core.errors import ConfigError
from jixiao.core.model import Finding, Form, Sentence, SourceRef
from jixiao.core.scoring.profile import Profile

__all__ = ["PRESETS", "REGISTRY", "CheckResult", "run_checks", "select_checks"]

CRASH_CODE, CRASH_NAME = "JX000", "check_crashed"

#: Named selections: which checks to leave out, by region profile or purpose.
PRESETS: dict[str, tuple[str, ...]] = {
    "default": (),
    "strict": (),
    # 湖北：满意度暂可不作为必评指标（RULES.md §4.2-4）
    "hubei": ("satisfaction_missing",),
}


@dataclass(frozen=True)
class CheckResult:
    """Findings of one document: per form (in extract order) and document-level."""

    source: str
    forms: tuple[tuple[Form, tuple[Finding, ...]], ...]
    document: tuple[Finding, ...]

    def all(self) -> list[Finding]:
        """Every finding, form by form, then document-level."""
        return [f for _, fs in self.forms for f in fs] + list(self.document)

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.all() if f.severity == severity)


def _matches(spec: CheckSpec, patterns: Iterable[str]) -> bool:
    return any(spec.code.startswith(p) or spec.name == p for p in patterns)


def select_checks(
    select: Sequence[str] = (), ignore: Sequence[str] = (), preset: str = "default"
) -> list[CheckSpec]:
    """The checks to run: ``select``/``ignore`` by code prefix ("JX2", "JX301") or name.

    Raises:
        ConfigError: a pattern that matches no check, or an unknown preset.
    """
    if preset not in PRESETS:
        raise ConfigError(f"未知的检查预设：{preset}（可选：{'、'.join(PRESETS)}）")
    for p in (*select, *ignore):
        if not any(_matches(s, [p]) for s in REGISTRY.values()):
            raise ConfigError(f"没有编号或名称为“{p}”的检查（编号如 JX2、JX301，名称如 total_not_sum）")
    specs = sorted(REGISTRY.values(), key=lambda s: s.code)
    if select:
        specs = [s for s in specs if _matches(s, select)]
    skip = (*ignore, *PRESETS[preset])
    return [s for s in specs if not _matches(s, skip)]


def _crashed(spec: CheckSpec, exc: Exception, form: Form | None, source: str) -> Finding:
    import traceback

    where = f"第{form.index}张表" if form else "文档"
    return Finding(
        code=CRASH_CODE,
        check=CRASH_NAME,
        severity=Severity.ERROR,
        message=f"{where}：检查 {spec.code} {spec.name} 运行出错（{type(exc).__name__}: {exc}），其他检查照常进行",
        hint="请报告此问题：" + "".join(traceback.format_exception_only(type(exc), exc)).strip(),
        location=form.ref if form else None,
        form=form.index if form else None,
    )


def _reliable(spec: CheckSpec, form: Form) -> bool:
    """Whether a form check's findings rest on figures read with confidence."""
    return form.confidence.sure and (form.confidence.whole or not spec.whole)


def _cut_row(form: Form) -> set[SourceRef]:
    """Where the last indicator row of a form cut off before its 总分 row was read: the text may
    stop inside that row ("1" of a score "10"), so no finding points there."""
    if form.confidence.whole or not form.indicators:
        return set()
    return set(form.indicators[-1].refs.values())


def _tables(accounts: object) -> list[Any]:
    return list(getattr(accounts, "tables", {}).values())


def _sure_tables(accounts: object) -> object:
    """The accounts with only the tables read with confidence."""
    tables = getattr(accounts, "tables", None)
    if tables is None or all(t.confidence.sure for t in tables.values()):
        return accounts
    return replace(accounts, tables={n: t for n, t in tables.items() if t.confidence.sure})  # type: ignore[type-var]


def run_checks(
    forms: Sequence[Form],
    profile: Profile,
    source: str,
    checks: Sequence[CheckSpec] | None = None,
    accounts: Sequence[object] = (),
    prose: Sequence[Sentence] = (),
) -> CheckResult:
    """Run the checks on every form of a document, then the document-level checks.

    A check that raises becomes a ``JX000 check_crashed`` finding; the others still run.

    Figures read without confidence are never compared: the checks do not run on a form whose
    reading is in doubt (the one ``JX107`` finding says what was not understood), a form whose
    text stops before its 总分 row skips the checks that need the whole form (and its last row,
    which the cut may run through), and the document
    checks see only the forms and 决算 tables read with confidence.
    """
    specs = list(checks) if checks is not None else select_checks()
    form_specs = [s for s in specs if s.scope == "form"]
    doc_specs = [s for s in specs if s.scope == "document"]
    contexts = [FormContext(form=f, rules=profile.at(f.year), source=source) for f in forms]
    per_form = []
    for form, ctx in zip(forms, contexts, strict=True):
        found: list[Finding] = []
        cut = _cut_row(form)
        for spec in form_specs:
            ctx._spec = spec
            try:
                if not _reliable(spec, form):
                    pass
                elif cut:
                    found.extend(f for f in spec.func(form, ctx) if f.location not in cut)
                else:
                    found.extend(spec.func(form, ctx))
            except Exception as exc:
                found.append(_crashed(spec, exc, form, source))
        per_form.append((form, tuple(found)))
    sure = [(f, c) for f, c in zip(forms, contexts, strict=True) if f.confidence.sure]
    doc_ctx = DocumentContext(
        forms=[f for f, _ in sure],
        contexts=[c for _, c in sure],
        source=source,
        accounts=[_sure_tables(a) for a in accounts],
        prose=prose,
        doubtful_forms=[f for f in forms if not f.confidence.sure or not f.confidence.whole],
        doubtful_tables=[t for a in accounts for t in _tables(a) if not t.confidence.sure],
    )
    document: list[Finding] = []
    for spec in doc_specs:
        doc_ctx._spec = spec
        try:
            for finding in spec.func(doc_ctx.forms, doc_ctx):
                document.append(finding)
        except Exception as exc:
            document.append(_crashed(spec, exc, None, source))
    # document-level findings about one form are shown with that form
    attached = [replace(f) for f in document if f.form is not None]
    loose = tuple(f for f in document if f.form is None)
    forms_out = tuple(
        (form, fs + tuple(f for f in attached if f.form == form.index)) for form, fs in per_form
    )
    return CheckResult(source=source, forms=forms_out, document=loose)
