"""The check catalogue (``docs/checks.md``), generated from the registry and the docstrings.

Regenerate with ``.venv/bin/python -m jixiao.core.checks.catalogue > docs/checks.md``; a test
fails when the file and the registry disagree, so the catalogue cannot drift from the code.
"""

from __future__ import annotations

from jixiao.core.checks import PRESETS, REGISTRY
from jixiao.core.checks.base import SECTIONS
from jixiao.core.checks.report import SEVERITY_NAMES

__all__ = ["catalogue_markdown"]

_FAMILIES = {
    "JX0": "运行",
    "JX1": "JX1xx 完整性与读取（空白、模板文字、说明、日期、未能读准的表）",
    "JX2": "JX2xx 算术（合计、分值、执行率、资金行）",
    "JX3": "JX3xx 计分与等级",
    "JX4": "JX4xx 指标质量（单位、可衡量性、指标体系）",
    "JX5": "JX5xx 跨表、跨文件",
}


def catalogue_markdown() -> str:
    """The whole catalogue page."""
    out = [
        "# 审核检查目录（jixiao check）",
        "",
        "本页由代码生成（`.venv/bin/python -m jixiao.core.checks.catalogue > docs/checks.md`），请勿手改。",
        "每项检查有固定编号（永不复用）、名称和默认级别；`--select`、`--ignore` 按编号前缀或名称选择，",
        "如 `--select JX2 --ignore JX208`。",
        "",
        "| 编号 | 标题 | 名称 | 级别 | 检查内容 |",
        "|---|---|---|---|---|",
    ]
    specs = sorted(REGISTRY.values(), key=lambda s: s.code)
    for s in specs:
        out.append(
            f"| {s.code} | {s.title} | `{s.name}` | {SEVERITY_NAMES[s.severity]} | {s.section('检查内容') or ''} |"
        )
    out += [
        "",
        "预设："
        + "；".join(f"`{k}`" + (f"（不含 {'、'.join(v)}）" if v else "（全部）") for k, v in PRESETS.items()),
        "",
    ]
    family = None
    for s in specs:
        if s.code[:3] != family:
            family = s.code[:3]
            out += [f"## {_FAMILIES.get(family, family)}", ""]
        out += [f"### {s.code} {s.title} `{s.name}`（{SEVERITY_NAMES[s.severity]}）", ""]
        for title in SECTIONS:
            out.append(f"- **{title}**：{s.section(title) or '（缺）'}")
        out.append("")
    out += [
        "## JX000 `check_crashed`（错误）",
        "",
        "- **检查内容**：某项检查在运行中出错。该表的其他检查照常进行；请报告此问题。",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    print(catalogue_markdown(), end="")
