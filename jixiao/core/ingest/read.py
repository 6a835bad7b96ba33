"""Stage 1's entry: the bytes of a file → a :class:`Reading` (grid, warnings, page count).

The format is detected from the content, never from the file name (:func:`detect_format`); the
reader of that format gives the grid, and what it could not read or doubted becomes warnings
naming the page. Stage 2 (``jixiao.core.documents``) takes the grid from here.
"""

from __future__ import annotations

# The readers of formats other than text are imported when a file of theirs comes: a batch of
# text files need not load the PDF, OCR, Office and e-mail libraries at start-up.
from dataclasses import dataclass, field

from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Grid
from jixiao.core.ingest.notes import warnings_of
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings
from jixiao.core.ingest.text import decode_text, text_to_grid
from jixiao.core.ingest.webpage import is_mhtml
from jixiao.core.model import ExtractionWarning, SourceRef

__all__ = ["MAX_BYTES", "Reading", "detect_format", "read_bytes"]

#: Largest input accepted (bytes); larger files are refused with a clear message.
MAX_BYTES = 200 * 1024 * 1024

_MAGIC = [
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\xd0\xcf\x11\xe0", "ole"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
]
_HTML_START = (b"<!doctype html", b"<html", b"<?xml", b"<!--", b"<head", b"<body", b"<meta")


@dataclass(frozen=True)
class Reading:
    """A file read by stage 1.

    Attributes:
        grid: the rows of cells, in reading order.
        warnings: what the reader could not read, doubted or corrected.
        text: the decoded text of a text input; ``None`` for any other format.
        pages: pages of a PDF or an image (1); ``None`` for formats without pages.
    """

    grid: Grid
    warnings: tuple[ExtractionWarning, ...] = field(default=())
    text: str | None = None
    pages: int | None = None


