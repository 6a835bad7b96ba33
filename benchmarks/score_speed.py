"""Scoring speed on parsed forms: forms per second on one core.

Run: .venv/bin/python benchmarks/score_speed.py [--repeat N]

The 39 seed forms are extracted once, then scored N times each under their region's profile
(profiles resolved once per year, as a batch run does). Figures: forms/s and µs per form.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.core.extract import extract  # noqa: E402
from jixiao.core.scoring import load_profile, score_form  # noqa: E402
from jixiao.core.scoring.region import detect_province, profile_for  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    work = []
    for path in sorted(SEEDS.glob("*.txt")):
        result = extract(path)
        profile = load_profile(profile_for(detect_province(result.forms, result.prose)))
        work += [(form, profile.at(form.year)) for form in result.forms]
    for form, rules in work:  # warm-up
        score_form(form, rules)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(args.repeat):
            for form, rules in work:
                score_form(form, rules)
        best = min(best, time.perf_counter() - start)
    n = len(work) * args.repeat
    print(f"forms: {len(work)} seed forms × {args.repeat} = {n} scorings (best of 5 runs)")
    print(f"per form      {best / n * 1e6:8.1f} µs")
    print(f"throughput    {n / best:8.0f} forms/s on one core")


if __name__ == "__main__":
    main()
