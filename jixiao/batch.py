"""The work on each file of a batch, for the command line: within its budget, reported when it
fails, the batch going on (:mod:`jixiao.core.budget`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from jixiao.core.budget import DEFAULT_BUDGET, Budget, BudgetExceeded, within
from jixiao.core.errors import ParseError

__all__ = ["budget_options", "guarded"]

T = TypeVar("T")


def guarded(path: str, work: Callable[[], T], budget: Budget = DEFAULT_BUDGET) -> T | None:
    """Do the work on one file within its budget; report an unreadable file, a file over its
    budget (the batch goes on) or a bug, and return ``None``."""
    try:
        with within(budget):
            return work()
    except ParseError as exc:
        click.echo(f"错误：{exc.source}: {exc.message}", err=True)
    except BudgetExceeded as exc:
        click.echo(f"错误：{path}: {exc.message}，已停止处理该文件，其余文件继续", err=True)
    except Exception as exc:
        click.echo(
            f"错误：{path}: 读取时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题",
            err=True,
        )
    return None


def budget_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--time-limit`` and ``--memory-limit``: the budget of each file."""
    command = click.option(
        "--memory-limit",
        type=click.IntRange(min=0),
        default=DEFAULT_BUDGET.memory_mb,
        show_default=True,
        help="每个文件处理时最多再占用的内存（MB，0 为不限）；超过则跳过该文件，其余继续",
    )(command)
    return click.option(
        "--time-limit",
        type=click.FloatRange(min=0),
        default=DEFAULT_BUDGET.seconds,
        show_default=True,
        help="每个文件的处理时间上限（秒，0 为不限）；超过则跳过该文件，其余继续",
    )(command)
