"""Checking speed on parsed forms: forms per second on one core, all default checks.

Run: .venv/bin/python benchmarks/check_speed.py [--repeat N]

The seed forms are extracted once; then every default check runs on every form N times
(a fresh context per run, so the scoring each check relies on is recomputed each time).
Then whole documents: forms, 部门决算 tables and explanation text together (document checks
included), in documents per second.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.core.checks import run_checks, select_checks  # noqa: E402
from jixiao.core.extract import extract  # noqa: E402
from jixiao.core.review import choose_rules  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        result = extract(path)
        profile = choose_rules(result).profile
        docs.append((result.forms, profile, path.name, result.final_accounts, result.prose))
    checks = select_checks()
    n_forms = sum(len(d[0]) for d in docs)
    for forms, profile, name, _, _ in docs:  # warm-up
        run_checks(forms, profile, name, checks)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(args.repeat):
            for forms, profile, name, _, _ in docs:
                run_checks(forms, profile, name, checks)
        best = min(best, time.perf_counter() - start)
    n = n_forms * args.repeat
    print(f"checks: {len(checks)}; forms: {n_forms} seed forms × {args.repeat} = {n} (best of 3 runs)")
    print(f"per form      {best / n * 1e6:8.1f} µs")
    print(f"throughput    {n / best:8.0f} forms/s on one core")
    with_accounts = [d for d in docs if d[3]]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(args.repeat):
            for forms, profile, name, accounts, prose in docs:
                run_checks(forms, profile, name, checks, accounts=accounts, prose=prose)
        best = min(best, time.perf_counter() - start)
    n = len(docs) * args.repeat
    print(f"whole documents: {len(docs)} seeds ({len(with_accounts)} with 部门决算) × {args.repeat} = {n}")
    print(f"per document  {best / n * 1e3:8.2f} ms")
    print(f"throughput    {n / best:8.0f} documents/s on one core")


if __name__ == "__main__":
    main()
