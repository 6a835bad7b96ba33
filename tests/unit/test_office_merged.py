"""Reading a workbook skips openpyxl's border copying on merged ranges, and nothing else does."""

from __future__ import annotations

import io

import openpyxl
from openpyxl.styles import Border, Side

from jixiao.core.ingest.office import xlsx_to_grid


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "项目名称"
    sheet["B1"] = "城乡居民基本医疗保险"
    sheet["B1"].border = Border(bottom=Side(style="thin"))
    sheet.merge_cells("B1:E1")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_merged_text_is_read_once_and_other_loads_keep_their_borders() -> None:
    data = _workbook()
    grid = xlsx_to_grid(data, "form.xlsx")
    assert grid.rows[0].cells == ("项目名称", "城乡居民基本医疗保险")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["E1"].border.bottom.style == "thin"  # openpyxl as usual outside the reader
