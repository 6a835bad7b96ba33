"""Rule profiles: dated, cited parameters in YAML, overlaid on the national profile.

A profile file (``profiles/*.yaml`` or the user's own) names a ``base`` profile and overrides
some parameters. Each parameter carries ``description``, ``reference`` and ``values`` keyed by
the year from which the value applies (OpenFisca-style). :meth:`Profile.at` resolves every
parameter for one form year into :class:`Rules`, a plain frozen object the engine reads
quickly. No region is special-cased in code: a region differs only by its profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao.core.errors import RuleDataError
from jixiao.core.scoring.profile_file import example, read_profile_text

__all__ = ["Parameter", "Profile", "Rules", "load_profile", "profile_names"]

_BUILTIN = "jixiao.core.scoring"
_REQUIRED = (
    "budget.weight",
    "budget.columns",
    "budget.rate_rounding",
    "indicators.total",
    "level1.weights",
    "negative.formula",
    "qualitative.tiers",
    "grades",
    "score.decimals",
    "constraint.cap",
    "overachievement.note_ratio",
    "budget.explain_below",
    "total.caps_by_rate",
)


@dataclass(frozen=True, slots=True)
class Parameter:
    """One dated, cited parameter."""

    name: str
    description: str
    reference: str
    values: Mapping[int, Any]
    source: str

    def at(self, year: int | None) -> Any:
        """The value in force for ``year`` (the latest one not after it; the earliest if none)."""
        years = sorted(self.values)
        chosen = years[0]
        for y in years:
            if year is not None and y <= year:
                chosen = y
        return self.values[chosen]


@dataclass(frozen=True, slots=True)
class Tier:
    """A qualitative tier and its lower bound as a share of the weight."""

    name: str
    low: Decimal
    high: Decimal  # exclusive upper bound, 1 for the top tier (inclusive)


@dataclass(frozen=True, slots=True)
class Rules:
    """Every parameter of a profile resolved for one year: what the engine reads."""

    profile: str
    year: int | None
    budget_weight: Decimal
    budget_columns: tuple[str, ...]
    rate_rounding: str
    indicators_total: Decimal
    level1_weights: Mapping[str, Decimal]
    negative_formula: str
    tiers: tuple[Tier, ...]
    grades: tuple[tuple[str, Decimal], ...]
    quantum: Decimal
    constraint_cap: Decimal | None
    overachievement_ratio: Decimal | None
    explain_below: Decimal | None
    caps_by_rate: tuple[tuple[Decimal, Decimal], ...] = ()
    references: Mapping[str, str] = field(default_factory=dict)

    def tier(self, name: str | None) -> Tier | None:
        """The qualitative tier called ``name``."""
        for t in self.tiers:
            if t.name == name:
                return t
        return None

    def grade(self, total: Decimal | None) -> str | None:
        """The grade of a total (bounds included in the higher grade)."""
        if total is None:
            return None
        for name, low in self.grades:
            if total >= low:
                return name
        return self.grades[-1][0]


@dataclass(frozen=True, eq=False)
class Profile:
    """A named set of parameters (after overlaying its bases)."""

    name: str
    title: str
    regions: tuple[str, ...]
    parameters: Mapping[str, Parameter]
    chain: tuple[str, ...]

    def at(self, year: int | None) -> Rules:
        """Resolve every parameter for a form of ``year``."""
        return _resolve(self, year)

    def describe(self) -> list[str]:
        """One line per parameter: name, value now, reference (for ``--explain``)."""
        lines = []
        for name in sorted(self.parameters):
            p = self.parameters[name]
            lines.append(f"{name} = {p.at(None) if len(p.values) == 1 else dict(p.values)}  [{p.reference}]")
        return lines


def _dec(value: Any, where: str) -> Decimal:
    try:
        if isinstance(value, bool):
            raise ValueError(value)
        return Decimal(str(value))
    except Exception:
        key = where.rsplit(" ", 1)[-1]
        raise RuleDataError(f"{where}：应为数字，实为 {value!r}。例如：{example(key)}") from None


@cache
def _resolve(profile: Profile, year: int | None) -> Rules:
    try:
        return _resolve_values(profile, year)
    except (KeyError, TypeError, AttributeError, ValueError, ArithmeticError) as exc:
        values = {name: param.at(year) for name, param in profile.parameters.items()}
        key = next((k for k, v in values.items() if not _shape_ok(k, v)), None)
        if key is None:
            raise RuleDataError(f"规则文件 {profile.name}：参数取值有误（{exc}）") from None
        raise RuleDataError(
            f"规则文件 {profile.name}：参数 {key} 的取值形式不对，实为 {values[key]!r}。例如：{example(key)}"
        ) from None


def _shape_ok(key: str, value: Any) -> bool:
    """Whether a parameter's value has the shape the engine reads (lists of mappings …)."""

    def rows(*fields: str) -> bool:
        return isinstance(value, list) and all(isinstance(v, dict) and set(fields) <= set(v) for v in value)

    shapes = {
        "qualitative.tiers": lambda: rows("tier", "min"),
        "grades": lambda: rows("grade", "min"),
        "total.caps_by_rate": lambda: value is None or rows("below", "cap"),
        "level1.weights": lambda: isinstance(value, dict),
        "budget.columns": lambda: isinstance(value, list),
        "score.decimals": lambda: isinstance(value, int) and not isinstance(value, bool),
    }
    return shapes.get(key, lambda: True)()


