"""A time and memory budget for the work on one file, so that one hostile file cannot stall a batch.

:func:`within` arms a timer (``SIGALRM``, every :attr:`Budget.interval` seconds) whose handler
raises :class:`BudgetExceeded` in the work when it has run longer than its time budget, or when
the process has grown by more than its memory budget (resident memory, from ``/proc``) since the
work began. The exception unwinds the work, which frees what it held, and the caller goes on with
the next file.

The exception derives from :class:`BaseException`, as :class:`KeyboardInterrupt` does, so that
the readers' ``except Exception`` (which turn a library's failure into "file damaged") let it
through. The timer works in the main thread of a POSIX process; elsewhere (another thread, a
platform without ``setitimer``) the work runs without a budget. One long call into a C library,
or a system call that blocks, is interrupted when it returns (which is why the command line
refuses files that could block, such as named pipes).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

__all__ = ["DEFAULT_BUDGET", "Budget", "BudgetExceeded", "within"]


@dataclass(frozen=True, slots=True)
class Budget:
    """Limits on the work on one file.

    Attributes:
        seconds: wall-clock time (``0``: no limit).
        memory_mb: growth of the process's resident memory, in MB (``0``: no limit).
        interval: how often the limits are looked at, in seconds.
    """

    seconds: float = 300.0
    memory_mb: int = 2048
    interval: float = 0.2


#: The budget of a file in a batch: longer than the PDF reader's own time limit (which stops
#: reading pages and says so), so that only a file that would never end reaches it.
DEFAULT_BUDGET = Budget()


class BudgetExceeded(BaseException):
    """The work on a file went past its budget.

    Attributes:
        message: what limit was passed, in Chinese.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_STATM = Path("/proc/self/statm")


def _resident() -> int | None:
    """The process's resident memory in bytes (``None`` where ``/proc`` does not tell)."""
    try:
        return int(_STATM.read_text().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def within(budget: Budget | None) -> Iterator[None]:
    """Run the body under ``budget``; :class:`BudgetExceeded` is raised in it past a limit."""
    if budget is None or not (budget.seconds or budget.memory_mb) or not _can_interrupt():
        yield
        return
    start = time.monotonic()
    base = _resident()
    active = True

    def check(_signum: int, _frame: FrameType | None) -> None:
        if not active:
            return
        if budget.seconds and time.monotonic() - start > budget.seconds:
            raise BudgetExceeded(f"处理时间超过上限（{budget.seconds:g} 秒）")
        if budget.memory_mb and base is not None:
            now = _resident()
            if now is not None and now - base > budget.memory_mb * 1024 * 1024:
                raise BudgetExceeded(f"处理所需内存超过上限（{budget.memory_mb} MB）")

    previous = signal.signal(signal.SIGALRM, check)
    # system calls the tick falls on are restarted, not failed (the readers' C libraries and
    # their threads need not expect EINTR); the check runs when the call returns
    signal.siginterrupt(signal.SIGALRM, False)
    interval = min(budget.interval, budget.seconds or budget.interval)
    signal.setitimer(signal.ITIMER_REAL, interval, interval)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
