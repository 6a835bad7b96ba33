"""Stage 2: the recognisers of a document's grid, one shape, one explicit registry.

A recogniser takes the positioned rows of one document (:class:`~jixiao.core.ingest.grid.Grid`,
after :func:`~jixiao.core.documents.reflow.reflow`) and returns what it recognised as a
:class:`Recognition`: model objects whose every value keeps its :class:`SourceRef` (file,
page, line, cell, box), and warnings about what it could not read. Recognisers do not read
files and do not know each other; :data:`RECOGNISERS` lists them in the order their results
are reported, and :func:`recognise` runs them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from jixiao.core.documents.accounts import Accounts, recognise_accounts
from jixiao.core.documents.forms import recognise_forms
from jixiao.core.documents.prose import recognise_prose
from jixiao.core.documents.reflow import reflow
from jixiao.core.ingest.grid import Grid
from jixiao.core.model import ExtractionWarning, Form, Sentence

__all__ = ["RECOGNISERS", "Recogniser", "Recognition", "recognise", "recognise_prose"]


@dataclass(frozen=True, slots=True)
class Recognition:
    """What one or all recognisers found in a document."""

    forms: tuple[Form, ...] = ()
    final_accounts: tuple[Accounts, ...] = ()
    warnings: tuple[ExtractionWarning, ...] = ()
    prose: tuple[Sentence, ...] = ()

    def __add__(self, other: Recognition) -> Recognition:
        return Recognition(
            self.forms + other.forms,
            self.final_accounts + other.final_accounts,
            self.warnings + other.warnings,
            self.prose + other.prose,
        )


class Recogniser(Protocol):
    """The one shape of every recogniser."""

    #: Short English name ("forms", "final_accounts"), for settings and debugging.
    name: str
    #: What it recognises, in Chinese, for people.
    title: str

    def recognise(self, grid: Grid) -> Recognition:
        """Everything of its kind in ``grid`` (already reflowed), in document order."""
        ...


@dataclass(frozen=True, slots=True)
class FormsRecogniser:
    """项目支出绩效自评表 and 部门整体支出绩效自评表 of every regional layout."""

    name: str = "forms"
    title: str = "绩效自评表"

    def recognise(self, grid: Grid) -> Recognition:
        forms, warnings = recognise_forms(grid)
        return Recognition(forms=tuple(forms), warnings=tuple(warnings))


@dataclass(frozen=True, slots=True)
class FinalAccountsRecogniser:
    """部门决算 tables 公开01–09 and the figures of their 情况说明."""

    name: str = "final_accounts"
    title: str = "部门决算"

    def recognise(self, grid: Grid) -> Recognition:
        accounts, warnings = recognise_accounts(grid)
        return Recognition(final_accounts=tuple(accounts), warnings=tuple(warnings))


@dataclass(frozen=True, slots=True)
class ProseRecogniser:
    """The running text (rows of one cell, joined into sentences), each sentence with its place."""

    name: str = "prose"
    title: str = "说明文字"

    def recognise(self, grid: Grid) -> Recognition:
        return Recognition(prose=recognise_prose(grid))


#: Every recogniser, in the order their findings are reported.
RECOGNISERS: tuple[Recogniser, ...] = (FormsRecogniser(), FinalAccountsRecogniser(), ProseRecogniser())


def recognise(grid: Grid, recognisers: Sequence[Recogniser] = RECOGNISERS) -> Recognition:
    """Rebuild the rows of text that lost its cell separators, then run every recogniser."""
    grid = reflow(grid)
    found = Recognition()
    for recogniser in recognisers:
        found = found + recogniser.recognise(grid)
    return found
