"""The work on a batch of files, for the command line: the files a command names, a progress
bar, and each file within its budget, reported when it fails, the batch going on
(:mod:`jixiao.core.budget`)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click

from jixiao.core.budget import DEFAULT_BUDGET, Budget, BudgetExceeded, within
from jixiao.core.errors import ParseError

__all__ = ["budget_options", "collecting_less", "files_of", "guarded", "progress"]

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


@contextmanager
def collecting_less() -> Iterator[None]:
    """The cyclic garbage collector tuned for a batch, as it was afterwards: reading one file
    makes tens of thousands of small objects (rows, cells' places) that all live until the file
    is done, so the default collection every 700 allocations scans them again and again for
    nothing; and what start-up loaded (modules, dictionaries, rules) is not scanned meanwhile.
    Memory freed by reference counting is freed as before."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


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


def files_of(paths: tuple[str, ...]) -> Iterator[str]:
    """Files named on the command line; a directory yields its files, sorted, recursively."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield str(child)
        else:
            yield p


@contextmanager
def progress(total: int, fmt: str) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr when it is a terminal and there are several files."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda _path: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("审核"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=total)
        yield lambda path: bar.update(task, advance=1, description=Path(path).name)
