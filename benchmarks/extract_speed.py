"""Extraction speed on the seed corpus: forms per second, and time per form by stage.

Run: .venv/bin/python benchmarks/extract_speed.py [--repeat N]

Stage 1 is text → grid (cell splitting and cleaning); stage 2 is the layout recogniser. The
whole corpus is extracted N times in one process (after one warm-up run, so the one-off load
of the character-conversion dictionary is not counted) on one core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.core.documents.forms import recognise_forms  # noqa: E402
from jixiao.core.ingest.text import text_to_grid  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    n_forms = sum(len(recognise_forms(text_to_grid(t, n))[0]) for n, t in texts)  # warm-up
    stage1: list[float] = []
    stage2: list[float] = []
    for _ in range(args.repeat):
        t1 = t2 = 0.0
        for name, text in texts:
            a = time.perf_counter()
            grid = text_to_grid(text, name)
            b = time.perf_counter()
            recognise_forms(grid)
            c = time.perf_counter()
            t1 += b - a
            t2 += c - b
        stage1.append(t1)
        stage2.append(t2)
    s1, s2 = statistics.median(stage1), statistics.median(stage2)
    per_form = (s1 + s2) / n_forms
    print(f"corpus: {len(texts)} files, {n_forms} forms, {sum(len(t) for _, t in texts):,} characters")
    print(f"stage 1 text → grid     {s1 * 1000:8.2f} ms per corpus run")
    print(f"stage 2 grid → forms    {s2 * 1000:8.2f} ms per corpus run")
    print(f"per form                {per_form * 1000:8.3f} ms")
    print(f"throughput              {1 / per_form:8.0f} forms/s on one core (median of {args.repeat} runs)")


if __name__ == "__main__":
    main()
