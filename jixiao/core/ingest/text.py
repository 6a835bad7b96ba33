"""Plain text → grid.

Text copied from web pages and PDFs separates cells with tabs, with "|" (markdown or
plain), or with runs of two or more spaces; a line without any separator is one cell (prose,
a title, or a table flattened to one cell per line, which the layout stage reflows).
"""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.core.errors import ParseError
from jixiao.core.ingest.encoding import Decoded, UnknownEncoding, guess_encoding
from jixiao.core.ingest.grid import Grid, Row

__all__ = ["decode", "decode_text", "read_text", "split_cells", "text_to_grid"]

_strip = str.strip
_MULTISPACE = re.compile(r"(?:[ \u3000]{2,}|\u3000)")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_PAGE_MARKER = re.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*/\s*\d{1,4})$"
)


def split_cells(line: str) -> tuple[str, ...]:
    """Split one line into cells by the strongest separator it uses.

    >>> split_cells("a\\tb\\t\\tc"), split_cells("| a | b |"), split_cells("a   b  c d")
    (('a', 'b', '', 'c'), ('a', 'b'), ('a', 'b', 'c d'))
    """
    if "\t" in line:
        return tuple(map(_strip, line.split("\t")))
    stripped = line.strip()
    if stripped.endswith("|") and stripped.count("|") == 1 and len(stripped) > 1:
        return (_strip(stripped[:-1]),)
    if stripped.count("|") >= 2 or (stripped.startswith("|") and stripped.endswith("|")):
        parts = stripped.split("|")
        if stripped.startswith("|"):
            parts = parts[1:]
        if stripped.endswith("|") and parts:
            parts = parts[:-1]
        return tuple(map(_strip, parts))
    if _MULTISPACE.search(stripped):
        return tuple(map(_strip, _MULTISPACE.split(stripped)))
    return (stripped,)


def text_to_grid(text: str, source: str) -> Grid:
    """Turn a whole text into a :class:`Grid`, one row per non-empty line.

    Markdown table rules ("|---|---|") and form-feed page breaks are dropped; the page number
    advances at each form feed.
    """
    rows: list[Row] = []
    page = 1
    paged = "\f" in text
    for lineno, line in enumerate(text.splitlines(), start=1):
        if "\f" in line:
            page += line.count("\f")
            line = line.replace("\f", "")
        stripped = line.strip()
        if (
            not stripped.replace("|", "").strip()  # blank, or borders only ("|", "| | |")
            or ("--" in line and _PIPE_RULE.match(line))
            or _PAGE_MARKER.match(stripped)
        ):
            continue
        rows.append(Row(cells=split_cells(line), line=lineno, page=page if paged else None))
    return Grid(source=source, rows=tuple(rows))


def decode_text(data: bytes, source: str) -> Decoded:
    """Decode bytes of a text file (UTF-8, GB18030, Big5 or UTF-16 with its BOM), the encoding
    chosen by evidence (:mod:`jixiao.core.ingest.encoding`), with notes when it is uncertain.

    Raises:
        ParseError: the bytes are not text in any of these encodings.
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(source, "不是文本文件（含二进制内容），无法按文本读取")
    try:
        return guess_encoding(data)
    except UnknownEncoding as exc:
        raise ParseError(source, str(exc)) from None


def decode(data: bytes, source: str) -> str:
    """The text of :func:`decode_text`, without its notes.

    Raises:
        ParseError: the bytes are not text in any of the encodings tried.
    """
    return decode_text(data, source).text


def read_text(path: str | Path, source: str | None = None) -> Grid:
    """Read a text file into a grid.

    Raises:
        ParseError: the file is missing, unreadable, or not text.
    """
    name = source or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ParseError(name, "文件不存在") from None
    except IsADirectoryError:
        raise ParseError(name, "是目录，不是文件") from None
    except OSError as exc:
        raise ParseError(name, f"无法读取：{exc.strerror}") from None
    return text_to_grid(decode(data, name), name)
