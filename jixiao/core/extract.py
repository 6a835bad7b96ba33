"""The ``extract`` use case: a file → :class:`~jixiao.core.model.ExtractResult`.

Stage 1 (:func:`jixiao.core.ingest.read.read_bytes`: the format detected by content, the
reader of that format) gives a grid; stage 2 (:func:`jixiao.core.documents.registry.recognise`)
finds the forms and tables in it. The readers' settings carry the forms' vocabulary as the
words the OCR corrects a misread cell to (:data:`SETTINGS`), since stage 1 knows no forms.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

from jixiao.core.documents.registry import recognise
from jixiao.core.documents.vocab import ACCOUNTS_WORDS, TEMPLATE_WORDS
from jixiao.core.errors import ParseError
from jixiao.core.ingest.grid import Grid
from jixiao.core.ingest.read import MAX_BYTES, read_bytes
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings
from jixiao.core.model import ExtractionWarning, ExtractResult, SourceRef

__all__ = [
    "NOTHING_FOUND",
    "SETTINGS",
    "extract",
    "extract_bytes",
    "extract_grid",
    "nothing_found",
    "read_file",
]

#: The warning of a file in which no form, 决算 table or figure was recognised.
NOTHING_FOUND = (
    "未识别出绩效自评表或决算公开表（文件中没有读到可审核的表格或数字）；"
    "请确认文件内容是否为自评表或决算公开表，以及文件格式与编码"
)

#: The readers' settings for documents of the forms: the labels of the forms and of the 部门决算
#: tables (with the national classification names) are the words a misread cell is corrected to.
SETTINGS = dataclasses.replace(
    DEFAULT_SETTINGS, lexicon=tuple(dict.fromkeys((*TEMPLATE_WORDS, *ACCOUNTS_WORDS)))
)


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


def extract_bytes(data: bytes, source: str, settings: ReaderSettings = SETTINGS) -> ExtractResult:
    """Extract from the bytes of a file named ``source``: stage 1, then stage 2.

    Raises:
        ParseError: the content cannot be read at all.
    """
    reading = read_bytes(data, source, settings)
    result = extract_grid(reading.grid, reading.text)
    notes = reading.warnings
    if nothing_found(result):
        notes = (*notes, ExtractionWarning(NOTHING_FOUND, SourceRef(source)))
    if not notes:
        return result
    return dataclasses.replace(result, warnings=(*result.warnings, *notes))


def nothing_found(result: ExtractResult) -> bool:
    """Nothing of what jixiao reviews was recognised in ``result``: no form, no 决算 table and
    no figure of a 情况说明."""
    return not result.forms and not result.final_accounts


def read_file(path: str | Path, source: str | None = None) -> bytes:
    """The bytes of the file at ``path`` (at most :data:`MAX_BYTES`).

    Only a regular file is read: a named pipe, a device or a socket (which could block for ever
    or never end) is refused, whether named directly or through a link.

    Raises:
        ParseError: the file is missing, a folder, not a regular file, too large or unreadable.
    """
    name = source or str(path)
    try:
        # O_NONBLOCK: opening a named pipe without a writer must not wait for one
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ParseError(name, "文件不存在") from None
    except IsADirectoryError:
        raise ParseError(name, "是目录，不是文件") from None
    except PermissionError:
        raise ParseError(name, "没有读取权限") from None
    except OSError as exc:
        raise ParseError(name, f"无法读取：{exc.strerror}") from None
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(file.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise ParseError(name, "是目录，不是文件")
            if not stat.S_ISREG(info.st_mode):
                raise ParseError(name, f"不是普通文件（{_kind(info.st_mode)}），无法读取")
            data = file.read(MAX_BYTES + 1) if info.st_size <= MAX_BYTES else b""
            if info.st_size > MAX_BYTES or len(data) > MAX_BYTES:
                size = max(info.st_size, len(data)) // (1024 * 1024)
                raise ParseError(name, f"文件过大（{size} MB，上限 {MAX_BYTES // (1024 * 1024)} MB）")
            return data
        except OSError as exc:
            raise ParseError(name, f"无法读取：{exc.strerror}") from None


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in Chinese."""
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


def extract(
    path: str | Path, source: str | None = None, settings: ReaderSettings = SETTINGS
) -> ExtractResult:
    """Extract every form of the file at ``path``.

    Raises:
        ParseError: the file is missing, too large, or cannot be read at all.
    """
    name = source or str(path)
    return extract_bytes(read_file(path, name), name, settings)