def detect_format(data: bytes) -> str:
    """Name the format of ``data`` from its first bytes: pdf, zip, png, jpeg, tiff, gif, ole,
    mhtml, html or text.

    >>> detect_format(b"%PDF-1.7"), detect_format("项目名称\\t城乡".encode())
    ('pdf', 'text')
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if is_mhtml(data):
        return "mhtml"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (as Office saves web pages)
        head = head.decode("utf-16", errors="ignore").encode()
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(_HTML_START) and (b"<html" in head or b"<body" in head or b"<table" in head):
        return "html"
    if head.startswith((b"<!doctype html", b"<html")) or b"<table" in head[:512]:
        return "html"
    return "text"


def read_bytes(data: bytes, source: str, settings: ReaderSettings = DEFAULT_SETTINGS) -> Reading:
    """Read the bytes of a file named ``source`` into a grid.

    Raises:
        ParseError: the content cannot be read at all, or holds no text.
    """
    fmt = detect_format(data)
    if fmt == "zip":
        return _package(data, source)
    if fmt == "pdf":
        return _pdf(data, source, settings)
    if fmt in ("png", "jpeg", "tiff", "gif"):
        return _image(data, source, settings)
    if fmt == "ole":
        from jixiao.core.ingest.legacy import ole_to_grid

        return _paged(ole_to_grid(data, source))
    if fmt == "mhtml":
        from jixiao.core.ingest.webpage import mhtml_to_grid

        grid, found = mhtml_to_grid(data, source)
        return _paged(grid, tuple(ExtractionWarning(note, SourceRef(source)) for note in found))
    decoded = decode_text(data, source)
    text = decoded.text
    if not text.strip():
        raise ParseError(source, "文件为空")
    notes = tuple(ExtractionWarning(note, SourceRef(source)) for note in decoded.notes)
    if fmt == "html":
        from jixiao.core.ingest.office import html_to_grid

        return _paged(html_to_grid(text, source), notes)
    return Reading(text_to_grid(text, source), notes, text=text)


def _package(data: bytes, source: str) -> Reading:
    """An XLSX or DOCX file (a ZIP package, bounded before it is opened)."""
    from jixiao.core.ingest.office import (
        check_package,
        docx_to_grid,
        formulas_without_values,
        package_kind,
        xlsx_to_grid,
    )

    check_package(data, source)
    kind = package_kind(data)
    if kind is None:
        raise ParseError(source, "是 ZIP 压缩包，但不是 XLSX 或 DOCX 文档")
    if kind == "docx":
        return _paged(docx_to_grid(data, source))
    blank = formulas_without_values(data)
    shown = "、".join(blank[:10]) + ("等" if len(blank) > 10 else "")
    notes = (
        ExtractionWarning(
            f"{len(blank)} 个公式单元格没有计算结果（{shown}），已按空白读取；"
            "请在 Excel 中打开、保存后再导入",
            SourceRef(source),
        ),
    )
    return _paged(xlsx_to_grid(data, source), notes if blank else ())


def _image(data: bytes, source: str, settings: ReaderSettings) -> Reading:
    """A scan: each page (frame) read by OCR; a page whose OCR failed is a warning, unless no
    page could be read."""
    from jixiao.core.ingest.ocr import read_image

    rows, noticed, failed, pages = read_image(data, source, settings)
    errors = {n: f"第 {n} 页文字识别出错（{_error(exc)}），该页未读取" for n, exc in failed.items()}
    if not rows:
        nothing = f"图片共 {pages} 页，未识别出文字（没有文字或表格）"
        raise ParseError(source, next(iter(errors.values()), nothing))
    notes = [w for page, found in noticed.items() for w in warnings_of(source, page, found)]
    notes += [ExtractionWarning(message, SourceRef(source, page=n)) for n, message in errors.items()]
    return _paged(Grid(source, tuple(rows)), tuple(notes), pages=pages)


def _pdf(data: bytes, source: str, settings: ReaderSettings) -> Reading:
    """A PDF: its text layer, and its pages without one through OCR."""
    from jixiao.core.ingest.ocr import ScanReader
    from jixiao.core.ingest.pdf import pdf_to_grid

    read = pdf_to_grid(data, source, ScanReader(settings), settings)
    damage = [f"第 {n} 页{why}" for n, why in sorted(read.damaged.items())]
    if not read.grid.rows:
        if damage:
            shown = "；".join(damage[:5])
            raise ParseError(source, f"PDF 已损坏，共 {read.pages} 页，没有可读取的文字（{shown}）")
        raise ParseError(
            source, f"PDF 共 {read.pages} 页，没有可读取的文字（文字层为空，扫描页也未识别出文字）"
        )
    notes = [w for page, found in read.notes.items() for w in warnings_of(source, page, found)]
    notes += [
        ExtractionWarning(f"第 {n} 页文字识别出错（{_error(error)}），该页未读取", SourceRef(source, page=n))
        for n, error in read.failed.items()
    ]
    notes += [
        ExtractionWarning(f"第 {n} 页没有文字层，也未识别出文字", SourceRef(source, page=n))
        for n in read.scanned
        if n not in read.damaged
    ]
    notes += [
        ExtractionWarning(f"第 {n} 页已损坏（{why}），该页未读取或未读全", SourceRef(source, page=n))
        for n, why in sorted(read.damaged.items())
    ]
    if read.repaired:
        repaired = "PDF 的交叉引用表已损坏，已按文件内容修复后读取；请核对是否缺页"
        notes.append(ExtractionWarning(repaired, SourceRef(source)))
    if read.skipped:
        first = read.pages - read.skipped
        notes.append(
            ExtractionWarning(
                f"PDF 共 {read.pages} 页，只读取了前 {first} 页（页数或用时超过上限），"
                f"其余 {read.skipped} 页未读取",
                SourceRef(source, page=first + 1),
            )
        )
    return _paged(read.grid, tuple(notes), read.pages)


def _paged(grid: Grid, notes: tuple[ExtractionWarning, ...] = (), pages: int | None = None) -> Reading:
    """The reading of a format other than text: a grid without rows is no document."""
    if not grid.rows:
        raise ParseError(grid.source, "文件中没有文字或表格")
    return Reading(grid, notes, pages=pages)


def _error(exc: Exception) -> str:
    """An exception as a warning names it: its type and its message."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
