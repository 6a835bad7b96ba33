"""PDFs with a text layer: the seeds printed as ruled tables (merged cells across and down,
tables across pages) read back field for field; bad PDFs get a clear message."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
from functools import cache

import pytest

from jixiao.core.errors import ParseError
from jixiao.core.evaluation import compare_accounts, compare_documents
from jixiao.core.extract import SETTINGS, extract_bytes
from jixiao.core.serialize import extract_to_dict
from jixiao.fixtures import to_pdf
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
GOLDEN = ROOT / "tests" / "golden"
STEMS = sorted(p.stem for p in (GOLDEN / "extract").glob("*.json"))


@cache
def printed(stem: str) -> bytes:
    return to_pdf((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", STEMS)
def test_seed_forms_read_back_from_a_printed_pdf(stem: str) -> None:
    got = extract_to_dict(extract_bytes(printed(stem), f"{stem}.pdf"))
    golden = json.loads((GOLDEN / "extract" / f"{stem}.json").read_text(encoding="utf-8"))
    assert compare_documents(golden, got).diffs == []
    accounts = GOLDEN / "accounts" / f"{stem}.json"
    if accounts.exists():
        assert compare_accounts(json.loads(accounts.read_text(encoding="utf-8")), got).diffs == []


def test_pdf_locations_name_the_page() -> None:
    result = extract_bytes(printed(STEMS[0]), "a.pdf")
    last = result.forms[-1]
    assert last.funds is not None and last.funds.total.refs["executed"].page > 1
    assert str(last.funds.total.refs["executed"]).startswith("a.pdf:p")


def _canvas_pdf(draw, **options) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, **options)
    draw(pdf)
    pdf.save()
    return out.getvalue()


def test_bad_pdfs_get_a_clear_message() -> None:
    encrypted = _canvas_pdf(lambda c: c.drawString(50, 800, "secret"), encrypt="pw")
    with pytest.raises(ParseError, match="密码保护"):
        extract_bytes(encrypted, "e.pdf")
    with pytest.raises(ParseError, match="已损坏"):
        extract_bytes(b"%PDF-1.4\n this is not a pdf", "c.pdf")
    scan = _canvas_pdf(lambda c: c.rect(50, 50, 400, 600))
    with pytest.raises(ParseError, match="没有可读取的文字"):
        extract_bytes(scan, "s.pdf")


def test_a_page_without_text_among_others_is_a_warning() -> None:
    def draw(c) -> None:
        c.drawString(50, 800, "note")
        c.showPage()
        c.rect(50, 50, 400, 600)

    result = extract_bytes(_canvas_pdf(draw), "m.pdf")
    assert any("第 2 页没有文字层" in w.message for w in result.warnings)


def test_a_long_pdf_is_bounded_in_time() -> None:
    def draw(c) -> None:
        for n in range(300):
            c.drawString(50, 800, f"page {n + 1}")
            c.showPage()

    settings = dataclasses.replace(SETTINGS, max_seconds=0.0)
    result = extract_bytes(_canvas_pdf(draw), "long.pdf", settings)
    assert any(
        "PDF 共 300 页，只读取了前 1 页" in w.message and "其余 299 页未读取" in w.message
        for w in result.warnings
    )


@pytest.mark.parametrize("stem", STEMS)
def test_pdfs_with_embedded_fonts_take_the_fast_path_and_read_every_field(stem: str) -> None:
    """Pages whose fonts are embedded (as office suites write them) are read through pdfium."""
    data = to_pdf((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"), embed=True)
    golden = json.loads((GOLDEN / "extract" / f"{stem}.json").read_text(encoding="utf-8"))
    assert compare_documents(golden, extract_to_dict(extract_bytes(data, f"{stem}.pdf"))).diffs == []


# ---------------------------------------------------------------- ruled tables drawn cell by cell

Cell = list[str]  # the lines of a cell


def _ruled_pdf(pages: list[list[list[Cell]]], *, embed: bool, pad: float = 3.0, size: float = 10.0) -> bytes:
    """Pages of one ruled table, each cell's lines drawn as given (left-aligned, or right-aligned
    when a line is a number), columns just wide enough for their longest line, as a word
    processor lays out a table whose rows it cuts at page breaks."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from jixiao.fixtures import _pdf_font

    font = _pdf_font(embed)
    lead = size * 1.2
    columns = max(len(row) for rows in pages for row in rows)
    widths = [
        max(
            (
                stringWidth(line, font, size)
                for rows in pages
                for row in rows
                if c < len(row)
                for line in row[c]
            ),
            default=20,
        )
        + 2 * pad
        + 1
        for c in range(columns)
    ]

    def draw(pdf) -> None:
        for rows in pages:
            pdf.setFont(font, size)
            y = 800.0
            for row in rows:
                height = max(len(cell) for cell in row) * lead + 2 * pad
                x = 40.0
                pdf.line(x, y, x + sum(widths), y)
                pdf.line(x, y - height, x + sum(widths), y - height)
                for c, width in enumerate(widths):
                    pdf.line(x, y, x, y - height)
                    for k, line in enumerate(row[c] if c < len(row) else []):
                        baseline = y - pad - size - k * lead
                        if line.replace(".", "").isdigit():
                            pdf.drawRightString(x + width - 0.5, baseline, line)
                        else:
                            pdf.drawString(x + pad, baseline, line)
                    x += width
                pdf.line(x, y, x, y - height)
                y -= height
            pdf.showPage()

    return _canvas_pdf(draw)


