"""Each cell read as the template must have printed it.

A cell one character away from a word of the lexicon (``ReaderSettings.lexicon``: the labels
of the forms and of the 部门决算 tables with the national classification names, given by the
caller; stage 1 knows no forms) is that word; a figure with a misread separator is put right
("10.580.40" → "10,580.40", "15：00" → "15.00"); a decimal point lost in a column of amounts
is restored (:func:`lost_points`, "59011" → "590.11"). Every figure changed is reported as a
:class:`~jixiao.core.ingest.notes.Correction` (what was read, what it became, how), so that it
is checked against the scan rather than silently trusted.
"""

from __future__ import annotations

import re
from functools import cache

from jixiao.core.ingest.notes import Correction
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings
from jixiao.core.text import key

__all__ = ["AS_FIGURE", "POINT_RESTORED", "lost_points", "read_table", "reread"]


@cache
def _template_words(lexicon: tuple[str, ...], least: int) -> dict[int, list[tuple[str, str]]]:
    """The words of ``lexicon`` of ``least`` or more characters, by length: (key, the word as
    printed)."""
    out: dict[int, list[tuple[str, str]]] = {}
    for word in dict.fromkeys(lexicon):
        if len(key(word)) >= least:
            out.setdefault(len(key(word)), []).append((key(word), word))
    return out


def _one_off(read: str, word: str, lost: int) -> bool:
    """Whether ``read`` is ``word`` with one character misread, lost ("一般公共服务支" for words of
    ``lost`` or more) or added ("科目代禾码"; not a digit, "产出指标1" is no misread "产出指标")."""
    if len(read) == len(word):
        return sum(x != y for x, y in zip(read, word, strict=True)) == 1
    if len(read) == len(word) + 1:
        return any(read[:i] + read[i + 1 :] == word and not read[i].isdigit() for i in range(len(read)))
    return len(word) >= lost and len(read) == len(word) - 1 and _one_off(word, read, lost)


def _exact(k: str, settings: ReaderSettings) -> str | None:
    """The template label whose key is ``k``, as printed."""
    words = _template_words(settings.lexicon, settings.min_word).get(len(k), [])
    return next((word for word_key, word in words if word_key == k), None)


def _label(k: str, settings: ReaderSettings) -> str | None:
    """The template label a cell's key is, exactly or with one character misread (unique)."""
    if exact := _exact(k, settings):
        return exact
    known = _template_words(settings.lexicon, settings.min_word)
    words = [w for n in (len(k) - 1, len(k), len(k) + 1) for w in known.get(n, [])]
    near = {word for word_key, word in words if _one_off(k, word_key, settings.min_lost_word)}
    return near.pop() if len(near) == 1 else None


#: What the OCR makes of the characters of an enumeration ("十一、", "（三）"): the numerals, and
#: the strokes they are misread as ("+" for 十, "—" for 一).
_NUMERAL_LIKE = frozenset("一二三四五六七八九十上土干千丁+＋—–-－_丨|lI（）()0123456789")
_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+|\d{1,2}|[(（][一二三四五六七八九十\d]{1,3}[)）])$")


def _enumerated(prefix: str, separator: str, label: str) -> str:
    """A label behind its enumeration: "九" → "九、label", "（三）" → "（三）label", "2" and "." →
    "2.label"; an enumeration misread beyond recognition ("十—", "二丨") is dropped."""
    if not _ENUMERATION.match(prefix):
        return label
    if prefix[0] in "(（":
        return prefix + label
    return f"{prefix}{'.' if prefix.isdigit() and separator.strip()[:1] in ('.', '．') else '、'}{label}"


#: What a decimal point or a thousands separator is read as, and stray stops after a figure.
_STOPS = ".,，。:：;；·"
_SEPARATOR = f"[{_STOPS}]"
_FIGURE = re.compile(
    rf"^(-?)(\d{{1,3}}(?:{_SEPARATOR}\d{{3}})+{_SEPARATOR}(?=\d\d$)|\d+{_SEPARATOR})(\d{{1,2}})$"
)
_TAGS = re.compile(r"^(?:<b>|b>|<b(?=[\d-]))|(?:<?/b>?|<)$")
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_STOPPED_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?%)[.,，。:：;；、]$")
_FIGURE_CHARACTERS = re.compile(rf"^[\dOo{_STOPS}-]*\d[\dOo{_STOPS}-]*$")


def _figure(cell: str) -> tuple[str, bool] | None:
    """A cell that is a figure as printed, or ``None``: bold tags read in part around it
    ("<b>590.11</b", "b>0.00/b>") and a stray stop after it ("0.00，", "100%：") are dropped; a misread
    separator is put right ("10.580.40", "11;229.01", "15：00" → "10,580.40", "11,229.01",
    "15.00") and so is an "O" among digits. Returns the text and whether a character of the
    figure itself was changed (then the figure is reported as corrected)."""
    text = _TAGS.sub("", cell.strip()).strip()
    if percent := _STOPPED_PERCENT.match(text):
        return percent[1], False
    if not _FIGURE_CHARACTERS.match(text):
        return None
    digits = re.sub("[Oo]", "0", text)
    changed = digits != text
    if len(digits) > 1 and digits[-1] in _STOPS and _NUMBER.match(digits[:-1]):
        digits = digits[:-1]
    if match := _FIGURE.match(digits):
        figure = f"{match[1]}{re.sub(_SEPARATOR, ',', match[2][:-1])}.{match[3]}"
        return figure, changed or figure != digits
    return (digits, changed) if _NUMBER.match(digits) else None


