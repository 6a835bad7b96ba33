"""Command-line interface: parse arguments, call the core, print text or JSON.

Exit status (spec/CONTRACT.md): 0 success; 1 ``check`` found an error-severity finding;
2 usage error or an input that cannot be read at all (the others are still processed).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jixiao import __version__
from jixiao.batch import budget_options, collecting_less, files_of, guarded, progress
from jixiao.core.budget import DEFAULT_BUDGET, Budget
from jixiao.core.enums import Severity
from jixiao.core.errors import JixiaoError, ParseError
from jixiao.core.extract import NOTHING_FOUND, extract, nothing_found
from jixiao.core.model import ExtractResult
from jixiao.core.render.text import format_extract
from jixiao.core.serialize import extract_to_dict

if TYPE_CHECKING:
    from jixiao.core.scoring import Profile

FORMATS = click.Choice(["text", "json", "jsonl"])


def _extract_one(path: str, budget: Budget = DEFAULT_BUDGET) -> ExtractResult | None:
    """Extract one file within its budget; report an unreadable file (or a bug) and return ``None``."""
    return guarded(path, lambda: extract(path), budget)


def _profile_option(name: str) -> Profile | None:
    """The profile named by ``--profile`` (``None`` for auto), or a usage error naming it."""
    from jixiao.core.scoring import load_profile

    if name == "auto":
        return None
    try:
        return load_profile(name)
    except JixiaoError as exc:
        raise click.BadParameter(str(exc), param_hint="'--profile'") from None


def _dump(obj: object, pretty: bool) -> str:
    if pretty:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _warn_lines(result: ExtractResult) -> None:
    for w in result.warnings:
        where = f"{w.location}: " if w.location else f"{result.source}: "
        click.echo(f"{where}提示：{w.message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jixiao")
def main() -> None:
    """jixiao（绩效）：预算绩效自评表的读取、计分与审核。"""


@main.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="text",
    show_default=True,
    help="text 供人阅读；json 一个文件一个对象（多个文件为数组）；jsonl 每个文件一行",
)
@budget_options
def extract_cmd(files: tuple[str, ...], fmt: str, time_limit: float, memory_limit: int) -> None:
    """读取文件，按标准模型输出表中所印内容（不重新计算）。"""
    budget = Budget(time_limit, memory_limit)
    failed = False
    objects: list[dict[str, object]] = []
    for path in files_of(files):
        result = _extract_one(path, budget)
        if result is None:
            failed = True
            continue
        _warn_lines(result)
        if fmt == "text":
            click.echo(format_extract(result))
            click.echo()
        elif fmt == "jsonl":
            click.echo(_dump(extract_to_dict(result), pretty=False))
        else:
            objects.append(extract_to_dict(result))
    if fmt == "json" and objects:
        click.echo(_dump(objects[0] if len(objects) == 1 else objects, pretty=True))
    sys.exit(2 if failed else 0)


@main.command("score")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="text",
    show_default=True,
    help="text 供人阅读；json 一个文件一个对象；jsonl 每个文件一行",
)
@click.option(
    "--profile",
    "profile_name",
    default="auto",
    show_default=True,
    help="规则：auto 按文件中的地名选择地区规则；或内置规则名（national、hubei…）；或 YAML 文件路径",
)
@click.option("--explain", is_flag=True, help="列出每一项的计分依据（规则、输入与结果）")
@click.option(
    "--combine", is_flag=True, help="另将每个文件中的全部项目合并为一张表计分（金额相加，比率按资金加权）"
)
def score_cmd(files: tuple[str, ...], fmt: str, profile_name: str, explain: bool, combine: bool) -> None:
    """按规则重新计算每张表的得分，与填报得分并列，并说明依据。"""
    from jixiao.core.render.scores import format_scores, score_to_dict
    from jixiao.core.review import choose_rules, score

    fixed = _profile_option(profile_name)
    failed = False
    objects: list[dict[str, object]] = []
    for path in files_of(files):
        result = _extract_one(path)
        if result is None:
            failed = True
            continue
        _warn_lines(result)
        rules = choose_rules(result, fixed)
        scores = score(result, rules, combine)
        if fmt == "text":
            title = rules.title + (f"——{rules.why}" if rules.why else "")
            click.echo(format_scores(result.source, title, scores, explain))
            click.echo()
            continue
        obj = score_to_dict(result.source, rules.profile.name, scores, rules.region)
        if fmt == "jsonl":
            click.echo(_dump(obj, pretty=False))
        else:
            objects.append(obj)
    if fmt == "json" and objects:
        click.echo(_dump(objects[0] if len(objects) == 1 else objects, pretty=True))
    sys.exit(2 if failed else 0)


@main.command("check")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="text",
    show_default=True,
    help="text 按表分组供人阅读；json 一个文件一个对象；jsonl 每个文件一行",
)
@click.option(
    "--profile",
    "profile_name",
    default="auto",
    show_default=True,
    help="规则：auto 按文件中的地名选择；或内置规则名；或 YAML 文件路径",
)
@click.option(
    "--select", multiple=True, help="只运行这些检查（编号前缀如 JX2、JX301，或名称），可多次给出或用逗号分隔"
)
@click.option("--ignore", multiple=True, help="不运行这些检查（编号前缀或名称）")
@click.option("--preset", default=None, help="检查预设：default、strict、hubei（默认按地区规则选择）")
@click.option("--summary", is_flag=True, help="最后打印按检查项、按单位的统计，以及建议优先抽查的表")
@budget_options
def check_cmd(
    files: tuple[str, ...],
    fmt: str,
    profile_name: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    preset: str | None,
    summary: bool,
    time_limit: float,
    memory_limit: int,
) -> None:
    """运行审核检查，列出问题（退出码：有“错误”级问题为 1）。"""
    from jixiao.core.checks import select_checks
    from jixiao.core.checks.report import Summary, check_to_dict, format_check, format_summary
    from jixiao.core.review import Review, review

    def split(values: tuple[str, ...]) -> list[str]:
        return [v.strip() for item in values for v in item.split(",") if v.strip()]

    fixed = _profile_option(profile_name)
    try:
        select_checks(split(select), split(ignore), preset or "default")
    except JixiaoError as exc:
        raise click.UsageError(str(exc)) from None
    paths = list(files_of(files))
    totals = Summary()
    failed = errors = False
    budget = Budget(time_limit, memory_limit)

    def work(path: str) -> Review:
        return review(extract(path), fixed, split(select), split(ignore), preset)

    with collecting_less(), progress(len(paths), fmt) as advance:
        for path in paths:
            reviewed = guarded(path, lambda path=path: work(path), budget)
            advance(path)
            if reviewed is None:
                failed = True
                totals.unreadable.append(path)
                continue
            result = reviewed.result
            if fmt == "text":
                _warn_lines(result)
            found = reviewed.findings
            unrecognised = nothing_found(result)
            if unrecognised:  # never a clean document: listed apart, exit 2
                totals.unrecognised.append(path)
                failed = True
            else:
                totals.add(found)
            errors = errors or found.count(Severity.ERROR) > 0
            if fmt == "text":
                if not summary:
                    shown = f"{result.source}：未审核。{NOTHING_FOUND}" if unrecognised else None
                    click.echo(shown or format_check(found, reviewed.rules.title))
                    click.echo()
            else:
                obj = check_to_dict(found, reviewed.rules.profile.name) | {"recognised": not unrecognised}
                click.echo(_dump(obj, pretty=fmt == "json" and len(paths) == 1))
    if summary:
        if fmt == "text":
            click.echo(format_summary(totals))
        else:
            click.echo(_dump({"summary": totals.to_dict()}, pretty=fmt == "json"))
    sys.exit(2 if failed else 1 if errors else 0)


@main.command("render")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--to", "fmt", type=click.Choice(["html", "docx", "txt"]), required=True, help="输出格式"
)
@click.option("-o", "--output", required=True, help="输出文件（多个输入时为输出目录）")
@click.option(
    "--prior", "prior_path", default=None, help="上年部门决算（任何可读取的文档，或 extract 输出的 JSON）"
)
@click.option("--data", "data_path", default=None, help="补充数据 YAML（上年数、年初预算、原因等文字）")
@click.option("--data-template", default=None, help="另写出一份补充数据 YAML 模板（已知数已填好）")
@click.option("--no-document-changes", is_flag=True, help="不按原说明中的增减额推算上年数")
def render_cmd(
    files: tuple[str, ...],
    fmt: str,
    output: str,
    prior_path: str | None,
    data_path: str | None,
    data_template: str | None,
    no_document_changes: bool,
) -> None:
    """生成部门决算情况说明（按公开表数据写出标准段落）。"""
    from jixiao.core.render.document import write
    from jixiao.core.render.explain import (
        explain,
        load_prior,
        load_supplement,
        resolve_supplement,
        supplement_template,
    )

    paths = list(files_of(files))
    out = Path(output)
    if (len(paths) > 1 or out.is_dir()) and not _written(out, lambda: out.mkdir(parents=True, exist_ok=True)):
        sys.exit(2)
    try:
        prior = load_prior(Path(prior_path)) if prior_path else None
    except JixiaoError as exc:
        raise click.UsageError(str(exc)) from None
    failed = False
    for path in paths:
        result = _extract_one(path)
        if result is None:
            failed = True
            continue
        if not result.final_accounts:
            click.echo(f"错误：{path}: 没有识别到部门决算公开表（公开01–09），无法生成决算情况说明", err=True)
            failed = True
            continue
        accounts = result.final_accounts[0]
        try:
            supplement = load_supplement(Path(data_path), accounts) if data_path else None
        except JixiaoError as exc:
            raise click.UsageError(str(exc)) from None
        if prior is not None:
            supplement = supplement or prior
            if supplement is not prior:
                supplement.merge(prior)
        supplement = resolve_supplement(accounts, supplement, use_document_changes=not no_document_changes)
        doc = explain(accounts, result.forms, supplement, use_document_changes=False)
        target = out / f"{Path(path).stem}.{fmt}" if out.is_dir() else out
        if not _written(target, lambda doc=doc, target=target: write(doc, target, fmt)):
            failed = True
            continue
        click.echo(f"{path} → {target}", err=True)
        for note in doc.notes:
            click.echo(f"  {note}", err=True)
        if data_template:
            template = Path(data_template)
            if template.is_dir() or len(paths) > 1:
                template.mkdir(parents=True, exist_ok=True)
                template = template / f"{Path(path).stem}.yaml"
            text = supplement_template(doc, accounts, supplement)
            if not _written(template, lambda t=template, text=text: t.write_text(text, encoding="utf-8")):
                failed = True
                continue
            click.echo(f"  补充数据模板 → {template}", err=True)
    if failed:
        sys.exit(2)


def _written(target: Path, write: Callable[[], object]) -> bool:
    """Run ``write``; a file or folder that cannot be written is reported (what and why)."""
    try:
        write()
    except OSError as exc:
        why = {
            FileNotFoundError: "所在目录不存在",
            PermissionError: "没有写入权限",
            IsADirectoryError: "这是一个目录，不是文件",
            NotADirectoryError: "路径中有一段不是目录",
            FileExistsError: "已有同名文件",
        }.get(type(exc), exc.strerror or type(exc).__name__)
        click.echo(f"错误：无法写入 {target}：{why}", err=True)
        return False
    return True


@main.command("debug")
@click.argument("file")
@click.option(
    "--page", "page", type=int, default=1, show_default=True, help="第几页（无分页的文件按每 80 行一页）"
)
@click.option("-o", "--output", required=True, help="输出的 PNG 图片")
@click.option("--scale", type=float, default=2.0, show_default=True, help="每个点（1/72 英寸）画几个像素")
def debug_cmd(file: str, page: int, output: str, scale: float) -> None:
    """画出一页的读取结果：表格线、单元格、识别框，以及各项数值取自哪个单元格。"""
    from jixiao.core.render.reading import draw_file

    try:
        drawn = draw_file(Path(file), page, scale)
    except JixiaoError as exc:
        click.echo(f"{file}：{exc}" if not isinstance(exc, ParseError) else str(exc), err=True)
        sys.exit(2)
    drawn.image.save(output)
    note = f"{output}：第 {page} 页（共 {drawn.pages} 页），标出 {drawn.placed} 个读取的数值"
    if drawn.unplaced:
        note += f"；{len(drawn.unplaced)} 个在本页但没有位置：{'、'.join(drawn.unplaced[:8])}"
    click.echo(note)


@main.command("profiles")
def profiles_cmd() -> None:
    """列出内置规则及其参数、依据。"""
    from jixiao.core.scoring import load_profile, profile_names

    for name in profile_names():
        profile = load_profile(name)
        regions = "、".join(profile.regions) or "—"
        click.echo(f"{name}：{profile.title}（适用地区：{regions}）")
        own = [p for p in profile.parameters.values() if p.source == f"{name}.yaml"]
        for p in own:
            click.echo(f"    {p.name} = {p.at(None)}  — {p.description}  [{p.reference}]")


@main.command("demo")
@click.argument("folder", default="../shared/corpus/seeds", required=False)
def demo_cmd(folder: str) -> None:
    """演示：读取文件夹中的每个文件，汇总其中的表（每个文件几张表、项目名称、所印总分）。"""
    from jixiao.demo import run_demo

    sys.exit(run_demo(folder))
