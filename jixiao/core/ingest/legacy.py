"""Legacy binary Office files (OLE compound documents): XLS read through ``xlrd``; DOC refused.

``xlrd`` (2.x) reads the BIFF workbooks of Excel 97–2003 and nothing else, and is kept for that.
Its rows come out as those of XLSX do: cells as the sheet shows them (number formats applied),
merged ranges with their text in the top-left cell and blanks elsewhere, each row with its sheet
and cell names. Only the cells each row stores are read (``ragged_rows``). There is no
maintained pure-Python reader of Word's binary DOC format, so a DOC file gets a message asking
for DOCX.
"""

from __future__ import annotations

import contextlib

from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.ingest.office import MergedCells, cell_text

__all__ = ["ole_kind", "ole_to_grid", "xls_to_grid"]

_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_DOC = "是旧版 Word 文档（DOC），无法直接读取：请在 Word 或 WPS 中另存为 DOCX 后再导入"
_OTHER = "旧版 Office 格式（如 PPT）无法读取：表格请另存为 XLSX，文档请另存为 DOCX 或 PDF"

_STREAMS = {
    "xls": ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le")),
    "doc": ("WordDocument".encode("utf-16-le"),),
    "ppt": ("PowerPoint Document".encode("utf-16-le"),),
}


def ole_kind(data: bytes) -> str | None:
    """ "xls", "doc", "ppt" or ``None``: which Office program wrote an OLE file, read from the
    names of its streams (stored in UTF-16 in the file's directory)."""
    for kind, names in _STREAMS.items():
        if any(name in data for name in names):
            return kind
    return None


def ole_to_grid(data: bytes, source: str) -> Grid:
    """An OLE file: an XLS workbook read; a password-protected XLSX/DOCX, a DOC or anything else
    refused with what to do.

    Raises:
        ParseError: the file is not an XLS workbook that can be read.
    """
    if _ENCRYPTED in data[:1_000_000]:
        raise ParseError(source, "文件有密码保护，请先去除密码再导入")
    kind = ole_kind(data)
    if kind == "xls":
        return xls_to_grid(data, source)
    if kind == "doc":
        raise ParseError(source, _DOC)
    raise ParseError(source, _OTHER)


def xls_to_grid(data: bytes, source: str) -> Grid:
    """Every sheet's rows, in order, as :func:`~jixiao.core.ingest.office.xlsx_to_grid` gives them.

    Raises:
        ParseError: the workbook is damaged, protected by a password, or not BIFF.
    """
    import xlrd
    from xlrd.sheet import Cell
    from xlrd.xldate import xldate_as_datetime

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, ragged_rows=True, on_demand=True, logfile=_Quiet()
        )
    except Exception as exc:  # xlrd raises many kinds for a damaged or protected workbook
        if "encrypt" in str(exc).lower():
            raise ParseError(source, "文件有密码保护，请先去除密码再导入") from None
        raise ParseError(
            source, f"无法读取 XLS（{type(exc).__name__}: {exc}），请在 Excel 或 WPS 中另存为 XLSX 后再导入"
        ) from None

    def shown(cell: Cell) -> str:
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
            return ""
        xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
        fmt = book.format_map.get(xf.format_key) if xf is not None else None
        number_format = fmt.format_str if fmt is not None else "General"
        value = cell.value
        if cell.ctype == xlrd.XL_CELL_DATE:
            with contextlib.suppress(ValueError, OverflowError):
                value = xldate_as_datetime(value, book.datemode)
        elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
            value = bool(value)
        return cell_text(value, number_format)

    rows: list[Row] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            ranges = sheet.merged_cells  # (top, bottom, left, right), 0-based, bottom and right excluded
            merged = MergedCells((top + 1, left + 1, bottom, right) for top, bottom, left, right in ranges)
            for r in range(sheet.nrows):
                row = sheet.row(r)
                cells = ["" if merged.hides(r + 1, c + 1) else shown(cell) for c, cell in enumerate(row)]
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    names = tuple(f"{xlrd.formula.colname(c)}{r + 1}" for c in range(len(cells)))
                    rows.append(Row(tuple(cells), r + 1, page=index + 1, sheet=sheet.name, cell_names=names))
            book.unload_sheet(index)
    except Exception as exc:  # a sheet damaged past its header
        raise ParseError(source, f"无法读取 XLS（{type(exc).__name__}: {exc}）") from None
    finally:
        book.release_resources()
    return Grid(source=source, rows=tuple(rows))


class _Quiet:
    """Where xlrd writes its warnings about odd records: nowhere."""

    def write(self, _text: str) -> None:
        return None
