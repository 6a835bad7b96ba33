"""Which pages of a PDF are damaged: content streams that do not decode.

pdfium reads a damaged content stream as far as it decodes and says nothing: a page whose
stream is cut or overwritten in the middle shows part of its text, and a form on it is lost
without a word. :func:`damaged_pages` finds each page's content streams by the file's own
structure (the page tree from the catalogue, each page's /Contents) and decodes them
(ASCII85, ASCIIHex, Flate); a stream whose length does not reach its ``endstream``, or that
does not decode to its end, is damaged. Pages whose dictionaries are in compressed object
streams cannot be seen this way; they are not named (nothing is claimed about them).
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Callable

__all__ = ["damaged_pages"]

_OBJ = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+obj\b")
_REF = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+R\b")
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_DAMAGED = "内容流无法解码"


def damaged_pages(data: bytes, pages: int) -> dict[int, str]:
    """Page number → what is damaged on it, for the first ``pages`` pages of the PDF ``data``."""
    objects = {int(m[1]): m.end() for m in _OBJ.finditer(data)}  # the last definition wins

    def body(number: int) -> bytes:
        start = objects.get(number)
        if start is None:
            return b""
        end = data.find(b"endobj", start)
        return data[start : end if end >= 0 else len(data)]

    root = re.findall(rb"/Root\s+(\d{1,10})\s+\d{1,5}\s+R", data)
    tree = re.search(rb"/Pages\s+(\d{1,10})\s+\d{1,5}\s+R", body(int(root[-1]))) if root else None
    leaves: list[int] = []
    seen: set[int] = set()
    stack = [int(tree[1])] if tree else []
    while stack and len(leaves) < pages:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        text = body(node)
        kids = re.search(rb"/Kids\s*\[(.*?)\]", text, re.S)
        if re.search(rb"/Type\s*/Pages\b", text) and kids:
            stack += reversed([int(ref) for ref in _REF.findall(kids[1])])
        elif re.search(rb"/Type\s*/Page\b", text):
            leaves.append(node)
    found: dict[int, str] = {}
    for page, node in enumerate(leaves, start=1):
        text = body(node)
        contents = re.search(rb"/Contents\s*(\[.*?\]|\d{1,10}\s+\d{1,5}\s+R)", text, re.S)
        streams = [int(ref) for ref in _REF.findall(contents[1])] if contents else []
        if any(not _decodes(body(number), body) for number in streams):
            found[page] = _DAMAGED
    return found


def _decodes(text: bytes, body: Callable[[int], bytes]) -> bool:
    """Whether the stream object whose text is ``text`` (from after "obj") decodes to its end."""
    start = _STREAM.search(text)
    if start is None:
        return False
    head = text[: start.start()]
    length = re.search(rb"/Length\s+(\d{1,10})(\s+\d{1,5}\s+R)?", head)
    if length is None:
        return True  # nothing to check it by
    size = int(length[1])
    if length[2]:  # an indirect length: the object that holds it
        held = re.match(rb"\s*(\d{1,10})", body(size))
        if held is None:
            return True
        size = int(held[1])
    raw = text[start.end() : start.end() + size]
    if not text[start.end() + size :].lstrip().startswith(b"endstream"):
        return False
    filters = re.search(rb"/Filter\s*(\[[^\]]*\]|/\w+)", head)
    try:
        for name in re.findall(rb"/(\w+)", filters[1]) if filters else []:
            raw = _decode(name, raw)
            if raw is None:
                return True  # a filter not checked here (images: DCT, CCITT …)
    except (ValueError, zlib.error):
        return False
    return True


def _decode(name: bytes, raw: bytes) -> bytes | None:
    if name in (b"ASCII85Decode", b"A85"):
        cut = raw.strip()
        cut = cut[2:] if cut.startswith(b"<~") else cut
        return base64.a85decode(cut.removesuffix(b"~>"), ignorechars=b" \t\n\r\x0b\x0c")
    if name in (b"ASCIIHexDecode", b"AHx"):
        return bytes.fromhex(re.sub(rb"\s", b"", raw).removesuffix(b">").decode("ascii"))
    if name in (b"FlateDecode", b"Fl"):
        decoder = zlib.decompressobj()
        out = decoder.decompress(raw)
        if not decoder.eof:
            raise ValueError("truncated")
        return out
    return None
