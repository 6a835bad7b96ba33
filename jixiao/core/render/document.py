"""A small document model (headings and paragraphs) and its renderers: plain text, HTML, DOCX.

Generated narrative texts (the 决算情况说明, later the self-evaluation report) are built as a
:class:`Document` and written in whichever format the user asks for. Text the user still has to
supply is written as a placeholder "【名称】"; HTML marks it with ``<mark>`` and DOCX with a
yellow highlight, so it cannot be missed before publishing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

__all__ = ["FORMATS", "PLACEHOLDER", "Block", "Document", "to_docx", "to_html", "to_text", "write"]

#: A placeholder for text the user has to supply.
PLACEHOLDER = re.compile(r"【[^【】]+】")
#: Output formats :func:`write` knows, by the name used on the command line.
FORMATS = ("html", "docx", "txt")


@dataclass(frozen=True, slots=True)
class Block:
    """A heading (``level`` 1–3) or a paragraph (``level`` 0)."""

    text: str
    level: int = 0


@dataclass
class Document:
    """A titled sequence of headings and paragraphs, plus notes for the person generating it.

    ``notes`` are not part of the document: they tell the user where figures came from and what
    is still to fill in (printed on stderr by the CLI, at the end of the HTML in a separate box).
    """

    title: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def heading(self, text: str, level: int = 1) -> None:
        """Append a heading."""
        self.blocks.append(Block(text, level))

    def paragraph(self, text: str) -> None:
        """Append a paragraph."""
        self.blocks.append(Block(text, 0))

    def placeholders(self) -> list[str]:
        """The placeholders still in the text, in order of first appearance."""
        seen: dict[str, None] = {}
        for block in self.blocks:
            for m in PLACEHOLDER.finditer(block.text):
                seen.setdefault(m.group(0), None)
        return list(seen)


def to_text(doc: Document) -> str:
    """Plain text: headings on their own line, paragraphs indented by two full-width spaces."""
    lines = [doc.title, ""]
    for block in doc.blocks:
        lines.append(block.text if block.level else f"\u3000\u3000{block.text}")
    return "\n".join(lines) + "\n"


def _html_inline(text: str) -> str:
    out, last = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


_SERIF = '"FangSong","仿宋","SimSun","Noto Serif CJK SC",serif'
_SANS = '"SimHei","黑体","Noto Sans CJK SC",sans-serif'
_CSS = (
    f"body{{font-family:{_SERIF};max-width:46em;margin:2em auto;line-height:1.8;font-size:16pt}}"
    f"h1{{font-family:{_SANS};text-align:center;font-size:22pt}}"
    f"h2{{font-family:{_SANS};font-size:16pt}}"
    'h3{font-size:16pt;font-family:"KaiTi","楷体",serif}'
    "p{text-indent:2em;margin:.3em 0}mark{background:#ffec3d}"
    "aside{border:1px solid #ccc;padding:.5em 1em;margin-top:2em;font-size:11pt;font-family:sans-serif}"
)


def to_html(doc: Document) -> str:
    """A standalone HTML page (UTF-8, no external resources)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(doc.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(doc.title)}</h1>",
    ]
    for block in doc.blocks:
        tag = f"h{block.level + 1}" if block.level else "p"
        parts.append(f"<{tag}>{_html_inline(block.text)}</{tag}>")
    if doc.notes:
        parts.append("<aside><strong>生成说明（不属于正文）</strong><ul>")
        parts.extend(f"<li>{html.escape(n)}</li>" for n in doc.notes)
        parts.append("</ul></aside>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def to_docx(doc: Document) -> bytes:
    """A Word document: 仿宋 三号 body, 黑体 headings, placeholders highlighted in yellow."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.oxml.ns import qn
    from docx.shared import Pt

    out = Docx()

    def font(run: object, name: str, size: float) -> None:
        run.font.name = name  # type: ignore[attr-defined]
        run.font.size = Pt(size)  # type: ignore[attr-defined]
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)  # type: ignore[attr-defined]

    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(title.add_run(doc.title), "方正小标宋简体", 22)
    for block in doc.blocks:
        p = out.add_paragraph()
        if block.level:
            font(p.add_run(block.text), "黑体" if block.level == 1 else "楷体", 16)
            continue
        p.paragraph_format.first_line_indent = Pt(32)
        last = 0
        for m in [*PLACEHOLDER.finditer(block.text), None]:
            end = m.start() if m else len(block.text)
            if end > last:
                font(p.add_run(block.text[last:end]), "仿宋", 16)
            if m:
                run = p.add_run(m.group(0))
                font(run, "仿宋", 16)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                last = m.end()
    buffer = BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def write(doc: Document, path: Path, fmt: str) -> None:
    """Write ``doc`` to ``path`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "docx":
        path.write_bytes(to_docx(doc))
    elif fmt == "html":
        path.write_text(to_html(doc), encoding="utf-8")
    elif fmt == "txt":
        path.write_text(to_text(doc), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
