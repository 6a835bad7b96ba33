"""Inputs that cannot be read, or only in part, say what happened: scans as TIFF (every page)
and GIF, images too large (and the limit) or too small to hold text, PDFs whose page tree or
pages are damaged (which pages)."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest

from jixiao.core.errors import ParseError
from jixiao.core.extract import SETTINGS, extract_bytes
from jixiao.core.ingest.read import detect_format, read_bytes
from jixiao.fixtures import to_pdf
from tests.conftest import SEEDS
from tests.integration.test_pdf import _ruled_pdf

pytestmark = pytest.mark.integration

PAGES = [
    [[["指标"], ["说明"]], [["甲"], ["第一行写满了字", "第二行也写满了"]]],
    [[[], ["然后在这页写完"]], [["乙"], ["短"]]],
]


def _scans() -> list:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(_ruled_pdf(PAGES, embed=True))
    return [page.render(scale=200 / 72).to_pil().convert("L") for page in document]


def test_a_multi_page_tiff_is_read_page_by_page_like_a_scanned_pdf() -> None:
    first, *rest = _scans()
    out = io.BytesIO()
    first.save(out, format="TIFF", save_all=True, append_images=rest, dpi=(200, 200), compression="tiff_lzw")
    assert detect_format(out.getvalue()) == "tiff"
    reading = read_bytes(out.getvalue(), "fax.tif", SETTINGS)
    assert reading.pages == 2
    assert [row.cells for row in reading.grid.rows] == [
        ("指标", "说明"),
        ("甲", "第一行写满了字第二行也写满了然后在这页写完"),
        ("乙", "短"),
    ]
    assert {row.page for row in reading.grid.rows} == {1, 2}


def test_a_gif_scan_is_read() -> None:
    out = io.BytesIO()
    _scans()[1].save(out, format="GIF")
    assert detect_format(out.getvalue()) == "gif"
    assert [row.cells for row in read_bytes(out.getvalue(), "scan.gif", SETTINGS).grid.rows] == [
        ("", "然后在这页写完"),
        ("乙", "短"),
    ]


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (width, height), 1).save(out, format="PNG")
    return out.getvalue()


def test_an_image_too_large_says_so_and_names_the_limit() -> None:
    settings = dataclasses.replace(SETTINGS, max_pixels=1000)
    # 40 × 40 is over the limit; 100 × 100 over twice the limit (PIL's own bomb check)
    for size, shown in ((40, "40×40 像素"), (100, "10,000 像素")):
        with pytest.raises(ParseError, match=re.escape(f"图片过大（{shown}，上限为 1,000 像素）")):
            extract_bytes(_png(size, size), "big.png", settings)


def test_an_image_too_small_to_hold_text_has_nothing_to_read() -> None:
    with pytest.raises(ParseError, match="图片共 1 页，未识别出文字") as caught:
        extract_bytes(_png(1, 1), "dot.png")
    assert "内部错误" not in str(caught.value) and "识别出错" not in str(caught.value)


def test_a_pdf_whose_page_tree_is_a_cycle_is_damaged() -> None:
    cyclic = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    with pytest.raises(ParseError, match=r"PDF 已损坏.*第 1 页无法打开"):
        extract_bytes(cyclic, "cyclic.pdf")


def test_a_pdf_damaged_in_the_middle_names_the_pages_it_could_not_read() -> None:
    data = to_pdf((SEEDS / "000_ff9771ed16f1acda.txt").read_text(encoding="utf-8"))
    whole = extract_bytes(data, "ok.pdf")
    assert not whole.warnings
    middle = len(data) // 2
    damaged = data[:middle] + b"\0" * 2000 + data[middle + 2000 :]
    result = extract_bytes(damaged, "bad.pdf")
    assert len(result.forms) < len(whole.forms)  # a form lost with its page …
    named = [w for w in result.warnings if "已损坏" in w.message]
    assert named and all(w.location is not None and w.location.page for w in named)  # … and said so
    assert any(f"第 {w.location.page} 页已损坏（内容流无法解码）" in w.message for w in named)
