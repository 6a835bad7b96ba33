"""The ``review`` use case: a document → its rule profile → scores → findings.

This is the one place that decides which rules and which checks apply to an extracted
document, so the command line, the tests, the benchmarks (and later the web application)
agree: the profile is the one the user names, else the one of the region the document's
place names point to (:mod:`jixiao.core.scoring.region`), else the national one; the check
preset is the one the user names, else the profile's own when there is one, else
``default``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.checks import PRESETS, CheckResult, CheckSpec, run_checks, select_checks
from jixiao.core.model import ExtractResult
from jixiao.core.scoring import FormScore, Profile, load_profile, score_form
from jixiao.core.scoring.combine import combine_forms
from jixiao.core.scoring.region import detect_province, profile_for

__all__ = ["Review", "Rules", "choose_checks", "choose_rules", "review", "score"]


@dataclass(frozen=True, slots=True)
class Rules:
    """The profile that applies to a document, and how it was chosen.

    Attributes:
        profile: the rule profile.
        region: the province read from the document's place names (``None`` if none, and
            when the user named the profile: the place names are then not looked for).
        automatic: the profile was chosen from the region, not named by the user.
    """

    profile: Profile
    region: str | None
    automatic: bool

    @property
    def title(self) -> str:
        """How reports name the rules: "全国（财预〔2020〕10号）〔national〕"."""
        return f"{self.profile.title}〔{self.profile.name}〕"

    @property
    def why(self) -> str:
        """Why these rules, in Chinese (empty when the user named them)."""
        if not self.automatic:
            return ""
        return f"依据文件中的地名判断为{self.region}" if self.region else "未能判断地区，用全国规则"


def choose_rules(result: ExtractResult, profile: Profile | str | Path | None = None) -> Rules:
    """The rules of ``result``: ``profile`` if given (a Profile, a built-in name or a YAML path),
    else those of the region its place names point to.

    Raises:
        ConfigError, RuleDataError: a named profile that does not exist or is invalid.
    """
    if profile is None or profile == "auto":
        region = detect_province(result.forms, result.prose)
        return Rules(load_profile(profile_for(region)), region, automatic=True)
    if not isinstance(profile, Profile):
        profile = load_profile(str(profile))
    return Rules(profile, None, automatic=False)


def choose_checks(
    rules: Rules, select: Sequence[str] = (), ignore: Sequence[str] = (), preset: str | None = None
) -> list[CheckSpec]:
    """The checks to run: ``select``/``ignore`` by code prefix or name, within ``preset``
    (default: the profile's own preset when it has one).

    Raises:
        ConfigError: an unknown pattern or preset.
    """
    chosen = preset or (rules.profile.name if rules.profile.name in PRESETS else "default")
    return select_checks(select, ignore, chosen)


@dataclass(frozen=True, slots=True)
class Review:
    """A document reviewed: its rules, the forms' scores and the checks' findings."""

    result: ExtractResult
    rules: Rules
    findings: CheckResult

    def scores(self, combine: bool = False) -> list[FormScore]:
        """Every form recomputed under the rules (and, with ``combine``, all projects as one)."""
        return score(self.result, self.rules, combine)


def score(result: ExtractResult, rules: Rules, combine: bool = False) -> list[FormScore]:
    """Every form of ``result`` recomputed under ``rules``; with ``combine``, also all the
    projects of the document scored as one (amounts added, rates weighted by funds)."""
    scores = [score_form(f, rules.profile) for f in result.forms]
    if combine and result.forms:
        scores.append(score_form(combine_forms(result.forms), rules.profile))
    return scores


def review(
    result: ExtractResult,
    profile: Profile | str | Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    preset: str | None = None,
) -> Review:
    """Choose the rules and checks of ``result`` and run the checks.

    Raises:
        ConfigError, RuleDataError: a named profile, preset or check pattern that is invalid.
    """
    rules = choose_rules(result, profile)
    checks = choose_checks(rules, select, ignore, preset)
    findings = run_checks(
        result.forms,
        rules.profile,
        result.source,
        checks,
        accounts=result.final_accounts,
        prose=result.prose,
    )
    return Review(result, rules, findings)
