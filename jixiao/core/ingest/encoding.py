"""The encoding of a text file, chosen by evidence: which decoding reads as plausible Chinese.

UTF-8 (with or without its BOM) and UTF-16 with its BOM are read as they say. Any other bytes are
decoded as GB18030 and as Big5 (Windows' code page 950, the Big5 that files written on Windows
use; strictly, then, when neither reads well, with undecodable bytes
replaced, UTF-8 too), and each decoding is scored by how much of its non-ASCII text is common
Chinese: the 3,755 characters of GB 2312's first level (the most used simplified characters),
their traditional forms, and the punctuation and symbols forms print; private-use, control and
replacement characters count against it. Big5 bytes read as GB18030 give kana, Greek letters,
private-use and rare characters (a third of them plausible); the right decoding scores near 1.

The choice comes with notes (Chinese, for warnings) when it is uncertain: the best decoding
scores low, another scores nearly as well, or bytes had to be replaced.
"""

from __future__ import annotations

import codecs
from collections import Counter
from dataclasses import dataclass
from functools import cache

from jixiao.core.text import convert

__all__ = ["Decoded", "UnknownEncoding", "guess_encoding", "plausibility"]

#: How many characters of a decoding are scored (the start of the text is evidence enough).
SAMPLE = 200_000
#: A decoding scoring below this, or another within :data:`MARGIN` of it, is uncertain.
CONFIDENT = 0.85
MARGIN = 0.1
#: Below this score a decoding that needed replacements is no text at all.
UNREADABLE = 0.5

_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030", "cp950": "Big5", "utf-16": "UTF-16"}
_PLAUSIBLE_RANGES = (
    (0x00A0, 0x00BF),  # Latin-1 punctuation, °, ±, ·
    (0x00D7, 0x00D7),  # ×
    (0x00F7, 0x00F7),  # ÷
    (0x2010, 0x206F),  # general punctuation: — … ‰ ※
    (0x2100, 0x218F),  # ℃ № Ⅰ Ⅱ
    (0x2190, 0x22FF),  # arrows, ≤ ≥ ≠ √
    (0x2460, 0x24FF),  # ① ②
    (0x2500, 0x27BF),  # box drawing, □ ■ ○ ☑ ✓
    (0x3000, 0x303F),  # CJK punctuation: 、。《》【】
    (0xFF01, 0xFF65),  # full-width ASCII and punctuation
)


class UnknownEncoding(ValueError):
    """The bytes read as text in none of the encodings tried."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A text file decoded.

    Attributes:
        text: the text.
        encoding: the encoding used ("UTF-8", "GB18030", "Big5", "UTF-16").
        notes: why the choice is uncertain or lossy, in Chinese (empty when it is not).
    """

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


@cache
def _plausible() -> frozenset[str]:
    """The common Chinese characters (GB 2312 level 1 and their traditional forms), and the
    punctuation and symbols of :data:`_PLAUSIBLE_RANGES`."""
    level1 = bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
    simplified = level1.decode("gb2312", errors="ignore")
    symbols = "".join(chr(c) for lo, hi in _PLAUSIBLE_RANGES for c in range(lo, hi + 1))
    return frozenset(simplified + convert(simplified, "zh-tw") + convert(simplified, "zh-hk") + symbols)


def plausibility(text: str) -> float:
    """The share of the non-ASCII characters of ``text`` that are plausible in a Chinese
    document (1.0 for a text without any); ASCII control characters other than white space
    count against it.

    >>> plausibility("项目名称：城乡居民"), plausibility("项目名称\\ue000\\ue001") < 0.7
    (1.0, True)
    """
    plausible = _plausible()
    good = bad = 0
    for ch, n in Counter(text[:SAMPLE]).items():
        if ch >= "\x80":
            if ch in plausible:
                good += n
            else:
                bad += n
        elif (ch < " " and ch not in "\t\n\r\f\v") or ch == "\x7f":
            bad += n
    return good / (good + bad) if good + bad else 1.0


@dataclass(frozen=True, slots=True)
class _Candidate:
    encoding: str
    text: str
    replaced: int
    score: float


def _candidate(data: bytes, encoding: str, lossy: bool) -> _Candidate | None:
    try:
        text = data.decode(encoding, errors="replace" if lossy else "strict")
    except UnicodeDecodeError:
        return None
    replaced = text.count("\ufffd") if lossy else 0
    return _Candidate(_NAMES[encoding], text, replaced, plausibility(text))


def guess_encoding(data: bytes) -> Decoded:
    """Decode ``data`` as the encoding the evidence points to.

    Raises:
        UnknownEncoding: no decoding reads as text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict_or_lossy(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict_or_lossy(data, "utf-16")
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    found = [c for enc in ("gb18030", "cp950") if (c := _candidate(data, enc, lossy=False))]
    if not found or max(c.score for c in found) < CONFIDENT:
        found += [c for enc in ("utf-8", "gb18030", "cp950") if (c := _candidate(data, enc, lossy=True))]
    # the best score wins; between equal ones, a strict decoding, then the order tried
    best = max(found, key=lambda c: (c.score, -c.replaced))
    if best.replaced and best.score < UNREADABLE:
        raise UnknownEncoding("无法识别文本编码（已尝试 UTF-8、GB18030、Big5）")
    notes = []
    rivals = [c for c in found if c.encoding != best.encoding and c.score >= best.score - MARGIN]
    if best.score < CONFIDENT or rivals:
        share = f"{best.score:.0%}"
        also = f"（按 {rivals[0].encoding} 读取也可能）" if rivals else ""
        notes.append(
            f"文本编码不能确定，按 {best.encoding} 读取，其中常见汉字和符号占 {share}{also}；"
            "如内容为乱码或未识别出表格，请将文件另存为 UTF-8 编码后重新导入"
        )
    if best.replaced:
        notes.append(_replaced_note(best.replaced, best.encoding))
    return Decoded(best.text, best.encoding, tuple(notes))


def _strict_or_lossy(data: bytes, encoding: str) -> Decoded:
    """A text whose BOM names its encoding: bytes that do not decode are replaced, and said so."""
    try:
        return Decoded(data.decode(encoding), _NAMES[encoding])
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    return Decoded(text, _NAMES[encoding], (_replaced_note(text.count("\ufffd"), _NAMES[encoding]),))


def _replaced_note(count: int, encoding: str) -> str:
    return (
        f"文本中有 {count} 处字节不符合 {encoding} 编码，已替换为“\ufffd”读取；"
        "文件可能已损坏或混用了编码，相关内容可能读错"
    )
