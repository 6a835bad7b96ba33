"""Field accuracy and speed per input format over the generated corpus.

Run: .venv/bin/python benchmarks/format_accuracy.py [--repeat N] [--scans N] [--scan-dpi 150,200]
     [--scan-repeat N]
(LibreOffice and camelot, for the office-printed PDFs and the camelot baseline:
bash benchmarks/setup.sh)

The seed documents are rendered into each office format by the generators of
`jixiao/fixtures/` (XLSX with merged ranges and numbers as numbers, DOCX tables with merged
cells, HTML tables with colspan, PDF with a text layer and ruled tables, merged cells and
tables across pages: "pdf" with its CJK font embedded, "pdf*" naming it only) and read
back; the golden files of the seeds are the truth. The XLSX and
DOCX files are also printed to PDF by LibreOffice headless ("xlsx→pdf", "docx→pdf": fonts
subset-embedded, rows of Writer tables cut at page breaks) when ``soffice`` is installed. Prints,
per format: golden fields right (forms and 部门决算 tables), documents and MB per second read
(reading only; rendering is not timed), and for PDFs pages per second. Beside jixiao's PDF
reader, the same PDFs through pdfplumber's own ``extract_tables()`` (what a user would try
first) and camelot's lattice tables, their table rows fed to the same recognisers and scored by
the same measure. Then every seed printed, "scanned" at 150 and 200 dpi (tilted 0.6°, blurred,
speckled) and read by OCR with the models on one thread: the per-core pages/s (each scan read
twice, the faster read counted), and accuracy as exact text and as text read off an image
(full- and half-width forms alike).
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.core.evaluation import Comparison, compare_accounts, compare_documents  # noqa: E402
from jixiao.core.extract import SETTINGS, extract_bytes, extract_grid  # noqa: E402
from jixiao.core.ingest.grid import Grid, Row  # noqa: E402
from jixiao.core.ingest.read import read_bytes  # noqa: E402
from jixiao.core.model import ExtractResult  # noqa: E402
from jixiao.core.serialize import extract_to_dict  # noqa: E402
from jixiao.fixtures import CJK_FONT, FORMATS, to_docx, to_pdf, to_pdf_via_office, to_xlsx  # noqa: E402

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLDEN = ROOT / "tests" / "golden"
SETUP = "bash benchmarks/setup.sh"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed reads of each document")
    parser.add_argument("--scans", type=int, default=5, help="seeds to scan and OCR (0: none; ~2 s a page)")
    parser.add_argument("--scan-dpi", default="150,200", help="scan resolutions, comma-separated")
    parser.add_argument("--scan-repeat", type=int, default=2, help="timed reads of each scan (best run)")
    args = parser.parse_args()
    stems = sorted(p.stem for p in (GOLDEN / "extract").glob("*.json"))
    print(f"seeds: {len(stems)}; reads timed: {args.repeat} per document (best run)")
    print(f"{'format':<10}{'form fields':>16}{'accuracy':>10}{'accounts':>16}{'docs/s':>10}{'MB/s':>8}")
    embed = Path(CJK_FONT).exists()  # fonts embedded, as office suites write PDFs
    formats: dict[str, Callable[[str], bytes]] = {
        **FORMATS,
        "pdf": lambda text: to_pdf(text, embed=embed),
        "pdf*": lambda text: to_pdf(text, embed=False),  # the CJK font named, not embedded
    }
    office = shutil.which("soffice") is not None
    if office:
        formats["xlsx→pdf"] = lambda text: to_pdf_via_office(to_xlsx(text), "xlsx")
        formats["docx→pdf"] = lambda text: to_pdf_via_office(to_docx(text), "docx")
    for fmt, render in formats.items():
        suffix = fmt.rsplit("→", 1)[-1].rstrip("*")
        with ThreadPoolExecutor(os.cpu_count() if "→" in fmt else 1) as pool:  # LibreOffice: a process each
            texts = [(SEEDS / f"{stem}.txt").read_text(encoding="utf-8") for stem in stems]
            files = list(zip(stems, pool.map(render, texts), strict=True))
        forms, accounts = _score(
            files, lambda stem, data, suffix=suffix: extract_bytes(data, f"{stem}.{suffix}")
        )
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            for stem, data in files:
                extract_bytes(data, f"{stem}.{suffix}")
            best = min(best, time.perf_counter() - start)
        size = sum(len(d) for _, d in files) / 1e6
        print(
            f"{fmt:<10}{forms.right:>7}/{forms.total:<8}{forms.accuracy:>10.2%}"
            f"{accounts.right:>8}/{accounts.total:<7}{len(files) / best:>10.1f}{size / best:>8.2f}"
        )
        for path, expected, got in forms.diffs[:3]:
            print(f"    {path}: expected {expected!r}, got {str(got)[:60]!r}")
        if suffix == "pdf":
            pages = sum(_pages(d) for _, d in files)
            note = "; pdf*: the same PDFs, fonts not embedded" if fmt == "pdf*" else ""
            print(f"{'':<10}{pages} pages: {pages / best:.1f} pages/s on one core{note}")
            if fmt != "pdf*":  # the same tables as "pdf"
                _baselines(files, pages)
    if not office:
        print(f"xlsx→pdf, docx→pdf: not measured (LibreOffice's soffice is not installed: {SETUP})")
    if args.scans:
        for dpi in (int(d) for d in args.scan_dpi.split(",")):
            _scans(
                sorted(stems, key=lambda s: s != "003_a2597ab0b6fde6fb"), args.scans, dpi, args.scan_repeat
            )


def _golden(stem: str) -> tuple[dict, dict | None]:
    """A seed's golden extraction, and its golden 部门决算 tables if it has them."""
    accounts = GOLDEN / "accounts" / f"{stem}.json"
    return (
        json.loads((GOLDEN / "extract" / f"{stem}.json").read_text("utf-8")),
        json.loads(accounts.read_text("utf-8")) if accounts.exists() else None,
    )


