"""The parts of the OCR reader that do not need the models: rules, boxes, misread labels."""

from __future__ import annotations

import numpy as np

from jixiao.core.evaluation import compare_documents
from jixiao.core.ingest.ocr import _boxes, _crop, _reread, _rules


def test_a_misread_label_is_the_template_label() -> None:
    assert _reread("项自名称") == ("项目名称", False)
    assert _reread("年度总体自标") == ("年度总体目标", False)


def test_a_label_is_not_taken_for_its_neighbour() -> None:
    assert _reread("二级指标") == ("二级指标", False)  # also one character from 一级/三级指标
    assert _reread("科目名称") == ("科目名称", False)  # a 部门决算 header, one character from 项目名称
    assert _reread("补助涉及范围") == ("补助涉及范围", False)


def test_a_colon_between_digits_is_a_decimal_point_and_reported() -> None:
    assert _reread("15：00") == ("15.00", True)
    assert _reread("2025:42") == ("2025.42", True)
    assert _reread("指标1：审查") == ("指标1：审查", False)


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
    h, v = _rules((horizontal, vertical))
    assert sorted(round(y) for y, _, _ in h) == [21, 151, 211, 281]
    assert len(v) == 3


def test_a_box_across_a_cell_border_is_cut_there() -> None:
    found = np.array([[[100, 40], [200, 40], [200, 60], [100, 60]]], dtype=np.float32)  # at half size
    boxes = _boxes(found, 0.5, [(300.0, 20.0, 282.0)])
    assert boxes == [(200, 80, 300, 120), (300, 80, 400, 120)]


def test_a_crop_is_trimmed_to_its_ink() -> None:
    page = np.full((100, 200), 255, np.uint8)
    page[40:60, 50:120] = 0
    line = _crop(page, (10, 10, 190, 90), 20)
    assert line.shape == (24, 74)  # the ink (20 × 70) and a margin of 2 around it


def test_scan_comparison_does_not_tell_full_and_half_width_apart() -> None:
    golden = {"forms": [{"project": "指标1:审查(费用)"}]}
    read = {"forms": [{"project": "指标1：审查（费用）"}]}
    assert compare_documents(golden, read).accuracy == 0
    assert compare_documents(golden, read, scan=True).accuracy == 1
