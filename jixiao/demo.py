"""The demo run by the README's first command: extract and summarise a folder of documents."""

from __future__ import annotations

import time
from pathlib import Path

import click

from jixiao.core.errors import ParseError
from jixiao.core.extract import extract
from jixiao.core.render.text import _KIND, _n, pad


def run_demo(folder: str) -> int:
    """Summarise every form in ``folder``; return the exit status."""
    root = Path(folder)
    if not root.is_dir():
        click.echo(f"错误：{folder}: 不是文件夹（演示需要种子语料所在的文件夹）", err=True)
        return 2
    files = sorted(p for p in root.iterdir() if p.is_file())
    click.echo(f"jixiao 演示：{root}（{len(files)} 个文件）\n")
    n_forms = n_warn = 0
    started = time.perf_counter()
    status = 0
    for path in files:
        try:
            result = extract(path, source=path.name)
        except ParseError as exc:
            click.echo(f"{path.name}：无法读取 — {exc.message}\n")
            status = 2
            continue
        n_forms += len(result.forms)
        n_warn += len(result.warnings)
        click.echo(f"{path.name}：{len(result.forms)} 张表，{len(result.warnings)} 条提示")
        for form in result.forms:
            funds = form.funds.total if form.funds and form.funds.total else None
            budget = _n(funds.annual_budget or funds.initial_budget) if funds else "—"
            executed = _n(funds.executed) if funds else "—"
            click.echo(
                f"  {form.index:>2}. {pad(_KIND[form.kind], 22)} {form.year or '—'}  "
                f"{pad((form.project or '（未填）')[:24], 50)} 预算 {pad(budget, 10, True)}  "
                f"执行 {pad(executed, 10, True)}  指标 {len(form.indicators):>2} 项  "
                f"所印总分 {_n(form.total_score)}"
            )
        for accounts in result.final_accounts:
            numbers = "、".join(sorted(accounts.tables))
            unit = accounts.department or "（未识别单位）"
            click.echo(
                f"      部门决算 {accounts.year or '—'}  {unit}：公开表 {numbers}，"
                f"情况说明读出 {len(accounts.narrative)} 个数字（审核：jixiao check {path.name}；"
                f"生成情况说明：jixiao render {path.name} --to docx -o 说明.docx）"
            )
        click.echo()
    elapsed = time.perf_counter() - started
    click.echo(f"合计：{n_forms} 张表，{n_warn} 条提示，用时 {elapsed * 1000:.0f} 毫秒")
    return status
