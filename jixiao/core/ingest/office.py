"""XLSX and DOCX → grid (stage 1), the same rows of cells the text path produces.

Merged cells keep their text in the first (top-left) cell and leave the others blank, as text
copied from a web page does, so the layout recognisers need nothing format-specific. Every row
knows where it came from: the sheet and cell names for XLSX ("Sheet1!B7"), the paragraph or
table row for DOCX. Web pages are read by :mod:`jixiao.core.ingest.webpage` (:func:`html_to_grid`
is also here, where it used to live), legacy XLS by :mod:`jixiao.core.ingest.legacy`.

Office files are ZIP packages; they are opened only after :func:`check_package` has bounded
their size, their compression ratio and the number of their parts (zip bombs), and refused XML
with entity declarations (XML bombs).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Any

from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Grid, Row
from jixiao.core.ingest.webpage import html_to_grid

__all__ = [
    "MergedCells",
    "cell_text",
    "check_package",
    "docx_to_grid",
    "formulas_without_values",
    "html_to_grid",
    "package_kind",
    "xlsx_to_grid",
]

#: Limits on an Office package (a ZIP file).
MAX_PARTS = 5_000
MAX_UNPACKED = 300 * 1024 * 1024
MAX_RATIO = 200
_ENTITY = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def package_kind(data: bytes) -> str | None:
    """ "xlsx", "docx" or ``None`` for a ZIP that is neither (read from its part names)."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return None
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    return None


def check_package(data: bytes, source: str) -> zipfile.ZipFile:
    """Open an Office package, refusing zip bombs, encrypted parts and XML bombs.

    Raises:
        ParseError: with the reason, in Chinese.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(source, f"文件已损坏，无法作为 Office 文档打开（{exc}）") from None
    if len(infos) > MAX_PARTS:
        raise ParseError(source, f"文件包含 {len(infos)} 个部件，超过上限 {MAX_PARTS}，已拒绝")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED:
        size, limit = unpacked // (1024 * 1024), MAX_UNPACKED // (1024 * 1024)
        raise ParseError(source, f"文件解压后 {size} MB，超过上限 {limit} MB（疑似压缩炸弹）")
    for info in infos:
        if info.flag_bits & 0x1:
            raise ParseError(source, "文件有密码保护，请先去除密码再导入")
        if (
            info.compress_size
            and info.file_size / info.compress_size > MAX_RATIO
            and info.file_size > 1024 * 1024
        ):
            raise ParseError(source, f"部件 {info.filename} 压缩比异常（疑似压缩炸弹），已拒绝")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with package.open(info) as part:
                head = part.read(64 * 1024)
            if _ENTITY.search(head):
                raise ParseError(source, f"部件 {info.filename} 含有 XML 实体声明（疑似 XML 炸弹），已拒绝")
    return package


def cell_text(value: Any, number_format: str = "General") -> str:
    """A cell value as the sheet shows it (numbers without float noise, percentages as "95%")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in number_format:
            number *= 100
            places = number_format.split("%")[0].split(".")
            digits = len(places[1]) if len(places) > 1 else 0
            return f"{round(number, digits):f}%"
        decimals = re.search(r"\.(0+)", number_format)
        if decimals:
            return f"{round(number, len(decimals.group(1))):f}"
        text = f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"
        return text
    return str(value).strip()


_VALUE = re.compile(rb"<v>[^<]+</v>")
_CELL = re.compile(rb"<c\b[^>]*\br=\"([A-Z]+[0-9]+)\"[^>]*>(.*?)</c>", re.DOTALL)


