"""PDFs with a text layer: the seeds printed as ruled tables (merged cells across and down,
tables across pages) read back field for field; bad PDFs get a clear message."""

from __future__ import annotations

import io
import json
from functools import cache

import pytest

from jixiao.core.errors import ParseError
from jixiao.core.evaluation import compare_accounts, compare_documents
from jixiao.core.extract import extract_bytes
from jixiao.core.serialize import extract_to_dict
from jixiao.fixtures import CJK_FONT, to_pdf
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


def test_a_long_pdf_is_bounded_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.core.ingest import pdf as reader

    def draw(c) -> None:
        for n in range(300):
            c.drawString(50, 800, f"page {n + 1}")
            c.showPage()

    monkeypatch.setattr(reader, "MAX_SECONDS", 0.0)
    result = extract_bytes(_canvas_pdf(draw), "long.pdf")
    assert any(
        "PDF 共 300 页，只读取了前 1 页" in w.message and "其余 299 页未读取" in w.message
        for w in result.warnings
    )


@pytest.mark.skipif(not __import__("pathlib").Path(CJK_FONT).exists(), reason="fonts-wqy-zenhei missing")
def test_pdfs_with_embedded_fonts_take_the_fast_path_and_read_99_percent() -> None:
    """Pages whose fonts are embedded (as office suites write them) are read through pdfium."""
    from jixiao.core.evaluation import Comparison

    total = Comparison()
    for stem in STEMS:
        data = to_pdf((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"), embed=True)
        golden = json.loads((GOLDEN / "extract" / f"{stem}.json").read_text(encoding="utf-8"))
        total.add(compare_documents(golden, extract_to_dict(extract_bytes(data, f"{stem}.pdf"))))
    assert total.accuracy >= 0.99, total.diffs
