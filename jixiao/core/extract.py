"""The ``extract`` use case: a file → :class:`~jixiao.core.model.ExtractResult`.

Stage 1 (:func:`jixiao.core.ingest.read.read_bytes`: the format detected by content, the
reader of that format) gives a grid; stage 2 (:func:`jixiao.core.documents.registry.recognise`)
finds the forms and tables in it. The readers' settings carry the forms' vocabulary as the
words the OCR corrects a misread cell to (:data:`SETTINGS`), since stage 1 knows no forms.
"""

from __future__ import annotations

import dataclasses
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
    "未识别出绩效自评表或决算公开表（文件中没有读到可审核的表格或数字），未作审核；"
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

    Raises:
        ParseError: the file is missing, a folder, too large or unreadable.
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
        return p.read_bytes()
    except FileNotFoundError:
        raise ParseError(name, "文件不存在") from None
    except PermissionError:
        raise ParseError(name, "没有读取权限") from None
    except OSError as exc:
        raise ParseError(name, f"无法读取：{exc.strerror}") from None


def extract(
    path: str | Path, source: str | None = None, settings: ReaderSettings = SETTINGS
) -> ExtractResult:
    """Extract every form of the file at ``path``.

    Raises:
        ParseError: the file is missing, too large, or cannot be read at all.
    """
    name = source or str(path)
    return extract_bytes(read_file(path, name), name, settings)
