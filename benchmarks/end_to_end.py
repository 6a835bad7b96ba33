"""End-to-end speed of the command a user runs: ``jixiao check DIR --format jsonl``.

Run: .venv/bin/python benchmarks/end_to_end.py [--copies N] [--runs R]

A folder of N copies of every text seed (and a second folder of 2N copies, to show that the
cost is linear in the input) is checked by the real command in a subprocess, on one core
(``taskset -c 0`` where it exists, ``JIXIAO_OCR_THREADS=1``): start-up, reading, detection,
scoring, checks and output are all counted. The best of R runs is printed in forms/s and
documents/s, beside the figures of each step timed in-process (extract, score, check) and the
start-up of the command alone (``jixiao --version``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def _command() -> list[str]:
    """The installed ``jixiao`` command, pinned to one core when ``taskset`` exists."""
    exe = Path(sys.executable).parent / "jixiao"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "jixiao"]
    taskset = shutil.which("taskset")
    return [taskset, "-c", "0", *cmd] if taskset else cmd


def _env() -> dict[str, str]:
    # the byte-code cache is kept as an installed package has it (pip compiles it at install):
    # with PYTHONDONTWRITEBYTECODE set in the caller's shell every run would compile the sources
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "JIXIAO_OCR_THREADS": "1", "PYTHONHASHSEED": "0"}


def _best(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _folder(root: Path, copies: int, seeds: list[Path]) -> Path:
    folder = root / f"x{copies}"
    folder.mkdir()
    for i in range(copies):
        for seed in seeds:
            shutil.copyfile(seed, folder / f"{i:05d}_{seed.name}")
    return folder


def _run_check(folder: Path) -> None:
    done = subprocess.run(
        [*_command(), "check", str(folder), "--format", "jsonl"],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode not in (0, 1) or not done.stdout:
        raise SystemExit(f"jixiao check failed with exit status {done.returncode}")


def _steps(seeds: list[Path], runs: int) -> tuple[int, float, float, float, float]:
    """Forms of the seeds and the seconds of one pass of each step, in-process."""
    from jixiao.core.checks import run_checks, select_checks
    from jixiao.core.extract import extract
    from jixiao.core.review import choose_rules, score

    results = [extract(p) for p in seeds]  # warm-up: dictionaries and rules loaded once
    rules = [choose_rules(r) for r in results]
    checks = select_checks()
    n_forms = sum(len(r.forms) for r in results)
    t_extract = _best(runs, lambda: [extract(p) for p in seeds])
    t_score = _best(runs, lambda: [score(r, ru) for r, ru in zip(results, rules, strict=True)])

    def check_all() -> None:
        for r, ru in zip(results, rules, strict=True):
            run_checks(r.forms, ru.profile, r.source, checks, accounts=r.final_accounts, prose=r.prose)

    t_check = _best(runs, check_all)
    t_rules = _best(runs, lambda: [choose_rules(r) for r in results])
    return n_forms, t_extract, t_rules, t_score, t_check


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of each seed (and twice as many)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure; the best is kept")
    args = parser.parse_args(argv)
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no text seeds in {SEEDS}")
    n_forms, t_extract, t_rules, t_score, t_check = _steps(seeds, args.runs)
    n_docs = len(seeds)
    startup = _best(
        args.runs,
        lambda: subprocess.run([*_command(), "--version"], env=_env(), stdout=subprocess.DEVNULL, check=True),
    )
    print(f"seeds: {n_docs} text files, {n_forms} forms; command: {' '.join(_command())}")
    print(f"start-up (jixiao --version)     {startup * 1e3:8.0f} ms")
    print("in-process, per step (best of runs, one pass over the seeds):")
    for name, t in (
        ("extract (read, recognise)", t_extract),
        ("rules (region from names)", t_rules),
        ("score", t_score),
        ("check (all default)", t_check),
    ):
        print(f"  {name:26s} {n_forms / t:10.0f} forms/s {n_docs / t:10.0f} documents/s")
    t_sum = t_extract + t_rules + t_score + t_check
    print(f"  {'all steps':26s} {n_forms / t_sum:10.0f} forms/s {n_docs / t_sum:10.0f} documents/s")
    print("end to end, `jixiao check DIR --format jsonl` in a subprocess on one core:")
    per_form: list[float] = []
    with tempfile.TemporaryDirectory(prefix="jixiao-e2e-") as tmp:
        for copies in (args.copies, 2 * args.copies):
            folder = _folder(Path(tmp), copies, seeds)
            _run_check(folder)  # warm-up: the file cache and the byte-code cache
            t = _best(args.runs, lambda folder=folder: _run_check(folder))
            forms, docs = n_forms * copies, n_docs * copies
            per_form.append(t / forms)
            print(
                f"  {docs:6d} files {forms:7d} forms  {t:7.2f} s  "
                f"{forms / t:8.0f} forms/s {docs / t:8.0f} documents/s"
            )
    print(f"  time per form at 2N ÷ at N: {per_form[1] / per_form[0]:.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
