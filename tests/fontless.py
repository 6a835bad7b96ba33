"""A machine without fonts, in this process: pdfium restarted with an empty font folder.

pdfium does not ask fontconfig for fonts: on Linux it scans /usr/share/fonts and a few other
folders itself, unless it is started with folders of its own (``m_pUserFontPaths``). Restarted
with an empty one, it sees no system font at all, as on a fresh server or container without
a CJK font. ``JIXIAO_TEST_NO_SYSTEM_FONTS=1 .venv/bin/pytest`` runs the whole suite so
(``tests/conftest.py``); ``tests/integration/test_machine_fonts.py`` reads PDFs both ways.
"""

from __future__ import annotations

import ctypes
import tempfile

#: Set to 1 to run the tests as on a machine without fonts.
ENV = "JIXIAO_TEST_NO_SYSTEM_FONTS"

_kept: list[object] = []


def hide_system_fonts() -> None:
    """Restart pdfium seeing no font of the machine. Call it before any PDF is opened."""
    import pypdfium2  # noqa: F401  (starts pdfium, as every user of it does)
    import pypdfium2.raw as raw

    folder = tempfile.mkdtemp(prefix="jixiao-no-fonts-")
    paths = (ctypes.c_char_p * 2)(folder.encode(), None)
    config = raw.FPDF_LIBRARY_CONFIG()
    kind = type(config.m_pUserFontPaths)
    raw.FPDF_DestroyLibrary()
    config = raw.FPDF_LIBRARY_CONFIG(
        version=2, m_pUserFontPaths=ctypes.cast(paths, kind), m_pIsolate=None, m_v8EmbedderSlot=0
    )
    raw.FPDF_InitLibraryWithConfig(config)
    _kept.append(paths)
