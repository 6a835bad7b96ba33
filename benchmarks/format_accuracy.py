"""Field accuracy and speed per input format over the generated corpus.

Run: .venv/bin/python benchmarks/format_accuracy.py [--repeat N]

The seed documents are rendered into each office format by the generators of
`jixiao/fixtures.py` (XLSX with merged ranges and numbers as numbers, DOCX tables with merged
cells, HTML tables with colspan, PDF with a text layer and ruled tables, merged cells and
tables across pages) and read back; the golden files of the seeds are the truth. Prints, per
format: golden fields right (forms and 部门决算 tables), documents and MB per second read
(reading only; rendering is not timed), and for PDF pages per second. Beside jixiao's PDF reader,
the same PDFs through pdfplumber's own ``extract_tables()`` (what a user would try first), its
table rows fed to the same recognisers and scored by the same measure.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.core.evaluation import Comparison, compare_accounts, compare_documents  # noqa: E402
from jixiao.core.extract import extract_bytes, extract_grid  # noqa: E402
from jixiao.core.ingest.grid import Grid, Row  # noqa: E402
from jixiao.core.serialize import extract_to_dict  # noqa: E402
from jixiao.fixtures import CJK_FONT, FORMATS, to_pdf  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLDEN = ROOT / "tests" / "golden"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed reads of each document")
    parser.add_argument("--scans", type=int, default=1, help="seeds to scan and OCR (0: none; slow)")
    args = parser.parse_args()
    stems = sorted(p.stem for p in (GOLDEN / "extract").glob("*.json"))
    print(f"seeds: {len(stems)}; reads timed: {args.repeat} per document (best run)")
    print(f"{'format':<8}{'form fields':>18}{'accuracy':>10}{'accounts':>16}{'docs/s':>10}{'MB/s':>8}")
    embed = Path(CJK_FONT).exists()  # fonts embedded, as office suites write PDFs
    formats = {**FORMATS, "pdf": lambda text: to_pdf(text, embed=embed)}
    for fmt, render in formats.items():
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
        if fmt == "pdf":
            pages = sum(_pages(d) for _, d in files)
            print(f"{'':<8}{pages} pages: {pages / best:.1f} pages/s on one core")
            _pdfplumber_baseline(files, stems)
    if args.scans:
        _scans(sorted(stems, key=lambda s: s != "003_a2597ab0b6fde6fb"), args.scans)


def _pages(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _pdfplumber_baseline(files: list[tuple[str, bytes]], stems: list[str]) -> None:
    """pdfplumber's ``extract_tables()`` rows as the grid, through the same recognisers."""
    import pdfplumber

    forms = Comparison()
    start = time.perf_counter()
    pages = 0
    for stem, data in files:
        rows = []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                pages += 1
                for table in page.extract_tables():
                    for cells in table:
                        rows.append(Row(tuple(c or "" for c in cells), len(rows) + 1, page=number))
        got = extract_to_dict(extract_grid(Grid(f"{stem}.pdf", tuple(rows))))
        forms.add(
            compare_documents(json.loads((GOLDEN / "extract" / f"{stem}.json").read_text("utf-8")), got)
        )
    took = time.perf_counter() - start
    print(
        f"{'pdfplumber extract_tables()':<28}{forms.right:>6}/{forms.total:<6}{forms.accuracy:>8.2%}"
        f"   {pages / took:.1f} pages/s (tables only: titles and text outside tables are not returned)"
    )
    print("camelot: not measured (needs Ghostscript/OpenCV; see the issue note)")


def _scans(stems: list[str], count: int) -> None:
    """Scanned PDFs (200 dpi, tilted, blurred, speckled) read by OCR: accuracy and pages/s."""
    from jixiao.core.extract import extract_bytes as read
    from jixiao.fixtures import to_scanned_pdf

    forms = Comparison()
    pages = doubtful = 0
    took = 0.0
    for stem in stems[:count]:
        data = to_scanned_pdf((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
        pages += _pages(data)
        read(data, "warm-up.pdf") if took == 0 else None  # load the OCR models once, untimed
        start = time.perf_counter()
        result = read(data, f"{stem}.pdf")
        took += time.perf_counter() - start
        doubtful += sum(1 for w in result.warnings if "置信度低" in w.message)
        forms.add(
            compare_documents(
                json.loads((GOLDEN / "extract" / f"{stem}.json").read_text("utf-8")), extract_to_dict(result)
            )
        )
    print(
        f"{'scan':<8}{forms.right:>9}/{forms.total:<8}{forms.accuracy:>10.2%}"
        f"   {pages} pages: {pages / took:.2f} pages/s; {doubtful} low-confidence recognitions flagged"
    )
    for path, expected, got in forms.diffs[:5]:
        print(f"    {path}: expected {expected!r}, got {str(got)[:60]!r}")


if __name__ == "__main__":
    main()
