"""Field accuracy and speed per input format over the generated corpus.

Run: .venv/bin/python benchmarks/format_accuracy.py [--repeat N]

The seed documents are rendered into each office format by the generators of
`jixiao/fixtures.py` (XLSX with merged ranges and numbers as numbers, DOCX tables with merged
cells, HTML tables with colspan) and read back; the golden files of the seeds are the truth.
Prints, per format: golden fields right (forms and 部门决算 tables), and documents and MB per
second read (reading only; rendering is not timed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.core.evaluation import Comparison, compare_accounts, compare_documents  # noqa: E402
from jixiao.core.extract import extract_bytes  # noqa: E402
from jixiao.core.serialize import extract_to_dict  # noqa: E402
from jixiao.fixtures import FORMATS  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLDEN = ROOT / "tests" / "golden"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed reads of each document")
    args = parser.parse_args()
    stems = sorted(p.stem for p in (GOLDEN / "extract").glob("*.json"))
    print(f"seeds: {len(stems)}; reads timed: {args.repeat} per document (best run)")
    print(f"{'format':<8}{'form fields':>18}{'accuracy':>10}{'accounts':>16}{'docs/s':>10}{'MB/s':>8}")
    for fmt, render in FORMATS.items():
        forms, accounts = Comparison(), Comparison()
        files = [(stem, render((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))) for stem in stems]
        for stem, data in files:
            got = extract_to_dict(extract_bytes(data, f"{stem}.{fmt}"))
            forms.add(
                compare_documents(json.loads((GOLDEN / "extract" / f"{stem}.json").read_text("utf-8")), got)
            )
            golden_accounts = GOLDEN / "accounts" / f"{stem}.json"
            if golden_accounts.exists():
                accounts.add(compare_accounts(json.loads(golden_accounts.read_text("utf-8")), got))
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            for stem, data in files:
                extract_bytes(data, f"{stem}.{fmt}")
            best = min(best, time.perf_counter() - start)
        size = sum(len(d) for _, d in files) / 1e6
        print(
            f"{fmt:<8}{forms.right:>9}/{forms.total:<8}{forms.accuracy:>10.2%}"
            f"{accounts.right:>8}/{accounts.total:<7}{len(files) / best:>10.1f}{size / best:>8.2f}"
        )
        for path, expected, got in forms.diffs[:3]:
            print(f"    {path}: expected {expected!r}, got {str(got)[:60]!r}")


if __name__ == "__main__":
    main()