def _cells(data: bytes) -> list[tuple[str, ...]]:
    from jixiao.core.ingest.pdf import pdf_to_grid

    return [row.cells for row in pdf_to_grid(data, "t.pdf").grid.rows]


EMBEDDINGS = [False, True]  # the CJK font named only, or embedded (a dev dependency's font)


@pytest.mark.parametrize("embed", EMBEDDINGS)
def test_a_number_against_a_rule_and_the_next_cells_text_are_two_cells(embed: bool) -> None:
    """Right-aligned against the rule, "18.00" nearly touches the next cell's text."""
    data = _ruled_pdf([[[["分值"], ["说明"]], [["18.00"], ["人口净流出"]]]], embed=embed, pad=0.5)
    assert _cells(data) == [("分值", "说明"), ("18.00", "人口净流出")]


@pytest.mark.parametrize("embed", EMBEDDINGS)
def test_a_row_cut_at_a_page_break_is_joined_and_rows_that_were_not_are_kept_apart(embed: bool) -> None:
    page_1 = [
        [["指标"], ["说明"]],
        [["甲"], ["第一行写满了字", "第二行也写满了"]],  # cut at the foot of the page: full lines
    ]
    page_2 = [
        [[], ["然后在这页写完"]],
        [["乙"], ["短"]],
    ]
    page_3 = [[["丙"], ["又一行"]]]  # a new row: 乙's "短" is no wrapped line
    assert _cells(_ruled_pdf([page_1, page_2, page_3], embed=embed)) == [
        ("指标", "说明"),
        ("甲", "第一行写满了字第二行也写满了然后在这页写完"),
        ("乙", "短"),
        ("丙", "又一行"),
    ]


@pytest.mark.parametrize("embed", EMBEDDINGS)
def test_hyphens_ending_a_line_and_glyphs_drawn_twice_read_as_printed(embed: bool) -> None:
    """pdfium marks a hyphen that ends a line as a soft hyphen; a glyph drawn twice at nearly
    the same place (fake bold) is one character, not two."""
    data = _ruled_pdf([[[["说明"]], [["fifty-", "five"]], [["abc-"]], [["x"]]]], embed=embed)
    assert _cells(data) == [("说明",), ("fifty-five",), ("abc-",), ("x",)]

    def bold(pdf) -> None:
        from jixiao.fixtures import _pdf_font

        pdf.setFont(_pdf_font(embed), 10)
        for dx in (0, 0.3):
            pdf.drawString(100 + dx, 700, "合计")

    assert _cells(_canvas_pdf(bold)) == [("合计",)]


# ---------------------------------------------------------------- PDFs printed by LibreOffice

needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed: bash benchmarks/setup.sh"
)


@needs_office
@pytest.mark.parametrize(
    ("stem", "fmt"),
    [(stem, "xlsx") for stem in STEMS] + [(STEMS[0], "docx"), (STEMS[1], "docx"), (STEMS[3], "docx")],
)
def test_seeds_printed_to_pdf_by_libreoffice_read_back_field_for_field(stem: str, fmt: str) -> None:
    """Calc fits the sheet to the page width (small type, numbers against the rules); Writer cuts
    table rows at page breaks (a cell's text continues on the next page)."""
    from jixiao.fixtures import to_docx, to_pdf_via_office, to_xlsx

    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    data = to_pdf_via_office((to_xlsx if fmt == "xlsx" else to_docx)(text), fmt)
    got = extract_to_dict(extract_bytes(data, f"{stem}.pdf"))
    golden = json.loads((GOLDEN / "extract" / f"{stem}.json").read_text(encoding="utf-8"))
    assert compare_documents(golden, got).diffs == []
    accounts = GOLDEN / "accounts" / f"{stem}.json"
    if accounts.exists():
        assert compare_accounts(json.loads(accounts.read_text(encoding="utf-8")), got).diffs == []


def test_printing_through_libreoffice_without_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jixiao import fixtures

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(FileNotFoundError, match="libreoffice-calc-nogui"):
        fixtures.to_pdf_via_office(b"", "xlsx")
