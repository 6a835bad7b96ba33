"""Which region's rules apply to a document: read from the place names it prints.

Documents rarely name their province ("承德市医疗保障局", "子洲县医疗保障局"), so the names of
units are matched against China's administrative divisions (``data/divisions.csv``): province,
prefecture-level city and county-level division names, with their suffix (市/县/区/旗/州/盟),
which map to one province. A name shared by counties of several provinces is ignored. Names
in the forms' own header cells count most; the rest of the text breaks ties.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

from jixiao.core.model import Form, Sentence
from jixiao.core.scoring.profile import load_profile, profile_names

__all__ = ["detect_province", "profile_for"]

#: How much text is searched for place names: the first characters of each header cell, and of
#: the running text (a name is printed near the top; a huge file costs no more than this).
HEADER_CHARS = 200
PROSE_CHARS = 20_000

_SUFFIX = re.compile(r"(省|自治区|市|县|区|旗|州|盟|地区)$")


@cache
def _gazetteer() -> tuple[dict[str, str], tuple[int, ...]]:
    """Every unambiguous place name → its province, and the lengths the names have."""
    names: dict[str, set[str]] = {}
    text = (resources.files("jixiao.core.scoring") / "data" / "divisions.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        for col in ("province", "city", "county"):
            name = row[col].strip()
            if name and _SUFFIX.search(name) and len(name) >= 2:
                names.setdefault(name, set()).add(row["province"])
    unique = {n: next(iter(p)) for n, p in names.items() if len(p) == 1}
    # the province names themselves, also without their suffix in "XX省"-style mentions
    for province in {p for ps in names.values() for p in ps}:
        unique[province] = province
    return unique, tuple(sorted({len(n) for n in unique}, reverse=True))


#: The last character of every place name (each ends with its suffix, 省/市/县/区…).
_LAST = re.compile(r"[省市县区旗州盟]")


def _matches(text: str) -> list[str]:
    """The place names of ``text`` as a regular expression of all of them, longest first, finds
    them (leftmost, then longest, never overlapping), found from the suffixes they end with:
    the cost is that of the text's suffix characters, not of the thousands of names."""
    names, lengths = _gazetteer()
    longest: dict[int, int] = {}  # start → end of the longest name starting there
    for m in _LAST.finditer(text):
        end = m.end()
        for n in lengths:
            start = end - n
            if start >= 0 and text[start:end] in names and longest.get(start, 0) < end:
                longest[start] = end
    found: list[str] = []
    pos = 0
    for start in sorted(longest):
        if start >= pos:
            pos = longest[start]
            found.append(names[text[start:pos]])
    return found


def _votes(texts: Iterable[str], weight: int, counter: Counter[str], each: int, total: int) -> None:
    """Count the place names of ``texts``: at most ``each`` characters of each, ``total`` in all."""
    for text in texts:
        if total <= 0:
            return
        part = text[: min(each, total)]
        total -= len(part)
        for province in _matches(part):
            counter[province] += weight


def detect_province(forms: Iterable[Form], prose: Iterable[Sentence] = ()) -> str | None:
    """The province most named by the forms' units (header cells), then by the running text."""
    counter: Counter[str] = Counter()
    header = []
    for f in forms:
        header += [t for t in (f.department, f.implementer, f.project, f.title) if t]
        header += [v for k, v in f.fields.items() if k in ("单位名称", "填报单位")]
    _votes(header, 10, counter, HEADER_CHARS, 1000 * HEADER_CHARS)
    _votes((s.text for s in prose), 1, counter, PROSE_CHARS, PROSE_CHARS)
    if not counter:
        return None
    return counter.most_common(1)[0][0]


@cache
def _by_region() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in profile_names():
        for region in load_profile(name).regions:
            table[region] = name
    return table


def profile_for(province: str | None) -> str:
    """The built-in profile of a province (``national`` when it has none)."""
    if province is None:
        return "national"
    return _by_region().get(province, "national")
