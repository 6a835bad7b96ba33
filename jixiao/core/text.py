"""Cell text normalisation: what extraction inserted is removed, what the form printed stays.

Text copied out of PDFs and web pages carries whitespace the form never had: vertical text
split into single characters ("城 乡 居 民"), wrapped cells ("年初预 算数"), numbers cut by a
line wrap ("0.90732 3"), HTML tags. :func:`clean` removes all of it, keeping a space only
between two Latin letters. :func:`key` goes further for matching labels against vocabulary:
simplified characters, half-width ASCII, no punctuation.
"""

from __future__ import annotations

import re
import sys
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType


def _import_zhconv() -> ModuleType:
    # zhconv imports pkg_resources (a fifth of a second of every start-up) only to open its
    # dictionary, which _load_dictionary opens by path: it is hidden during the import.
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import zhconv.zhconv as module
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    return module


_zhconv = _import_zhconv()

__all__ = ["clean", "convert", "key", "simplified", "strip_tags"]

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_CHECKBOX = re.compile(r"<input\b[^<>]*type=[\"']?checkbox[^<>]*>", re.IGNORECASE)
_MATH = re.compile(r"</?math>")
_WS = re.compile(r"\s+")
_LATIN_GAP = re.compile(r"(?<=[A-Za-z])\s+(?=[A-Za-z])")
_FULLWIDTH_ASCII = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_PUNCT = re.compile(r"[\s:：,，、.。;；()（）\[\]【】\"“”'‘’<>《》*＊]+")


def strip_tags(text: str) -> str:
    """Drop HTML tags, keeping the text between them; checkboxes become ☑ / ☐.

    >>> strip_tags("<b>本年收入合计</b>"), strip_tags('1、是 <input checked="" type="checkbox"/>')
    ('本年收入合计', '1、是 ☑')
    """
    if "<" not in text:
        return text
    text = _CHECKBOX.sub(lambda m: "☑" if "checked" in m.group(0).lower() else "☐", text)
    return _TAG.sub(" ", _MATH.sub("", text)).strip()


@lru_cache(maxsize=65536)
def clean(text: str | None) -> str | None:
    """The printed text without the whitespace and tags extraction inserted.

    Returns ``None`` for ``None`` or a text that is empty once cleaned.

    >>> clean(" 城乡 居民 参加 "), clean("≥1 次"), clean("DRG DIP 试点"), clean("  ")
    ('城乡居民参加', '≥1次', 'DRG DIP试点', None)
    """
    if text is None:
        return None
    text = strip_tags(text)
    text = _LATIN_GAP.sub("\x00", text)
    text = _WS.sub("", text).replace("\x00", " ")
    return text or None


@cache
def _load_dictionary() -> None:
    # zhconv's own lazy loader leaves its dictionary file open; load it by path instead.
    _zhconv.loaddict(str(Path(_zhconv.__file__).with_name("zhcdict.json")))


def convert(text: str, locale: str) -> str:
    """Convert between simplified ("zh-cn") and traditional ("zh-tw") characters."""
    _load_dictionary()
    return _zhconv.convert(text, locale)


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """Traditional characters → simplified (for text from mirror sites).

    >>> simplified("項目支出績效自評表")
    '项目支出绩效自评表'
    """
    if text.isascii():
        return text
    return convert(text, "zh-cn")


@lru_cache(maxsize=65536)
def key(text: str | None) -> str:
    """A matching key: cleaned, simplified, half-width, without punctuation.

    >>> key("項目資金（萬元）"), key("年度 指标值"), key("其中：当年财政 拨款")
    ('项目资金万元', '年度指标值', '其中当年财政拨款')
    """
    if not text:
        return ""
    text = strip_tags(text).translate(_FULLWIDTH_ASCII)
    return _PUNCT.sub("", simplified(text))
