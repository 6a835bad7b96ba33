"""The fonts pdfium substitutes for the fonts a PDF names without embedding: the same on every
machine.

For a font the PDF does not embed (a CJK font, in most government files), pdfium asks the
system for a substitute. Its text page then depends on the machine: a text object of one
character whose glyph the substitute lacks (a CJK character on a machine without a CJK font)
has an empty box and is dropped from the text page, so a cell's last character wrapped onto a
line of its own disappears. :func:`use_own_fonts` gives pdfium, once per process, a system font
source of its own instead of the machine's: for the CJK character sets (and font names that are
CJK) a font built here (:func:`box_font`) whose one glyph, a square a full em wide, stands for
every character; for the others nothing, so that pdfium uses the standard fonts built into it.
Characters are placed from the PDF's own widths (:mod:`jixiao.core.ingest.pdf`), never from the
substitute's, so the square glyph only makes sure that no character is lost. A page rendered
(``jixiao debug``) draws such characters as squares.
"""

from __future__ import annotations

import ctypes
import struct
import threading
from functools import cache
from typing import Any

__all__ = ["box_font", "use_own_fonts"]

#: pdfium's character sets of Chinese, Japanese and Korean fonts (Windows charset numbers).
_CJK_CHARSETS = {128, 129, 130, 134, 136}
#: Words of the names of CJK fonts (lower case): a font named so is substituted by the box
#: font whatever character set it states.
_CJK_NAMES = ("song", "hei", "kai", "fang", "ming", "gothic", "mincho", "yahei", "gb", "sim", "stx", "fz")
_FACE = b"JixiaoBox"

_lock = threading.Lock()
_installed: list[Any] = []  # the structure and callbacks handed to pdfium, kept alive


@cache
def box_font() -> bytes:
    """A TrueType font of one glyph (a square, one em wide, from 0.12 em below the baseline to
    0.88 above) that every Unicode character maps to (cmap format 13)."""
    em, low, high = 1000, -120, 880
    glyph = struct.pack(">hhhhh", 1, 50, low, em - 50, high) + struct.pack(">HH", 3, 0)
    glyph += bytes([1, 1, 1, 1]) + struct.pack(">hhhh", 50, 0, em - 100, 0)
    glyph += struct.pack(">hhhh", low, high - low, 0, low - high)
    glyph += b"\0" * (-len(glyph) % 4)
    name = _FACE.decode().encode("utf-16-be")
    tables = {
        b"cmap": struct.pack(">HHHHI", 0, 1, 3, 10, 12) + struct.pack(">HHIII", 13, 0, 28, 0, 1)
        + struct.pack(">III", 0, 0x10FFFF, 1),
        b"glyf": glyph,
        b"head": struct.pack(">IIIIHHqqhhhhHHhhh", 0x10000, 0x10000, 0, 0x5F0F3CF5, 0x000B, em, 0, 0,
                             50, low, em - 50, high, 0, 8, 2, 0, 0),
        b"hhea": struct.pack(">IhhhHhhhhhhhhhhhH", 0x10000, high, low, 0, em, 0, 50, em - 50, 1, 0, 0,
                             0, 0, 0, 0, 0, 2),
        b"hmtx": struct.pack(">HhHh", em, 0, em, 50),
        b"loca": struct.pack(">HHH", 0, 0, len(glyph) // 2),
        b"maxp": struct.pack(">IHHHHHHHHHHHHHH", 0x10000, 2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
        b"name": struct.pack(">HHH", 0, 1, 18) + struct.pack(">HHHHHH", 3, 1, 0x409, 1, len(name), 0) + name,
        b"post": struct.pack(">IIhhIIIII", 0x30000, 0, 0, 0, 0, 0, 0, 0, 0),
    }
    out = struct.pack(">IHHHH", 0x10000, len(tables), 128, 3, len(tables) * 16 - 128)
    offset = 12 + 16 * len(tables)
    body = b""
    for tag, data in sorted(tables.items()):
        out += tag + struct.pack(">III", 0, offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return out + body


def _table(font: bytes, tag: int) -> bytes:
    """One table of ``font`` (``tag`` as pdfium gives it: four bytes, big-endian), or nothing."""
    count = struct.unpack_from(">H", font, 4)[0]
    for n in range(count):
        name, _, offset, length = struct.unpack_from(">IIII", font, 12 + 16 * n)
        if name == tag:
            return font[offset : offset + length]
    return b""


def _is_cjk(charset: int, face: bytes | None) -> bool:
    """A font of a CJK character set, or named as CJK fonts are (a name in Chinese, SimSun …)."""
    name = (face or b"").lower()
    if charset in _CJK_CHARSETS or any(b > 127 for b in name):
        return True
    return any(word.encode() in name for word in _CJK_NAMES)


def use_own_fonts() -> None:
    """Make pdfium substitute the fonts that PDFs do not embed by :func:`box_font` (CJK) or its
    built-in standard fonts (the others), never by the machine's fonts. Done once per process;
    documents opened after it read the same on every machine."""
    with _lock:
        if _installed:
            return
        import pypdfium2.raw as raw

        info_type = raw.FPDF_SYSFONTINFO
        fields = dict(info_type._fields_)
        font = box_font()
        charsets: dict[int, int] = {}  # handle → the character set it was asked for

        def map_font(_this: Any, _weight: int, _italic: int, charset: int, _pitch: int, face: Any,
                     _exact: Any) -> int | None:
            name = ctypes.cast(face, ctypes.c_char_p).value if face else None
            if not _is_cjk(charset, name):
                return None
            handle = 0x1000 + charset
            charsets[handle] = charset
            return handle

        def get_font(_this: Any, face: Any) -> int | None:
            return map_font(_this, 400, 0, 1, 0, face, None)

        def font_data(_this: Any, _handle: Any, table: int, buffer: Any, size: int) -> int:
            data = font if table == 0 else _table(font, table)
            if buffer and size >= len(data):
                ctypes.memmove(buffer, data, len(data))
            return len(data)

        def face_name(_this: Any, _handle: Any, buffer: Any, size: int) -> int:
            if buffer and size > len(_FACE):
                ctypes.memmove(buffer, _FACE + b"\0", len(_FACE) + 1)
            return len(_FACE) + 1

        def charset_of(_this: Any, handle: Any) -> int:
            return charsets.get(handle or 0, 134)

        def nothing(*_args: Any) -> None:
            return None

        info = info_type(
            version=1,
            Release=fields["Release"](nothing),
            EnumFonts=fields["EnumFonts"](nothing),
            MapFont=fields["MapFont"](map_font),
            GetFont=fields["GetFont"](get_font),
            GetFontData=fields["GetFontData"](font_data),
            GetFaceName=fields["GetFaceName"](face_name),
            GetFontCharset=fields["GetFontCharset"](charset_of),
            DeleteFont=fields["DeleteFont"](nothing),
        )
        raw.FPDF_SetSystemFontInfo(ctypes.byref(info))
        _installed.append(info)
