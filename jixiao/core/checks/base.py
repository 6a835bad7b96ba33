"""The check framework: one small pure function per check, registered with a code and a name.

A check reads a form (or a whole document) and yields :class:`~jixiao.core.model.Finding`
values; it never raises for bad data. The runner turns a crashing check into a ``JX000
check_crashed`` finding and runs the others. Checks use the scoring engine's results (one
:class:`~jixiao.core.scoring.engine.FormScore` per form, computed once) instead of
re-implementing the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from jixiao.core.enums import Severity
from jixiao.core.model import Finding, Form, Sentence, SourceRef
from jixiao.core.scoring.engine import FormScore, score_form
from jixiao.core.scoring.profile import Rules

__all__ = ["REGISTRY", "CheckSpec", "DocumentContext", "FormContext", "check", "document_check"]

_CODE = re.compile(r"^JX\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TITLE = re.compile(r"[\u4e00-\u9fff]")
SECTIONS = ("检查内容", "为什么", "示例", "依据", "已知局限")


@dataclass(frozen=True)
class CheckSpec:
    """A registered check."""

    code: str
    name: str
    severity: Severity
    func: Callable[..., Iterator[Finding]]
    scope: str  # "form" or "document"
    whole: bool = False  # reads the whole form (its 总分 row, sums or presence over all rows)
    title: str = ""  # what it checks in a few Chinese words, for people ("一级指标分值偏离默认值")

    @property
    def doc(self) -> str:
        """The check's docstring (its documentation)."""
        return (self.func.__doc__ or "").strip()

    def section(self, title: str) -> str | None:
        """One section of the docstring ("为什么", "依据" …), or ``None``."""
        m = re.search(
            rf"^\s*{title}[:：]\s*(.*?)(?=^\s*(?:{'|'.join(SECTIONS)}|配置)[:：]|\Z)", self.doc, re.M | re.S
        )
        return " ".join(m.group(1).split()) if m else None


REGISTRY: dict[str, CheckSpec] = {}


def _register(
    code: str, name: str, severity: Severity, scope: str, whole: bool, title: str
) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    if not _CODE.match(code) or not _NAME.match(name):
        raise ValueError(f"bad check code or name: {code} {name}")
    if not _TITLE.search(title):
        raise ValueError(f"check {code} needs a Chinese title")

    def wrap(func: Callable[..., Iterator[Finding]]) -> Callable[..., Iterator[Finding]]:
        if code in REGISTRY or any(s.name == name for s in REGISTRY.values()):
            raise ValueError(f"check registered twice: {code} {name}")
        REGISTRY[code] = CheckSpec(code, name, severity, func, scope, whole, title)
        func.code = code  # type: ignore[attr-defined]
        return func

    return wrap


def check(
    code: str, name: str, severity: Severity, whole: bool = False, *, title: str
) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    """Register a form-level check ``f(form, ctx) -> Iterator[Finding]``.

    ``whole``: the check needs the whole form (its 总分 row, a sum or the presence of something
    over all its rows), so it reports nothing on a form whose text stops before its end.
    ``title``: what it checks in a few Chinese words, shown beside the code to people.
    """
    return _register(code, name, severity, "form", whole, title)


def document_check(
    code: str, name: str, severity: Severity, *, title: str
) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    """Register a document-level check ``f(forms, ctx) -> Iterator[Finding]`` (``title``: see
    :func:`check`)."""
    return _register(code, name, severity, "document", False, title)


@dataclass
class FormContext:
    """What a form check may read: the form, its rules, its recomputed score, the settings."""

    form: Form
    rules: Rules
    source: str
    tolerance: Decimal = Decimal("0.05")
    _spec: CheckSpec | None = field(default=None, repr=False)

    @cached_property
    def score(self) -> FormScore:
        """The form recomputed by the scoring engine (computed once, shared by all checks)."""
        return score_form(self.form, self.rules)

    @property
    def where(self) -> str:
        """ "第3张表" — how messages name the form."""
        return f"第{self.form.index}张表"

    def finding(
        self,
        message: str,
        hint: str | None = None,
        location: SourceRef | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of the running check, located at ``location`` (default: the form)."""
        spec = self._spec
        assert spec is not None
        return Finding(
            code=spec.code,
            check=spec.name,
            severity=severity or spec.severity,
            message=message,
            hint=hint,
            location=location or self.form.ref,
            form=self.form.index,
        )


@dataclass
class DocumentContext:
    """What a document check may read: the forms and 决算 tables read with confidence.

    Forms and tables whose reading is in doubt are left out of ``forms`` and ``accounts`` (a
    check never compares figures it could not place); they are listed in ``doubtful_forms`` and
    ``doubtful_tables`` for the one check that says so.
    """

    forms: Sequence[Form]
    contexts: Sequence[FormContext]
    source: str
    accounts: Sequence[Any] = ()
    prose: Sequence[Sentence] = ()
    doubtful_forms: Sequence[Form] = ()
    doubtful_tables: Sequence[Any] = ()
    _spec: CheckSpec | None = field(default=None, repr=False)

    @property
    def year(self) -> int | None:
        """The year the document reports on (its accounts' year, else its forms')."""
        for a in self.accounts:
            if a.year:
                return a.year
        return next((f.year for f in self.forms if f.year), None)

    def finding(
        self,
        message: str,
        hint: str | None = None,
        location: SourceRef | None = None,
        form: int | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A document-level finding of the running check."""
        spec = self._spec
        assert spec is not None
        return Finding(spec.code, spec.name, severity or spec.severity, message, hint, location, form)
