"""Web pages → grid (stage 1): plain table HTML, pages saved from a browser, and MHTML.

A page saved from a browser wraps the tables people want in everything else a site prints:
scripts, styles, navigation, buttons, hidden widgets, and tables inside ``<div>``s or inside the
cells of a layout table. Only what a reader sees of the document is kept: the content of
``script``, ``style``, ``head``, ``nav`` and the like, and of elements hidden by their inline
style, is skipped; a table inside another table's cell gives its own rows, with the text around
it in that cell as rows of their own, in page order. Text blocks are one-cell rows; table rows are
rows of cells (colspan → blanks after, rowspan → blanks below); the paragraphs of a cell are its
lines, as in DOCX.

An MHTML file (``.mht``/``.mhtml``: a MIME multipart message, as browsers and Office save "one
file" web pages) is read as its HTML parts, each decoded from its transfer encoding
(quoted-printable or base64) and its charset.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from jixiao.core.errors import ParseError
from jixiao.core.ingest.encoding import UnknownEncoding, guess_encoding
from jixiao.core.ingest.grid import Grid, Row

__all__ = ["html_to_grid", "is_mhtml", "mhtml_parts", "mhtml_to_grid"]

_BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "title",
    "section",
    "article",
    "br",
    "caption",
    "tr",
    "table",
    "header",
    "footer",
    "main",
    "aside",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "ul",
    "ol",
    "form",
    "fieldset",
    "center",
}
#: Elements whose content a reader of the document does not see as its text.
_SKIP = {
    "script",
    "style",
    "head",
    "noscript",
    "nav",
    "template",
    "svg",
    "math",
    "select",
    "button",
    "iframe",
    "object",
    "canvas",
    "map",
    "noframes",
    "audio",
    "video",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _clean_lines(parts: list[str]) -> str:
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parts))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


class _TableParser(HTMLParser):
    """Collects text blocks and table rows (colspan → blanks after, rowspan → blanks below)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.buffer: list[str] = []
        self.skipping: str | None = None  # the element being skipped, and how deep in it
        self.depth = 0
        self.tables: list[dict[str, Any]] = []  # stack of {row, cell, spans: {col: rows left}}

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buffer)).strip()
        self.buffer = []
        if text:
            self.rows.append([text])

    def _cell(self) -> dict[str, Any] | None:
        return self.tables[-1]["cell"] if self.tables else None

    def _skip(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """Whether the start tag is inside (or begins) content to skip."""
        if self.skipping is not None:
            if tag == "body" and self.skipping == "head":  # a head never closed ends here
                self.skipping = None
                return False
            if tag == self.skipping:
                self.depth += 1
            return True
        if tag in _VOID:
            return False
        style = next((v for k, v in attrs if k == "style" and v), "")
        if tag in _SKIP or _HIDDEN.search(style) or any(k == "hidden" for k, _ in attrs):
            self.skipping, self.depth = tag, 1
            return True
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip(tag, attrs):
            return
        cell = self._cell()
        if tag == "table":
            if cell is not None:  # a table inside a cell: the outer table is for layout
                outer = self.tables[-1]
                self.rows.extend([line] for text in outer["row"] for line in text.split("\n") if line)
                outer["row"], outer["layout"] = [], True
                self._layout_text(cell)
            self._flush()
            self.tables.append({"row": None, "cell": None, "spans": {}})
        elif self.tables and tag == "tr":  # a row or cell left open ends here, as in a browser
            table = self.tables[-1]
            self._end_cell(table)
            self._end_row(table)
            table["row"] = []
        elif self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            self._end_cell(table)
            if table["row"] is None:
                table["row"] = []
            self._fill_spans(table)
            values = dict(attrs)
            table["cell"] = {
                "text": [],
                "colspan": _span(values.get("colspan")),
                "rowspan": _span(values.get("rowspan")),
            }
        elif cell is not None and tag in _BLOCKS:
            cell["text"].append("\n")
        elif tag in _BLOCKS and not self.tables:
            self._flush()

    def _layout_text(self, cell: dict[str, Any]) -> None:
        """The text of a cell of a layout table (around the table inside it): rows of their
        own, line by line."""
        self.rows.extend([line] for line in _clean_lines(cell["text"]).split("\n") if line)
        cell["text"] = []

    def _fill_spans(self, table: dict[str, Any]) -> None:
        row = table["row"]
        while table["spans"].get(len(row), 0) > 0:
            table["spans"][len(row)] -= 1
            row.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.handle_starttag(tag, attrs)
        # <div/> or <td/>: an element without content

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.depth -= 1
                if self.depth == 0:
                    self.skipping = None
            return
        if not self.tables:
            if tag in _BLOCKS:
                self._flush()
            return
        table = self.tables[-1]
        if tag in ("td", "th"):
            self._end_cell(table)
        elif tag == "tr":
            self._end_cell(table)
            self._end_row(table)
        elif tag == "table":
            self._end_cell(table)
            self._end_row(table)
            self.tables.pop()
        elif table["cell"] is not None and tag in _BLOCKS:
            table["cell"]["text"].append("\n")

    def _end_cell(self, table: dict[str, Any]) -> None:
        """The open cell of ``table`` (if any) is complete: into its row, spans noted."""
        cell = table["cell"]
        if cell is None:
            return
        table["cell"] = None
        if table.get("layout"):  # the text of a layout table's cells: rows of their own
            self._layout_text(cell)
            return
        text = _clean_lines(cell["text"])
        row = table["row"]
        start = len(row)
        row.append(text)
        row.extend([""] * (cell["colspan"] - 1))
        if cell["rowspan"] > 1:
            for c in range(start, start + cell["colspan"]):
                table["spans"][c] = cell["rowspan"] - 1

    def _end_row(self, table: dict[str, Any]) -> None:
        """The open row of ``table`` (if any) is complete: a row of the grid unless blank."""
        row = table["row"]
        if row is None:
            return
        self._fill_spans(table)
        while row and not row[-1]:
            row.pop()
        if any(row):
            self.rows.append(row)
        table["row"] = None

    def handle_data(self, data: str) -> None:
        if self.skipping is not None:
            return
        cell = self._cell()
        if cell is not None:
            cell["text"].append(data)
        elif not self.tables:
            self.buffer.append(data)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def html_to_grid(text: str, source: str) -> Grid:
    """Text blocks as one-cell rows and table rows as rows of cells, in page order."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    parser._flush()
    rows = tuple(Row(tuple(cells), n) for n, cells in enumerate(parser.rows, start=1))
    return Grid(source=source, rows=rows)


_MIME_HEADER = re.compile(rb"^(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+", re.MULTILINE)


_MIME_START = (b"from:", b"mime-version:", b"content-type:", b"subject:", b"date:")


def is_mhtml(data: bytes) -> bool:
    """The bytes are a MIME message with a multipart body (an MHTML "web archive")."""
    head = data[:8192].lstrip()
    if not head[:200].lower().startswith(_MIME_START):
        return False
    headers = _MIME_HEADER.match(head)
    return headers is not None and b"multipart/" in headers.group(0).lower()


def mhtml_parts(data: bytes, source: str) -> list[tuple[str, tuple[str, ...]]]:
    """The HTML parts of an MHTML file, decoded: ``(text, notes on their encoding)`` each.

    Raises:
        ParseError: the message holds no HTML part.
    """
    import email  # late: the email package is a tenth of the start-up, needed by MHTML only
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    parts: list[tuple[str, tuple[str, ...]]] = []
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        parts.append(_decode_part(payload, part.get_content_charset()))
    if not parts:
        raise ParseError(source, "是 MHTML 网页存档，但其中没有网页（HTML）部分")
    return parts


def mhtml_to_grid(data: bytes, source: str) -> tuple[Grid, tuple[str, ...]]:
    """The rows of every HTML part of an MHTML file in order (lines numbered on across parts),
    and the notes on their encodings.

    Raises:
        ParseError: the message holds no HTML part, or one in no encoding tried.
    """
    rows: list[Row] = []
    notes: list[str] = []
    try:
        parts = mhtml_parts(data, source)
    except UnknownEncoding as exc:
        raise ParseError(source, str(exc)) from None
    for text, found in parts:
        offset = len(rows)
        rows += [Row(row.cells, row.line + offset) for row in html_to_grid(text, source).rows]
        notes += found
    return Grid(source=source, rows=tuple(rows)), tuple(notes)


def _decode_part(payload: bytes, charset: str | None) -> tuple[str, tuple[str, ...]]:
    """A part's bytes in the charset it names (when Python knows it), else by evidence."""
    if charset:
        name = "gb18030" if charset.lower() in ("gb2312", "gbk", "x-gbk") else charset
        try:
            return payload.decode(name), ()
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = guess_encoding(payload)
    return decoded.text, decoded.notes
