"""The parts of the OCR reader that do not need the models: rules, boxes, misread labels."""

from __future__ import annotations

import numpy as np

from jixiao.core.evaluation import compare_documents
from jixiao.core.extract import SETTINGS
from jixiao.core.ingest.ocr import Memo
from jixiao.core.ingest.ocr.corrections import read_table, reread
from jixiao.core.ingest.ocr.geometry import rule_masks, rule_pixels, rules_and_strokes
from jixiao.core.ingest.ocr.lines import (
    bands,
    cell_lines,
    crop,
    cut_at_rules,
    missed,
    runs,
    table_areas,
    text_like,
)
from jixiao.core.ingest.ruled import table_spans


def _reread(cell: str) -> tuple[str, bool]:
    """A cell re-read with the forms' words as the lexicon (as ``extract`` reads)."""
    return reread(cell, SETTINGS)


def _read_table(rows: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """A table re-read with the forms' words; the corrected figures as read."""
    out, corrected = read_table(rows, SETTINGS)
    return out, [c.read for c in corrected]


def test_a_misread_label_is_the_template_label() -> None:
    assert _reread("项自名称") == ("项目名称", False)
    assert _reread("年度总体自标") == ("年度总体目标", False)


def test_a_label_is_not_taken_for_its_neighbour() -> None:
    assert _reread("二级指标") == ("二级指标", False)  # also one character from 一级/三级指标
    assert _reread("科目名称") == ("科目名称", False)  # a 部门决算 header, one character from 项目名称
    assert _reread("补助涉及范围") == ("补助涉及范围", False)
    assert _reread("全年执行率") == ("全年执行率", False)  # a header of its own, not a misread 全年执行数


def test_a_colon_between_digits_is_a_decimal_point_and_reported() -> None:
    assert _reread("15：00") == ("15.00", True)
    assert _reread("2025:42") == ("2025.42", True)
    assert _reread("9:1") == ("9.1", True)
    assert _reread("指标1：审查") == ("指标1：审查", False)


def test_a_misread_separator_in_a_figure_is_put_right_and_reported() -> None:
    assert _reread("10.580.40") == ("10,580.40", True)  # two points: the first is a comma
    assert _reread("11,208:44") == ("11,208.44", True)
    assert _reread("<b>11;229.01</b") == ("11,229.01", True)  # a bold tag read in part
    assert _reread("O.00") == ("0.00", True)


def test_what_is_not_part_of_a_figure_is_dropped_without_a_report() -> None:
    assert _reread("0.00，") == ("0.00", False)
    assert _reread("100%：") == ("100%", False)
    assert _reread("2101550.") == ("2101550", False)
    assert _reread("<b>590.11</b>") == ("590.11", False)
    assert _reread("0.00|") == ("0.00", False)  # a piece of the cell border


def test_what_looks_like_a_figure_but_is_not_one_is_left_alone() -> None:
    for cell in ("1,000", "12,345.6", ">95", "<5%", "≥1批", "2024.12.31", "11.22.01", "100%"):
        assert _reread(cell) == (cell, False)


def test_a_misread_accounts_label_is_the_classification_name() -> None:
    assert _reread("卫牛健康支出") == ("卫生健康支出", False)
    assert _reread("九、卫牛健康支出") == ("九、卫生健康支出", False)
    assert _reread("基本文出") == ("基本支出", False)
    assert _reread("科目代禾码") == ("科目代码", False)  # a character added
    assert _reread("一般公共服务支一出") == ("一般公共服务支出", False)


def test_an_enumeration_before_a_label_is_kept_or_dropped_when_illegible() -> None:
    assert _reread("一、一般公共服务支出") == ("一、一般公共服务支出", False)
    assert _reread("十八：自然资源海洋气象等支出") == ("十八、自然资源海洋气象等支出", False)
    assert _reread("十—、：城乡社区支出") == ("城乡社区支出", False)
    assert _reread("(一)项自名称") == ("(一)项目名称", False)
    assert _reread("产出指标1") == ("产出指标1", False)  # a digit added is no misread


def test_a_printed_bold_tag_read_in_part_is_whole_again() -> None:
    assert _reread("<b>本年支出合计</b≥") == ("本年支出合计", False)  # then the label as printed
    assert _reread("<b>64<／b>")[0] == "64"  # a figure: the tag is dropped
    assert _reread("合计/b") == ("合计/b", False)  # no opening tag: as read


def test_a_bracket_read_twice_is_one_bracket() -> None:
    assert _reread("目标1（(40分）：") == ("目标1(40分）：", False)
    assert _reread("执行数（B)）") == ("执行数（B）", False)
    assert _reread("（（一））") == ("（（一））", False)  # the same bracket twice is as printed


def test_a_decimal_point_lost_in_a_column_of_amounts_is_restored_and_reported() -> None:
    table = [
        ["210", "卫生健康支出", "11,229.01", "59011", "10,638.90"],
        ["21013", "医疗救助", "10,580.40", "0.00", "10,580.40"],
        ["2101399", "其他医疗救助支出", "10,580.40", "0.00", "10,580.40"],
        ["21015", "医疗保障管理事务", "648.61", "590.11", "58.50"],
    ]
    cells, changed = _read_table(table)
    assert cells[0][3] == "590.11" and changed == ["59011"]
    assert [row[0] for row in cells] == ["210", "21013", "2101399", "21015"]  # codes are no amounts


def test_a_whole_number_among_indicators_keeps_its_value() -> None:
    table = [
        ["年度资金总额", "50.00", "50.00", "50.00", "10.00"],
        ["当年财政拨款", "50.00", "50.00", "50.00", ""],
        ["成本指标", "50.00", "48.00", "10.00", "10.00"],
        ["数量指标", "300", "320", "10.00", "10.00"],
    ]
    cells, changed = _read_table(table)
    assert cells == table and changed == []


def _table(width: int = 600, height: int = 300) -> tuple[np.ndarray, np.ndarray]:
    horizontal = np.zeros((height, width), np.uint8)
    vertical = np.zeros((height, width), np.uint8)
    for y in (20, 150, 280):
        horizontal[y : y + 2, 20:580] = 255
    for x in (20, 300, 580):
        vertical[20:282, x : x + 2] = 255
    return horizontal, vertical


def test_a_dash_in_a_cell_is_not_a_rule() -> None:
    horizontal, vertical = _table()
    horizontal[80:82, 100:150] = 255  # "——" written in the first cell
    horizontal[210:212, 300:580] = 255  # a real border of the second column only
    h, v, _ = rules_and_strokes((horizontal, vertical))
    assert sorted(round(y) for y, _, _ in h) == [21, 151, 211, 281]
    assert len(v) == 3


def test_a_box_across_a_cell_border_is_cut_there() -> None:
    found = np.array([[[100, 40], [200, 40], [200, 60], [100, 60]]], dtype=np.float32)  # at half size
    boxes = cut_at_rules(found, 0.5, [(300.0, 20.0, 282.0)])
    assert boxes == [(200, 80, 300, 120), (300, 80, 400, 120)]


def test_a_crop_is_trimmed_to_its_ink() -> None:
    page = np.full((100, 200), 255, np.uint8)
    page[40:60, 50:120] = 0
    line = crop(page, (10, 10, 190, 90), 20)
    assert line.shape == (24, 74)  # the ink (20 × 70) and a margin of 2 around it


def test_a_speck_of_noise_does_not_widen_a_crop() -> None:
    page = np.full((100, 200), 255, np.uint8)
    page[40:60, 50:120] = 0
    page[15, 30] = 0  # a lone dark pixel above and before the text
    page[50, 130:133] = 0  # three in a row just after it, on the line: would read as "，"
    page[20:22, 170:172] = 0  # a small mark above the line, clear of its glyphs
    line = crop(page, (10, 10, 190, 90), 20)
    assert line.shape == (24, 74)


def test_a_glyph_the_detector_passed_over_gets_a_box() -> None:
    page = np.full((200, 400), 255, np.uint8)
    page[20:40, 20:200] = 0  # a detected line
    page[100:118, 300:304] = 0  # a lone "1"
    page[100:118, 312:322] = 0  # and the "0" beside it: one box
    page[150, 50] = 0  # a speck
    page[170:172, 100:300] = 0  # what is left of a rule: too flat for a glyph
    boxes = missed(page, [(15, 15, 205, 45)], 24)
    assert boxes == [(297, 97, 325, 121)]


def test_scan_comparison_does_not_tell_full_and_half_width_apart() -> None:
    golden = {"forms": [{"project": "指标1:审查(费用)"}]}
    read = {"forms": [{"project": "指标1：审查（费用）"}]}
    assert compare_documents(golden, read).accuracy == 0
    assert compare_documents(golden, read, scan=True).accuracy == 1


def _ruled_page() -> np.ndarray:
    """A white page with a ruled table of two rows: two cells above, one merged cell below; its
    vertical rules stand out above the top rule, as scanned tables' often do."""
    page = np.full((400, 700), 255, np.uint8)
    for y in (100, 200, 300):
        page[y : y + 2, 50:650] = 0
    page[80:302, 50:52] = 0
    page[80:302, 648:650] = 0
    page[80:202, 350:352] = 0
    return page


def _write(page: np.ndarray, top: int, left: int, right: int) -> None:
    """A line of "口"-like glyphs 16 px high (none long enough to pass for a rule)."""
    for x in range(left, right - 13, 18):
        page[top : top + 16, x : x + 14] = 0
        page[top + 2 : top + 14, x + 2 : x + 12] = 255


def _cleaned(page: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[int, int, int, int]]:
    """A page with its rules erased, the rule pixels, and its one table's area (72 dpi: pixels
    are points)."""
    masks = rule_masks(page)
    h, v, strokes = rules_and_strokes(masks)
    ruled = rule_pixels(masks, strokes)
    clean = page.copy()
    clean[ruled > 0] = 255
    (area,) = table_areas(v, table_spans(h, v), 1.0)
    return clean, ruled, area


def test_lines_in_ruled_cells_are_found_from_the_ink() -> None:
    page = _ruled_page()
    _write(page, 130, 80, 200)  # a line in the first cell
    page[142:145, 200:203] = 0  # and its full stop, which the detector leaves out
    _write(page, 115, 400, 500)  # two lines in the second cell
    _write(page, 160, 400, 460)
    _write(page, 240, 100, 600)  # a line across the merged cell
    page[85:92, 300:308] = 0  # a blot above the table: not in a cell, left to the detector
    clean, ruled, area = _cleaned(page)
    boxes, read = cell_lines(clean, ruled, area)
    assert sorted(boxes) == [
        (80, 130, 203, 146),
        (100, 240, 600, 256),
        (400, 115, 486, 131),
        (400, 160, 450, 176),
    ]
    x0, y0, _, _ = area
    assert read[140 - y0, 100 - x0] and not read[88 - y0, 304 - x0]


def test_the_strokes_of_a_glyph_are_one_line_and_two_lines_stay_two() -> None:
    three = runs(np.array([10, 11, 19, 20, 28, 29]))  # "三": three strokes, white between them
    assert three == [(10, 12), (19, 21), (28, 30)]
    assert bands(three, 20) == [(10, 30)]
    assert bands(runs(np.r_[np.arange(0, 20), np.arange(26, 46)]), 20) == [(0, 20), (26, 46)]
    # A mark on its own far below a line is no part of it.
    assert bands([(0, 20), (40, 43)], 20) == [(0, 20), (40, 43)]


def test_what_is_left_of_a_rule_along_a_cell_border_is_no_line() -> None:
    page = _ruled_page()
    _write(page, 130, 80, 200)
    clean, ruled, area = _cleaned(page)
    clean[104:106, 60:340] = 0  # a rule drawn thicker than the mask took: a thin run under it
    boxes, _ = cell_lines(clean, ruled, area)
    assert [b for b in boxes if b[0] < 350] == [(80, 130, 184, 146)]


def test_a_dash_in_a_cell_is_not_erased_with_the_rules() -> None:
    page = _ruled_page()
    page[150:152, 400:460] = 0  # "——" in the second cell
    masks = rule_masks(page)
    ruled = rule_pixels(masks, rules_and_strokes(masks)[2])
    assert masks[0][150, 430] and not ruled[150, 430]
    assert ruled[100, 430] and ruled[150, 350]


def test_a_blot_is_no_line_of_text() -> None:
    lines = [(10, 10, 100, 30), (10, 40, 80, 60), (200, 40, 205, 45)]
    assert text_like(lines) == [(7, 7, 103, 33), (7, 37, 83, 63)]  # padded by 3 for the crop


def _printed(text: str, dx: int = 0) -> np.ndarray:
    """A line as the recogniser sees it (28 px high), drawn with a plain font."""
    import cv2

    image = np.full((28, 80), 255, np.uint8)
    cv2.putText(image, text, (4 + dx, 22), cv2.FONT_HERSHEY_SIMPLEX, 0.75, 0, 2, cv2.LINE_AA)
    return image


def test_a_line_printed_again_is_read_once() -> None:
    memo = Memo()
    slot = memo.add(_printed("0.00"))
    again = _printed("0.00", dx=1)  # the same print, a pixel to the right, with a speck of noise
    again[3, 70] = 120
    assert memo.find(again) == slot
    assert memo.find(_printed("0.00")[:, :79]) == slot  # a pixel narrower after scaling


def test_a_line_that_differs_in_one_figure_is_read_on_its_own() -> None:
    memo = Memo()
    memo.add(_printed("46"))
    memo.add(_printed("0.06"))
    for other in ("48", "0.08", "0.00", "45"):
        assert memo.find(_printed(other)) is None, other