def _resolve_values(profile: Profile, year: int | None) -> Rules:
    p = {name: param.at(year) for name, param in profile.parameters.items()}
    where = f"规则文件 {profile.name}"
    tiers_raw = p["qualitative.tiers"]
    tiers: list[Tier] = []
    high = Decimal(1)
    for t in tiers_raw:
        low = _dec(t["min"], f"{where} qualitative.tiers")
        tiers.append(Tier(name=str(t["tier"]), low=low, high=high))
        high = low
    grades = tuple((str(g["grade"]), _dec(g["min"], f"{where} grades")) for g in p["grades"])
    rounding = str(p["budget.rate_rounding"])
    if rounding not in ("none", "percent"):
        raise RuleDataError(
            f"{where}：budget.rate_rounding 只能是 none 或 percent，实为 {rounding!r}。"
            f"例如：{example('budget.rate_rounding')}"
        )
    formula = str(p["negative.formula"])
    if formula not in ("ratio", "linear"):
        raise RuleDataError(
            f"{where}：negative.formula 只能是 ratio 或 linear，实为 {formula!r}。"
            f"例如：{example('negative.formula')}"
        )
    cap, ratio, below = p["constraint.cap"], p["overachievement.note_ratio"], p["budget.explain_below"]
    return Rules(
        profile=profile.name,
        year=year,
        budget_weight=_dec(p["budget.weight"], f"{where} budget.weight"),
        budget_columns=tuple(p["budget.columns"]),
        rate_rounding=rounding,
        indicators_total=_dec(p["indicators.total"], f"{where} indicators.total"),
        level1_weights={k: _dec(v, f"{where} level1.weights") for k, v in p["level1.weights"].items()},
        negative_formula=formula,
        tiers=tuple(tiers),
        grades=grades,
        quantum=Decimal(1).scaleb(-int(p["score.decimals"])),
        constraint_cap=None if cap is None else _dec(cap, f"{where} constraint.cap"),
        overachievement_ratio=None if ratio is None else _dec(ratio, f"{where} overachievement.note_ratio"),
        explain_below=None if below is None else _dec(below, f"{where} budget.explain_below"),
        caps_by_rate=tuple(
            sorted(
                (
                    _dec(c["below"], f"{where} total.caps_by_rate"),
                    _dec(c["cap"], f"{where} total.caps_by_rate"),
                )
                for c in p["total.caps_by_rate"] or ()
            )
        ),
        references={name: param.reference for name, param in profile.parameters.items()},
    )


def _builtin_text(name: str) -> str | None:
    try:
        return (resources.files(_BUILTIN) / "profiles" / f"{name}.yaml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None


def profile_names() -> list[str]:
    """Names of the built-in profiles."""
    folder = resources.files(_BUILTIN) / "profiles"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


@cache
def load_profile(name_or_path: str) -> Profile:
    """Load a built-in profile by name, or a user's profile file by path.

    Raises:
        RuleDataError: unknown name, unreadable file, malformed data, or a missing parameter.
    """
    chain: list[dict[str, Any]] = []
    current: str | None = name_or_path
    seen: set[str] = set()
    while current is not None:
        if current in seen:
            raise RuleDataError(f"规则文件的 base 形成循环：{' → '.join([*seen, current])}")
        seen.add(current)
        path = Path(current)
        if current.endswith((".yaml", ".yml")) or path.exists():
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise RuleDataError(f"{current}：无法读取规则文件（{exc.strerror}）") from None
            source = current
        else:
            text = _builtin_text(current)
            if text is None:
                known = "、".join(profile_names())
                raise RuleDataError(f"未知的规则：{current}（内置规则有：{known}；也可给出 YAML 文件路径）")
            source = f"{current}.yaml"
        data = read_profile_text(text, source)
        data["_source"] = source
        chain.append(data)
        current = data.get("base")
        from_file = Path(source).exists()
        if from_file:
            seen.add(str(Path(source).resolve()))
        if current is not None and from_file and str(current).endswith((".yaml", ".yml")):
            current = str((Path(source).parent / str(current)).resolve())  # relative to this file
    merged: dict[str, Parameter] = {}
    for data in reversed(chain):
        for pname, spec in (data.get("parameters") or {}).items():
            base = merged.get(pname)
            merged[pname] = Parameter(
                name=pname,
                description=str(spec.get("description") or (base.description if base else pname)),
                reference=str(spec["reference"]),
                values=dict(spec["values"]),
                source=data["_source"],
            )
    missing = [n for n in _REQUIRED if n not in merged]
    if missing:
        shown = "\n".join(f"    {example(n)}" for n in ["base", *missing])
        raise RuleDataError(
            f"{chain[0]['_source']}：缺少参数 {', '.join(missing)}：设 base: national 继承全国规则，"
            f"或逐项给出，例如：\n{shown}"
        )
    top = chain[0]
    profile = Profile(
        name=str(top["name"]),
        title=str(top.get("title", top["name"])),
        regions=tuple(top.get("regions") or ()),
        parameters=merged,
        chain=tuple(d["_source"] for d in chain),
    )
    profile.at(None)  # validate values now, not at the first form
    return profile
