"""Scans: a seed printed, rasterised at 200 dpi, tilted, blurred and speckled, read by OCR.

The seed is printed with real glyphs in the CJK font of a development dependency
(``jixiao.fixtures.CJK_FONT``): no font of the machine is needed.
"""

from __future__ import annotations

import dataclasses
import io
import json
from functools import cache

import pytest

from jixiao.core.errors import ParseError
from jixiao.core.evaluation import compare_documents
from jixiao.core.extract import SETTINGS, extract_bytes
from jixiao.core.serialize import extract_to_dict
from jixiao.fixtures import to_scan_png, to_scanned_pdf
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.integration
STEM = "003_a2597ab0b6fde6fb"


@cache
def text() -> str:
    return (SEEDS / f"{STEM}.txt").read_text(encoding="utf-8")


def test_a_scanned_pdf_reads_at_least_95_percent_of_the_fields() -> None:
    result = extract_bytes(to_scanned_pdf(text()), f"{STEM}.pdf")
    golden = json.loads((ROOT / "tests/golden/extract" / f"{STEM}.json").read_text(encoding="utf-8"))
    comparison = compare_documents(golden, extract_to_dict(result))
    assert comparison.accuracy >= 0.95, comparison.diffs
    doubtful = [w for w in result.warnings if "识别置信度低" in w.message]
    assert all(w.location is not None and w.location.page for w in doubtful)
    # A figure the OCR corrected is reported as corrected, never as a reading of confidence 0.
    assert not any("置信度低（0.00）" in w.message for w in result.warnings)


def test_every_reading_below_the_confidence_threshold_is_reported_with_its_page() -> None:
    settings = dataclasses.replace(SETTINGS, min_confidence=1.01)  # no reading is that sure: all reported
    result = extract_bytes(to_scan_png(text(), page=1), "scan.png", settings)
    doubtful = [w for w in result.warnings if "识别置信度低" in w.message]
    assert len(doubtful) >= 40 and all(w.location is not None and w.location.page == 1 for w in doubtful)
    assert any("城乡居民参加基本医疗保险" in w.message for w in doubtful)


def test_a_png_scan_gives_the_forms_of_its_page() -> None:
    result = extract_bytes(to_scan_png(text(), page=1), "scan.png")
    form = result.forms[0]
    golden = json.loads((ROOT / "tests/golden/extract" / f"{STEM}.json").read_text(encoding="utf-8"))
    # What the first page shows of the first form (its indicators go on over the next page).
    shown = {k: v for k, v in golden["forms"][0].items() if k in ("project", "department", "funds", "goals")}
    comparison = compare_documents(
        {"forms": [shown]}, {"forms": extract_to_dict(result)["forms"][:1]}, scan=True
    )
    assert comparison.total >= 20 and comparison.accuracy >= 0.9, comparison.diffs
    printed = "城乡居民参加基本医疗保险县级配套资金"
    assert (
        len(form.project) == len(printed)
        and sum(a != b for a, b in zip(form.project, printed, strict=True)) <= 1
    )
    assert form.funds is not None and str(form.funds.total.executed) == "300"


def test_an_image_without_a_form_is_explained() -> None:
    from PIL import Image

    cat = Image.new("RGB", (640, 480), (200, 150, 90))
    out = io.BytesIO()
    cat.save(out, format="JPEG")
    with pytest.raises(ParseError, match="没有文字或表格"):
        extract_bytes(out.getvalue(), "cat.jpg")
    with pytest.raises(ParseError, match="图片已损坏"):
        extract_bytes(b"\x89PNG\r\n\x1a\n broken", "broken.png")


def test_a_table_row_cut_at_a_page_break_is_joined_on_a_scan_too() -> None:
    """A word processor cuts a table row at the foot of a page; scanned, its rest at the top of
    the next page is joined to it as on the text layer."""
    import pypdfium2 as pdfium

    from tests.integration.test_pdf import _ruled_pdf

    page_1 = [[["指标"], ["说明"]], [["甲"], ["第一行写满了字", "第二行也写满了"]]]
    page_2 = [[[], ["然后在这页写完"]], [["乙"], ["短"]]]
    page_3 = [[["丙"], ["又一行"]]]
    document = pdfium.PdfDocument(_ruled_pdf([page_1, page_2, page_3], embed=True))
    images = [page.render(scale=200 / 72).to_pil().convert("L") for page in document]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=200)
    from jixiao.core.ingest.ocr import ScanReader
    from jixiao.core.ingest.pdf import pdf_to_grid

    read = pdf_to_grid(out.getvalue(), "cut.pdf", ScanReader(SETTINGS)).grid.rows
    rows = [row.cells for row in read]
    width, height = document[0].get_width(), document[0].get_height()  # points
    for row in read:  # every cell with its box on the page, in points
        assert row.boxes is not None and len(row.boxes) == len(row.cells)
        for x0, top, x1, bottom in filter(None, row.boxes):
            assert 0 <= x0 < x1 <= width + 1 and 0 <= top < bottom <= height + 1
    assert rows == [
        ("指标", "说明"),
        ("甲", "第一行写满了字第二行也写满了然后在这页写完"),
        ("乙", "短"),
        ("丙", "又一行"),
    ]
