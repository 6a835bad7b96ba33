"""Stage 1 on its own: the readers' settings, the boxes of cells, and honest OCR reports."""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.core.errors import ParseError
from jixiao.core.extract import SETTINGS, extract_bytes
from jixiao.core.ingest.notes import Correction, warnings_of
from jixiao.core.ingest.ocr.corrections import read_table, reread
from jixiao.core.ingest.pdf import pdf_to_grid
from jixiao.core.ingest.read import read_bytes
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings
from jixiao.fixtures import to_pdf
from tests.conftest import SEEDS
from tests.integration.test_pdf import _canvas_pdf, _ruled_pdf


def _two_words() -> bytes:
    """One line of text: two words 60 points apart."""

    def draw(c) -> None:
        c.setFont("Helvetica", 10)
        c.drawString(50, 800, "Budget")
        c.drawString(150, 800, "Executed")

    return _canvas_pdf(draw)


def test_the_default_settings_are_what_the_readers_use_without_settings() -> None:
    data = _ruled_pdf([[[["分值"], ["说明"]], [["18.00"], ["人口净流出"]]]], embed=False, pad=0.5)
    assert ReaderSettings() == DEFAULT_SETTINGS
    plain = pdf_to_grid(data, "t.pdf").grid.rows
    assert pdf_to_grid(data, "t.pdf", settings=ReaderSettings()).grid.rows == plain
    assert [row.cells for row in plain] == [("分值", "说明"), ("18.00", "人口净流出")]


def test_a_wider_cell_gap_joins_two_words_into_one_cell() -> None:
    assert [row.cells for row in read_bytes(_two_words(), "t.pdf").grid.rows] == [("Budget", "Executed")]
    wide = dataclasses.replace(DEFAULT_SETTINGS, cell_gap=20.0)  # 20 character heights
    assert [row.cells for row in read_bytes(_two_words(), "t.pdf", wide).grid.rows] == [("BudgetExecuted",)]


def test_a_looser_rule_tolerance_takes_two_near_rules_for_one() -> None:
    def draw(c) -> None:
        c.setFont("Helvetica", 10)
        for x in (50, 150, 154, 250):  # two vertical rules 4 points apart: a narrow empty column
            c.line(x, 700, x, 760)
        for y in (700, 760):
            c.line(50, y, 250, y)
        c.drawString(60, 725, "left")
        c.drawString(170, 725, "right")

    data = _canvas_pdf(draw)
    assert [row.cells for row in pdf_to_grid(data, "t.pdf").grid.rows] == [("left", "", "right")]
    loose = dataclasses.replace(DEFAULT_SETTINGS, rule_tolerance=5.0)
    assert [row.cells for row in pdf_to_grid(data, "t.pdf", settings=loose).grid.rows] == [("left", "right")]


def test_ocr_corrects_labels_only_to_the_words_it_is_given() -> None:
    assert reread("项自名称") == ("项自名称", False)  # stage 1 alone knows no form
    assert reread("项自名称", SETTINGS) == ("项目名称", False)
    assert reread("项自名称", dataclasses.replace(SETTINGS, lexicon=("项目名称",))) == ("项目名称", False)


def test_a_corrected_figure_is_reported_as_corrected_with_what_was_read() -> None:
    table = [
        ["210", "卫生健康支出", "11,229.01", "59011", "10,638.90"],
        ["21013", "医疗救助", "10,580.40", "0.00", "10,580.40"],
        ["2101399", "其他医疗救助支出", "10,580.40", "0.00", "10,580.40"],
        ["21015", "医疗保障管理事务", "15：00", "590.11", "58.50"],
    ]
    cells, corrected = read_table(table, SETTINGS)
    assert cells[0][3] == "590.11" and cells[3][2] == "15.00"
    assert corrected == [
        Correction("59011", "590.11", "按同列金额补回小数点"),
        Correction("15：00", "15.00", "按数字格式"),
    ]
    messages = [w.message for w in warnings_of("s.pdf", 3, corrected)]
    assert messages[1] == "第 3 页：识别为“15：00”，已按数字格式更正为“15.00”，请对照原件核对"
    assert "补回小数点更正为“590.11”" in messages[0]
    assert not any("置信度" in m for m in messages)


def _boom(*_: object, **__: object) -> object:
    raise RuntimeError("模型文件缺失")


def test_an_ocr_error_on_a_page_is_reported_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.core.ingest.ocr import page

    # The models are not loaded (nothing to detect); the recogniser fails.
    monkeypatch.setattr(page, "models", lambda: None)
    monkeypatch.setattr(page, "detect", lambda *_: None)
    monkeypatch.setattr(page, "recognise", _boom)

    def draw(c) -> None:
        c.drawString(50, 800, "note")
        c.showPage()
        c.rect(50, 50, 400, 600)  # a page without a text layer: read by OCR

    pages = _canvas_pdf(draw)
    result = extract_bytes(pages, "m.pdf")
    messages = [w.message for w in result.warnings]
    assert "第 2 页文字识别出错（RuntimeError: 模型文件缺失），该页未读取" in messages
    assert not any("第 2 页没有文字层" in m for m in messages)
    assert all(w.location is not None for w in result.warnings)


def test_an_ocr_error_on_an_image_is_reported_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from PIL import Image, ImageDraw

    from jixiao.core.ingest.ocr import page

    monkeypatch.setattr(page, "models", _boom)
    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).rectangle((40, 40, 360, 160), outline=0, width=2)
    out = io.BytesIO()
    image.save(out, format="PNG")
    with pytest.raises(ParseError, match=r"第 1 页文字识别出错（RuntimeError: 模型文件缺失），该页未读取"):
        extract_bytes(out.getvalue(), "scan.png")


def test_cells_read_from_a_text_layer_keep_their_boxes_in_reading_order() -> None:
    import pypdfium2 as pdfium

    text = (SEEDS / "003_a2597ab0b6fde6fb.txt").read_text(encoding="utf-8")
    data = to_pdf(text, embed=True)
    sizes = [(page.get_width(), page.get_height()) for page in pdfium.PdfDocument(data)]
    rows = pdf_to_grid(data, "t.pdf").grid.rows
    assert len(rows) > 40
    previous: tuple[int, float] = (0, 0.0)
    for row in rows:
        assert row.boxes is not None and len(row.boxes) == len(row.cells)
        assert row.page is not None
        width, height = sizes[row.page - 1]
        placed = [box for cell, box in zip(row.cells, row.boxes, strict=True) if cell]
        assert all(box is not None for box in placed), row
        assert all(box is None for cell, box in zip(row.cells, row.boxes, strict=True) if not cell)
        for x0, top, x1, bottom in placed:  # type: ignore[misc]
            assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
        lefts = [box[0] for box in placed]  # type: ignore[index]
        assert lefts == sorted(lefts), row  # cells left to right
        here = (row.page, min(box[1] for box in placed))  # type: ignore[index]
        assert here[0] > previous[0] or here[1] >= previous[1] - 3, row  # rows top to bottom
        previous = here
    first = next(row for row in rows if row.cells and row.cells[0])
    assert first.ref("t.pdf", 0).box == first.boxes[0]  # type: ignore[index]