def _score(
    files: list[tuple[str, bytes]], read: Callable[[str, bytes], object]
) -> tuple[Comparison, Comparison]:
    """Golden fields right in each file's reading: forms, and 部门决算 tables where a seed has them."""
    forms, accounts = Comparison(), Comparison()
    for stem, data in files:
        got = extract_to_dict(read(stem, data))  # type: ignore[arg-type]
        golden, golden_accounts = _golden(stem)
        forms.add(compare_documents(golden, got))
        if golden_accounts is not None:
            accounts.add(compare_accounts(golden_accounts, got))
    return forms, accounts


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(data))


def _plumber_tables(data: bytes) -> Iterator[tuple[int, list[list[str | None]]]]:
    """pdfplumber's ``extract_tables()``: (page, rows) of every table."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for table in page.extract_tables():
                yield number, table


def _camelot_tables(data: bytes) -> Iterator[tuple[int, list[list[str | None]]]]:
    """camelot's lattice tables (ruled tables, from the page image's lines): (page, rows)."""
    import camelot

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(path), pages="all", flavor="lattice")
        for table in tables:
            yield int(table.page), table.df.values.tolist()


#: The table extractors measured beside jixiao: (module, how to install it, reader of its tables).
BASELINES: dict[str, tuple[str, str, Callable[[bytes], Iterator[tuple[int, list[list[str | None]]]]]]] = {
    "pdfplumber extract_tables()": ("pdfplumber", "pdfplumber", _plumber_tables),
    "camelot lattice": ("camelot", "camelot-py", _camelot_tables),
}


def _installed(module: str) -> bool:
    """Whether ``module`` can be imported (a baseline not installed is skipped, not fatal)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, or without a spec
        return False


def _baselines(files: list[tuple[str, bytes]], pages: int) -> None:
    """Table extractors' rows as the grid, through the same recognisers, scored the same way."""
    extractors = {name: read for name, (module, _, read) in BASELINES.items() if _installed(module)}
    for name, tables in extractors.items():
        took = 0.0

        def read(stem: str, data: bytes, tables: Callable = tables) -> object:
            nonlocal took
            start = time.perf_counter()
            rows = [
                Row(tuple(c or "" for c in cells), n, page=page)
                for n, (page, cells) in enumerate(((p, c) for p, t in tables(data) for c in t), start=1)
            ]
            result = extract_grid(Grid(f"{stem}.pdf", tuple(rows)))
            took += time.perf_counter() - start
            return result

        forms, accounts = _score(files, read)
        print(
            f"  {name:<28}{forms.right:>5}/{forms.total:<6}{forms.accuracy:>8.2%}"
            f"{accounts.right:>6}/{accounts.total:<5}{pages / took:>7.1f} pages/s"
        )
    for name, (module, package, _) in BASELINES.items():
        if name not in extractors:
            print(f"  {module}: not installed ({SETUP}, or .venv/bin/pip install {package})")
    print("  (table extractors: titles and text outside tables are not returned)")