_CLOSING_TAG = re.compile(r"<?[/／]b[>≥〉]?$")
_DOUBLED = re.compile(r"（\(|\(（|）\)|\)）")


def reread(cell: str, settings: ReaderSettings = DEFAULT_SETTINGS) -> tuple[str, bool]:
    """A cell as the template must have printed it.

    - A piece of a cell border read at either end ("|", "丨") is dropped.
    - A bracket read twice, once in each width ("目标1（(40分）"), is one bracket.
    - A bold tag printed around a cell's text and read in part ("<b>本年支出合计</b≥") is whole
      again, so that it is dropped as a tag.
    - A figure is put right (:func:`_figure`).
    - A label of 4 or more characters with one character misread is the label ("项自名称" →
      "项目名称", "卫牛健康支出" → "卫生健康支出") when no other label is as near, also behind an
      enumeration, whose misread numerals are then dropped ("十—、：城乡社区支出" →
      "城乡社区支出"; "九、卫牛健康支出" → "九、卫生健康支出").

    Returns the text and whether a figure was changed (to be reported as corrected).
    """
    cell = _DOUBLED.sub(lambda m: m.group()[-1], cell.strip().strip("|丨").strip())
    cell = _CLOSING_TAG.sub("</b>", cell) if cell.startswith("<b>") else cell
    if (figure := _figure(cell)) is not None:
        return figure
    k = key(cell)
    if len(k) < settings.min_word:
        return cell, False
    if word := _exact(k, settings):
        return word, False  # as printed: "政府性基金预算：财政拨款", "对个人和家庭的补助，"
    # An enumeration before a label: "十一、", "（三）", misread or not.
    run = 0
    while run < min(len(cell), 5) and cell[run] in _NUMERAL_LIKE:
        run += 1
    for split in range(run, 0, -1):
        rest = cell[split:].lstrip("、，,.．。：:;； ")
        if len(key(rest)) >= settings.min_word and (label := _label(key(rest), settings)):
            return _enumerated(cell[:split], cell[split : len(cell) - len(rest)], label), False
    return (_label(k, settings) or cell), False


_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.\d{2}$")
_BARE = re.compile(r"^[1-9]\d{2,}$")


def lost_points(table: list[list[str]]) -> list[tuple[int, int]]:
    """(row, column) of the figures of a table whose decimal point the OCR lost ("59011" for
    "590.11"): the one whole number of 3 or more digits in a row with 2 or more amounts printed
    to the cent, standing in a column of such amounts (3 or more of them, one next to it). A
    row with two such whole numbers ("300", "320": an indicator's target and result) is left
    alone, and so is a column of codes."""

    def amounts(cells: list[str]) -> int:
        return sum(1 for cell in cells if _AMOUNT.match(cell))

    columns = [
        [row[c] if c < len(row) else "" for row in table] for c in range(max(map(len, table), default=0))
    ]
    out = []
    for r, cells in enumerate(table):
        if amounts(cells) < 2:
            continue
        found = [
            c
            for c, cell in enumerate(cells)
            if _BARE.match(cell)
            and amounts(columns[c]) >= 3
            and amounts([columns[c][n] for n in (r - 1, r + 1) if 0 <= n < len(table)])
        ]
        if len(found) == 1:
            out.append((r, found[0]))
    return out


#: How a figure was corrected, as the warning says it.
AS_FIGURE = "按数字格式"
POINT_RESTORED = "按同列金额补回小数点"


def read_table(
    rows: list[list[str]], settings: ReaderSettings = DEFAULT_SETTINGS
) -> tuple[list[list[str]], list[Correction]]:
    """The cells of a table's rows re-read (:func:`reread`, :func:`lost_points`), and the
    figures corrected: each as read, as it became and how."""
    read = [[reread(cell, settings) for cell in cells] for cells in rows]
    out = [[text for text, _ in pairs] for pairs in read]
    how = {
        (r, c): AS_FIGURE for r, pairs in enumerate(read) for c, (_, changed) in enumerate(pairs) if changed
    }
    for r, c in lost_points(out):
        out[r][c] = f"{out[r][c][:-2]}.{out[r][c][-2:]}"
        how[(r, c)] = f"{how[(r, c)]}、{POINT_RESTORED}" if (r, c) in how else POINT_RESTORED
    return out, [Correction(rows[r][c], out[r][c], way) for (r, c), way in sorted(how.items())]
