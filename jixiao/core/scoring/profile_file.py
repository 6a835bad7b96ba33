"""Reading one profile file: its two forms, and errors that name the key and show an example.

The full form (every built-in profile) names itself, its ``base`` and its ``parameters``, each
with ``description``, ``reference`` and ``values`` by year::

    name: mine
    title: 本单位规则
    base: national
    parameters:
      budget.weight:
        description: 预算执行率 20 分
        reference: 本单位 2024 年通知
        values: {2024: 20}

The short form (a user's file) gives ``base`` and only the parameters it changes, each as
``name: value`` (the value applies to every year)::

    base: national
    budget.weight: 20
    level1.weights: {产出指标: 40, 效益指标: 40}

Both may be mixed. ``docs/examples/profile.yaml`` is a complete, tested example.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from jixiao.core.errors import RuleDataError

__all__ = ["ANY_YEAR", "EXAMPLES", "example", "read_profile_text"]

#: The year a short-form value applies from: every year.
ANY_YEAR = 1900

#: One line of YAML per parameter, in the short form: what every error about it shows.
EXAMPLES: dict[str, str] = {
    "budget.weight": "budget.weight: 20",
    "budget.columns": "budget.columns: [annual_budget, initial_budget]",
    "budget.rate_rounding": "budget.rate_rounding: percent        # none 或 percent",
    "indicators.total": "indicators.total: 80",
    "level1.weights": "level1.weights: {产出指标: 40, 效益指标: 40}",
    "negative.formula": "negative.formula: linear             # ratio 或 linear",
    "qualitative.tiers": "qualitative.tiers: [{tier: 达成, min: 0.8}, {tier: 部分达成, min: 0.6}, "
    "{tier: 未达成, min: 0}]",
    "grades": "grades: [{grade: 优, min: 90}, {grade: 良, min: 80}, {grade: 中, min: 60}, "
    "{grade: 差, min: 0}]",
    "score.decimals": "score.decimals: 2",
    "constraint.cap": "constraint.cap: 70                   # null 为不适用",
    "overachievement.note_ratio": "overachievement.note_ratio: 1.3      # null 为不要求",
    "budget.explain_below": "budget.explain_below: 0.9            # null 为不要求",
    "total.caps_by_rate": "total.caps_by_rate: [{below: 0.6, cap: 60}]",
}

#: The keys of a profile file other than its parameters.
_TOP = {
    "name": "name: mine",
    "title": "title: 本单位规则",
    "base": "base: national",
    "regions": "regions: [湖北省]",
    "parameters": "parameters:\n  budget.weight:\n    description: 预算执行率 20 分\n"
    "    reference: 本单位 2024 年通知\n    values: {2024: 20}",
}
_SHORT = "base: national\nbudget.weight: 20\nlevel1.weights: {产出指标: 40, 效益指标: 40}"


def example(key: str) -> str:
    """The example shown in every error about ``key``."""
    return EXAMPLES.get(key) or _TOP.get(key) or _SHORT


def _error(source: str, what: str, key: str | None = None) -> RuleDataError:
    shown = example(key) if key else _SHORT
    return RuleDataError(
        f"{source}：{what}。例如：\n" + "\n".join(f"    {line}" for line in shown.splitlines())
    )


def _known(key: Any, source: str) -> str:
    if key in EXAMPLES:
        return str(key)
    known = "、".join(EXAMPLES)
    raise _error(
        source,
        f"未知的键 {key!r}（文件的键：{'、'.join(_TOP)}；可改的参数：{known}）",
    )


def _full_spec(name: str, spec: Any, source: str) -> dict[str, Any]:
    """A parameter of ``parameters:``: ``values`` by year, with its description and reference."""
    full = (
        f"parameters:\n  {name}:\n    description: 说明\n    reference: 依据\n"
        f"    values: {{2024: {example(name).split(':', 1)[1].split('#')[0].strip()}}}"
    )
    if not isinstance(spec, dict) or not {"description", "reference", "values"} <= set(spec):
        raise RuleDataError(
            f"{source}：参数 {name} 须有 description、reference、values（完整写法），例如：\n"
            + "\n".join(f"    {line}" for line in full.splitlines())
            + f"\n  只改取值时可在文件顶层简写：{example(name).split('#')[0].strip()}"
        )
    values = spec["values"]
    if not isinstance(values, dict) or not values:
        raise RuleDataError(f"{source}：参数 {name} 的 values 须为按年度的映射，例如：values: {{2024: …}}")
    for year in values:
        if not isinstance(year, int) or isinstance(year, bool):
            raise RuleDataError(
                f"{source}：参数 {name} 的 values 的生效年度应为整数，实为 {year!r}，"
                "例如：values: {2024: …}"
            )
    return spec


def read_profile_text(text: str, source: str) -> dict[str, Any]:
    """The data of a profile file, short values turned into full parameters.

    Raises:
        RuleDataError: the text is not a profile; the message names the key and shows an example.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where built with it: faster
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise _error(source, f"不是有效的 YAML（{' '.join(str(exc).split())}）") from None
    if not isinstance(data, dict):
        raise _error(
            source,
            "规则文件须为映射（键: 值）：完整写法是含 name 的映射，简写只需 base 与要改的参数",
        )
    for key, kind, label in (
        ("name", str, "文字"),
        ("title", str, "文字"),
        ("base", str, "规则名或 YAML 路径"),
    ):
        if key in data and not isinstance(data[key], kind):
            raise _error(source, f"{key} 应为{label}，实为 {data[key]!r}", key)
    regions = data.get("regions")
    if regions is not None and not (isinstance(regions, list) and all(isinstance(r, str) for r in regions)):
        raise _error(source, f"regions 应为省份名称的列表，实为 {regions!r}", "regions")
    params = data.get("parameters") or {}
    if not isinstance(params, dict):
        raise _error(source, f"parameters 须为映射（参数名: 设置），实为 {params!r}", "parameters")
    parameters = {_known(name, source): _full_spec(str(name), spec, source) for name, spec in params.items()}
    for key, value in data.items():
        if key in _TOP:
            continue
        name = _known(key, source)
        if name in parameters:
            raise _error(source, f"参数 {name} 既在顶层又在 parameters 中给出，只能给一处", name)
        parameters[name] = {"reference": f"{Path(source).name}（用户设置）", "values": {ANY_YEAR: value}}
    return {
        "name": data.get("name") or Path(source).name.removesuffix(".yaml").removesuffix(".yml"),
        **{k: data[k] for k in ("title", "base", "regions") if k in data},
        "parameters": parameters,
    }
