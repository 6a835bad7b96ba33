"""The ``extract`` use case: a file → :class:`~jixiao.core.model.ExtractResult`.

Detects the format by content (not by extension), runs stage 1 (ingest) and stage 2
(layout recognisers), and maps every low-level failure to :class:`ParseError`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from jixiao.core.documents.registry import recognise
from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Grid
from jixiao.core.ingest.office import (
    check_package,
    docx_to_grid,
    formulas_without_values,
    html_to_grid,
    package_kind,
    xlsx_to_grid,
)
from jixiao.core.ingest.pdf import pdf_to_grid
from jixiao.core.ingest.text import decode, text_to_grid
from jixiao.core.model import ExtractionWarning, ExtractResult, SourceRef

__all__ = ["MAX_BYTES", "detect_format", "extract", "extract_bytes", "extract_grid"]

#: Largest input accepted (bytes); larger files are refused with a clear message.
MAX_BYTES = 200 * 1024 * 1024

_MAGIC = [
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\xd0\xcf\x11\xe0", "ole"),
]
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def detect_format(data: bytes) -> str:
    """Name the format of ``data`` from its first bytes: pdf, zip, png, jpeg, ole, html or text.

    >>> detect_format(b"%PDF-1.7"), detect_format("项目名称\\t城乡".encode())
    ('pdf', 'text')
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<table" in head[:512]:
        return "html"
    return "text"


def extract_grid(grid: Grid, text: str | None = None) -> ExtractResult:
    """Run the layout recognisers on a grid (any format's stage 1 output)."""
    found = recognise(grid)
    return ExtractResult(
        source=grid.source,
        forms=found.forms,
        final_accounts=found.final_accounts,
        warnings=found.warnings,
        text=text,
        prose=found.prose,
    )


def extract_bytes(data: bytes, source: str) -> ExtractResult:
    """Extract from the bytes of a file named ``source``.

    Raises:
        ParseError: the content cannot be read at all.
    """
    fmt = detect_format(data)
    if fmt == "zip":
        check_package(data, source)
        kind = package_kind(data)
        if kind is None:
            raise ParseError(source, "是 ZIP 压缩包，但不是 XLSX 或 DOCX 文档")
        if kind == "docx":
            return _from_grid(docx_to_grid(data, source), source)
        blank = formulas_without_values(data)
        shown = "、".join(blank[:10]) + ("等" if len(blank) > 10 else "")
        notes = [
            ExtractionWarning(
                f"{len(blank)} 个公式单元格没有计算结果（{shown}），已按空白读取；"
                "请在 Excel 中打开、保存后再导入",
                SourceRef(source),
            )
        ]
        return _from_grid(xlsx_to_grid(data, source), source, notes if blank else [])
    if fmt == "pdf":
        read = pdf_to_grid(data, source, ocr=True)
        if not read.grid.rows:
            raise ParseError(
                source, f"PDF 共 {read.pages} 页，没有可读取的文字（文字层为空，扫描页也未识别出文字）"
            )
        notes = [w for page, found in read.doubtful.items() for w in _doubtful(source, page, found)]
        notes += [
            ExtractionWarning(f"第 {n} 页没有文字层，也未识别出文字", SourceRef(source, page=n))
            for n in read.scanned
        ]
        if read.skipped:
            first = read.pages - read.skipped
            notes.append(
                ExtractionWarning(
                    f"PDF 共 {read.pages} 页，只读取了前 {first} 页（页数或用时超过上限），"
                    f"其余 {read.skipped} 页未读取",
                    SourceRef(source, page=first + 1),
                )
            )
        return _from_grid(read.grid, source, notes)
    if fmt in ("png", "jpeg"):
        from jixiao.core.ingest.ocr import read_image

        rows, doubtful = read_image(data, source)
        return _from_grid(Grid(source, tuple(rows)), source, _doubtful(source, 1, doubtful))
    if fmt == "ole":
        if _ENCRYPTED in data[:1_000_000]:
            raise ParseError(source, "文件有密码保护，请先去除密码再导入")
        raise ParseError(source, "旧版 Office 格式（XLS/DOC）暂不支持，请另存为 XLSX 或 DOCX")
    text = decode(data, source)
    if not text.strip():
        raise ParseError(source, "文件为空")
    if fmt == "html":
        return _from_grid(html_to_grid(text, source), source)
    return extract_grid(text_to_grid(text, source), text)


def _doubtful(source: str, page: int, doubtful: list[tuple[str, float]]) -> tuple[ExtractionWarning, ...]:
    """OCR recognitions below the confidence threshold, to be checked against the scan."""
    return tuple(
        ExtractionWarning(
            f"识别置信度低（{score:.2f}）：“{text}”，请对照原件核对", SourceRef(source, page=page)
        )
        for text, score in doubtful
        if text.strip()
    )


def _from_grid(grid: Grid, source: str, notes: Sequence[ExtractionWarning] = ()) -> ExtractResult:
    """Stage 2 on the grid of a non-text format; ``notes`` are the reader's own warnings."""
    if not grid.rows:
        raise ParseError(source, "文件中没有文字或表格")
    text = "\n".join("\t".join(row.cells) for row in grid.rows)
    result = extract_grid(grid, text)
    return dataclasses.replace(result, warnings=(*result.warnings, *notes)) if notes else result


def extract(path: str | Path, source: str | None = None) -> ExtractResult:
    """Extract every form of the file at ``path``.

    Raises:
        ParseError: the file is missing, too large, or cannot be read at all.
    """
    name = source or str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise ParseError(name, "是目录，不是文件")
        if size > MAX_BYTES:
            raise ParseError(
                name,
                f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB）",
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ParseError(name, "文件不存在") from None
    except PermissionError:
        raise ParseError(name, "没有读取权限") from None
    except OSError as exc:
        raise ParseError(name, f"无法读取：{exc.strerror}") from None
    return extract_bytes(data, name)
