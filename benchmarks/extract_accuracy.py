"""Field-level extraction accuracy over the golden files, per seed and per text layout.

Run: .venv/bin/python benchmarks/extract_accuracy.py [--diffs N]

Prints, for each layout variant of the seed corpus (tabs as published, "|" rows, runs of
spaces with blank cells lost, one cell per line, flattened rows, traditional characters,
page markers), the share of golden fields extracted right, and the first differences; then
the same for the 部门决算 tables (tests/golden/accounts).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.core.evaluation import Comparison, compare_accounts, compare_documents  # noqa: E402
from jixiao.core.extract import extract_bytes  # noqa: E402
from jixiao.core.serialize import extract_to_dict  # noqa: E402
from jixiao.fixtures import VARIANTS, traditional_golden  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLDEN = ROOT / "tests" / "golden" / "extract"
ACCOUNTS = ROOT / "tests" / "golden" / "accounts"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diffs", type=int, default=3, help="differences to show per variant")
    args = parser.parse_args()
    for title, folder, compare in (
        ("forms", GOLDEN, compare_documents),
        ("final accounts (公开01–09)", ACCOUNTS, compare_accounts),
    ):
        stems = sorted(p.stem for p in folder.glob("*.json"))
        print(f"{title} — golden files: {len(stems)}, seed corpus: {SEEDS}")
        print(f"{'variant':<20}{'fields right':>16}{'accuracy':>10}   per seed")
        for name, transform in VARIANTS.items():
            total = Comparison()
            per_seed = []
            for stem in stems:
                golden = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
                if name == "traditional":
                    golden = traditional_golden(golden)
                text = transform((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
                result = extract_to_dict(extract_bytes(text.encode(), f"{stem}.txt"))
                comparison = compare(golden, result)
                total.add(comparison)
                per_seed.append(f"{stem[:3]} {comparison.accuracy:.1%}")
            print(
                f"{name:<20}{total.right:>8}/{total.total:<7}{total.accuracy:>10.2%}   {', '.join(per_seed)}"
            )
            for path, expected, got in total.diffs[: args.diffs]:
                print(f"    {path}: expected {expected!r}, got {str(got)[:80]!r}")
        print()


if __name__ == "__main__":
    main()