def formulas_without_values(data: bytes) -> list[str]:
    """Cells holding a formula but no cached value ("sheet1.xml!B7"): a workbook written by a
    program and never recalculated in Excel, whose figures are therefore unknown."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = package.read(name)
                for ref, body in _CELL.findall(xml):
                    if b"<f" in body and not _VALUE.search(body):
                        out.append(f"{name.rsplit('/', 1)[-1]}!{ref.decode()}")
    return out


_READING = threading.local()
#: A run of more blank columns than this, blank in every row of a sheet, is read as this many
#: (cell names keep the sheet's own letters): a value far out in column XFD costs no more than
#: one near the table.
MAX_BLANK_COLUMNS = 32


@cache
def _bounded_loading() -> None:
    """Let :func:`xlsx_to_grid` skip what openpyxl does to every cell of every merged range
    when it loads a sheet: making a placeholder cell for each and copying the borders onto
    them (two thirds of the time of a bordered workbook, and billions of cells for one range
    over a whole sheet). The reader blanks merged cells itself from the ranges' bounds. Only
    loads in a thread inside :func:`xlsx_to_grid` skip it; any other use of openpyxl in the
    process is unchanged."""
    from openpyxl.worksheet.worksheet import Worksheet

    clean = Worksheet._clean_merge_range

    def _clean_merge_range(self: Worksheet, mcr: Any) -> None:
        if not getattr(_READING, "active", False):
            clean(self, mcr)

    Worksheet._clean_merge_range = _clean_merge_range  # type: ignore[method-assign]


class MergedCells:
    """The cells of a sheet's merged ranges other than their top-left one (read as blank):
    those of small ranges in a set, large ranges by their bounds."""

    SMALL = 1_000_000  # cells of small ranges listed one by one, at most

    def __init__(self, ranges: Iterable[tuple[int, int, int, int]]) -> None:
        """``ranges``: (top, left, bottom, right) of each, inclusive."""
        self.cells: set[tuple[int, int]] = set()
        self.large: list[tuple[int, int, int, int]] = []
        for top, left, bottom, right in ranges:
            area = (bottom - top + 1) * (right - left + 1)
            if len(self.cells) + area > self.SMALL:
                self.large.append((top, left, bottom, right))
                continue
            self.cells.update(
                (row, column)
                for row in range(top, bottom + 1)
                for column in range(left, right + 1)
                if (row, column) != (top, left)
            )

    def hides(self, row: int, column: int) -> bool:
        """The cell is covered by a range that does not start at it."""
        if (row, column) in self.cells:
            return True
        return any(
            top <= row <= bottom and left <= column <= right and (row, column) != (top, left)
            for top, left, bottom, right in self.large
        )


def _columns(used: set[int]) -> dict[int, int]:
    """Each used column → its place in the grid's rows; long blank runs shortened."""
    places: dict[int, int] = {}
    place, previous = 0, 0
    for column in sorted(used):
        place += min(column - previous - 1, MAX_BLANK_COLUMNS) + 1
        places[column] = place
        previous = column
    return places


def xlsx_to_grid(data: bytes, source: str) -> Grid:
    """Every sheet's rows, in order; formulas give their cached values; merged ranges keep
    their text in the top-left cell.

    Only the cells the sheet stores are read (never its declared dimension), so the cost
    follows what the file holds.
    """
    check_package(data, source)
    import openpyxl
    from openpyxl.utils import get_column_letter

    _bounded_loading()
    _READING.active = True
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ParseError(source, f"无法读取 XLSX（{type(exc).__name__}: {exc}）") from None
    finally:
        _READING.active = False
    rows: list[Row] = []
    for index, sheet in enumerate(book.worksheets, start=1):
        merged = MergedCells((r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges)
        texts: dict[int, dict[int, str]] = {}
        for (r, c), cell in sheet._cells.items():
            if cell.value is None or merged.hides(r, c):
                continue
            text = cell_text(cell.value, cell.number_format or "General")
            if text:
                texts.setdefault(r, {})[c] = text
        places = _columns({c for cells in texts.values() for c in cells})
        for number in sorted(texts):
            by_place = {places[c]: (c, text) for c, text in texts[number].items()}
            width = max(by_place)
            cells, names = [""] * width, [""] * width
            column = 0
            for place in range(1, width + 1):
                if place in by_place:
                    column, cells[place - 1] = by_place[place]
                else:
                    column += 1
                names[place - 1] = f"{get_column_letter(column)}{number}"
            rows.append(Row(tuple(cells), number, page=index, sheet=sheet.title, cell_names=tuple(names)))
    return Grid(source=source, rows=tuple(rows))


def docx_to_grid(data: bytes, source: str) -> Grid:
    """Paragraphs as one-cell rows and table rows as rows of cells, in document order.

    A cell merged across columns (gridSpan) is written once with blanks after it; a cell merged
    down (vMerge continue) is blank in the rows below its first.
    """
    check_package(data, source)
    from docx import Document
    from docx.oxml.ns import qn

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ParseError(source, f"无法读取 DOCX（{type(exc).__name__}: {exc}）") from None
    rows: list[Row] = []
    line = 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t"))).strip()
            line += 1
            if text:
                rows.append(Row((text,), line))
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                line += 1
                cells: list[str] = []
                for tc in tr.iterchildren(qn("w:tc")):
                    props = tc.find(qn("w:tcPr"))
                    span, continued = 1, False
                    if props is not None:
                        grid_span = props.find(qn("w:gridSpan"))
                        if grid_span is not None:
                            span = int(grid_span.get(qn("w:val"), "1"))
                        v_merge = props.find(qn("w:vMerge"))
                        continued = v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"
                    paragraphs = [
                        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iterchildren(qn("w:p"))
                    ]
                    text = "" if continued else "\n".join(p for p in paragraphs if p.strip()).strip()
                    cells += [text] + [""] * (span - 1)
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    rows.append(Row(tuple(cells), line))
    return Grid(source=source, rows=tuple(rows))