def _prose(grid: Grid) -> str:
    """The running text of a reading: its rows of one cell and more than 30 characters,
    as read off an image (NFKC, no spaces)."""
    lines = [row.cells[0] for row in grid.rows if len(row.cells) == 1 and len(row.cells[0]) > 30]
    return "".join(unicodedata.normalize("NFKC", line) for line in lines).replace(" ", "")


def _read(data: bytes, source: str) -> tuple[ExtractResult, Grid]:
    """What ``extract_bytes`` gives, and the grid stage 1 read (for its running text)."""
    reading = read_bytes(data, source, SETTINGS)
    result = extract_grid(reading.grid)
    return dataclasses.replace(result, warnings=(*result.warnings, *reading.warnings)), reading.grid


@cache
def _printed_prose(stem: str) -> str:
    """The running text of a seed as its text-layer PDF reads (the truth for its scans; read
    once for every resolution)."""
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    return _prose(_read(to_pdf(text, embed=True), f"{stem}.pdf")[1])


def _character_errors(expected: str, got: str) -> int:
    """Characters to change, add or drop to turn ``got`` into ``expected``."""
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(max(i1 - i0, j1 - j0) for op, i0, i1, j0, j1 in matcher.get_opcodes() if op != "equal")


def _scans(stems: list[str], count: int, dpi: int, repeat: int = 2) -> None:
    """Scanned PDFs (``dpi``, tilted, blurred, speckled) read by OCR on one core: accuracy (as
    exact text, and as text read off an image, where "：" and ":" are one), the characters of
    the running text read right (against the same document's text layer), and pages/s: each
    document read ``repeat`` times, its fastest read counted, as for the other formats (this
    machine's speed varies by a third from one minute to the next)."""
    os.environ.setdefault("JIXIAO_OCR_THREADS", "1")  # the per-core figure: models on one thread
    from jixiao.core.ingest.ocr.models import models
    from jixiao.fixtures import to_scanned_pdf

    models()  # load the models once, untimed
    exact, as_read, accounts = Comparison(), Comparison(), Comparison()
    pages = doubtful = characters = errors = 0
    took = cpu = 0.0
    for stem in stems[:count]:
        text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        data = to_scanned_pdf(text, dpi=dpi)
        pages += _pages(data)
        fastest, fastest_cpu = float("inf"), float("inf")
        for _ in range(max(repeat, 1)):
            start, start_cpu = time.perf_counter(), time.process_time()
            result, grid = _read(data, f"{stem}.pdf")
            fastest = min(fastest, time.perf_counter() - start)
            fastest_cpu = min(fastest_cpu, time.process_time() - start_cpu)
        took += fastest
        cpu += fastest_cpu
        doubtful += sum(1 for w in result.warnings if "置信度低" in w.message)
        golden, golden_accounts = _golden(stem)
        got = extract_to_dict(result)
        exact.add(compare_documents(golden, got))
        as_read.add(compare_documents(golden, got, scan=True))
        if golden_accounts is not None:
            accounts.add(compare_accounts(golden_accounts, got, scan=True))
        printed = _printed_prose(stem)
        characters += len(printed)
        errors += _character_errors(printed, _prose(grid))
    print(
        f"{f'scan{dpi}':<8}{exact.right:>9}/{exact.total:<8}{exact.accuracy:>10.2%}"
        f"{accounts.right:>8}/{accounts.total:<7}   {len(stems[:count])} seeds, {pages} pages: "
        f"{pages / took:.2f} pages/s on one core ({pages / cpu:.2f} per CPU-second; best of {repeat} reads)"
    )
    print(
        f"{'':<8}as read (full/half width alike): {as_read.right}/{as_read.total} {as_read.accuracy:.2%};"
        f" {doubtful} low-confidence recognitions flagged"
    )
    print(
        f"{'':<8}running text: {1 - errors / max(characters, 1):.2%} of {characters} characters read right"
        " (against the text layer of the same print)"
    )
    for path, expected, got in as_read.diffs[:5]:
        print(f"    {path}: expected {expected!r}, got {str(got)[:60]!r}")


if __name__ == "__main__":
    main()
