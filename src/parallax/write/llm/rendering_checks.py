"""Whether an English rendering may stand beside its original: every number and name kept, none invented.

Names are compared romanised (anyascii), so "Смирнов" meets "Smirnov" and "王明"
meets "Wang Ming". A place of the original that has an English name of its own
(``exonyms``: "Wien", "Москве", "القاهرة", "上海") must appear under one of its
English names; kept as written ("Warschau") it is refused. Any other name the
original writes with a capital (scripts with case, German aside, where every noun
has one) must appear romanised in the rendering, spelled nearly alike
("Gazprom", not "GAZPR"). A name the rendering adds must come from the original.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import SequenceMatcher
from functools import cache

from anyascii import anyascii

from parallax.write.llm.exonyms import places
from parallax.write.llm.verify import FUNCTION_WORDS, MONTHS, numbers

_CAPITALISED = re.compile(r"\b[A-Z][^\W_]*(?:['’-][^\W_]+)*")
# a number followed by a scale word of the source language: 200亿 is 20 billion, 3,5 млн is 3.5 million
_DIGIT = re.compile(r"(\d+(?:[.,]\d+)*)\s*(万|亿|тыс\.?|млн|млрд|mio\.?|mrd\.?|mil millones|millones|millón|milliards?|"
                    r"millions?|milioni|miliardi|bin|milyon|milyar|ألف|مليون|مليار)?", re.IGNORECASE)
_SCALES = {"万": 1e4, "亿": 1e8, "тыс": 1e3, "тыс.": 1e3, "млн": 1e6, "млрд": 1e9, "mio": 1e6, "mio.": 1e6, "mrd": 1e9,
           "mrd.": 1e9, "mil millones": 1e9, "millones": 1e6, "millón": 1e6, "milliard": 1e9, "milliards": 1e9,
           "million": 1e6, "millions": 1e6, "milioni": 1e6, "miliardi": 1e9, "bin": 1e3, "milyon": 1e6,
           "milyar": 1e9, "ألف": 1e3, "مليون": 1e6, "مليار": 1e9}
_FOREIGN_LETTER = re.compile(r"[^\W\d_a-zA-Z\u00C0-\u024F]")  # a letter of no Latin script
_NOUNS_CAPITALISED = frozenset(["de", "lb"])
_FUNCTION_WORDS_ABROAD = frozenset(["el", "la", "los", "las", "le", "les", "der", "die", "das"])
_CALENDAR = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", *MONTHS])
_UNSPACED = frozenset(["zh", "ja", "th"])  # scripts without spaces: a calendar word is matched anywhere
_ENGLISH_DAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
_PREFIX = 3  # an added name must share its first letters with a word of the original ("Moskva", "Moscow")
SAME_NAME = 0.85  # romanised spellings at least this alike (difflib ratio) are one name: "Zelenskiy", "Zelensky"
_WORD = re.compile(r"[^\W\d_]+")
KEPT_WORDS = 0.8  # a second try must keep this share of the first try's words (a round figure, not fitted)


def rendering_problems(original: str, english: str, language: str = "") -> list[str]:
    """Why ``english`` may not stand beside ``original``: a number changed or added, a name lost or invented."""
    if not english.strip():
        return ["empty rendering"]
    if _FOREIGN_LETTER.search(english):
        return ["the rendering is not all in Latin letters"]
    return (number_problems(original, english) + name_problems(original, english, language)
            + calendar_problems(original, english, language))


def number_problems(original: str, english: str) -> list[str]:
    """A number of the original (scaled by its own language's words) missing from ``english``, or one added."""
    have = numbers(english, with_unscaled=True)
    told = [(_value(m[1]), _value(m[1]) * _SCALES.get((m[2] or "").lower(), 1.0)) for m in _DIGIT.finditer(original)]
    allowed = {v for pair in told for v in pair} | numbers(original, with_unscaled=True)
    problems = [f"number {plain:g} of the original is missing" for plain, scaled in told
                if plain not in have and _rounded(scaled) not in have]
    return problems + [f"number {v:g} is not in the original" for v in sorted(numbers(english))
                       if v not in allowed and _rounded(v) not in {_rounded(a) for a in allowed}]


def name_problems(original: str, english: str, language: str) -> list[str]:
    """Places without their English name, other names of the original lost or misspelled, names added."""
    rendered = _romanised_words(english)
    found = list(places(original, language))
    problems = [f"place {words!r} of the original is not rendered as {' or '.join(sorted(names))}"
                for words, names in found if not any(_said(n, rendered) for n in names)]
    in_places = {w.lower() for words, _ in found for w in _WORD.findall(words)}
    problems += [f"name {n!r} of the original is lost or changed" for n in dict.fromkeys(_cased_names(original, language))
                 if n.lower() not in in_places and not _said(n, rendered)]
    english_of_places = {w.lower() for _, names in found for n in names for w in _WORD.findall(anyascii(n))}
    spelled = _romanised_words(original)
    flat = "".join(spelled) if language in _UNSPACED else ""
    return problems + [f"name {n!r} is not in the original" for n in dict.fromkeys(_names(english))
                       if not _added_ok(n, spelled, flat, english_of_places)]


def pins(original: str, language: str) -> list[str]:
    """The English forms a rendering of ``original`` must hold, for a second try that states them.

    Each place under its English name (when it has one only), the other names of
    the original romanised, each number as English writes it (a scale word of
    the source applied: "3,5 млн" is "3.5 million"), weekdays and months.
    """
    found = list(places(original, language))
    in_places = {w.lower() for words, _ in found for w in _WORD.findall(words)}
    said = [next(iter(names)) for _, names in found if len(names) == 1]
    said += [anyascii(n) for n in dict.fromkeys(_cased_names(original, language)) if n.lower() not in in_places]
    said += [_english_number(m[1], (m[2] or "").lower()) for m in _DIGIT.finditer(original)]
    said += sorted(_named(original, _calendar(language), language) | _named(original, _calendar(language, True), language))
    return list(dict.fromkeys(said))


def second_try_problems(first: str, second: str) -> list[str]:
    """A second try that lists the pinned words instead of a sentence, or drops much of what the first try said."""
    if second.count(";") >= 2:  # the pins are asked for joined by "; ": a model that echoes them writes no sentence
        return ["the second try lists the pinned words instead of a sentence"]
    before, after = len(_WORD.findall(first)), len(_WORD.findall(second))
    return [f"the second try has {after} words where the first had {before}"] if after < KEPT_WORDS * before else []


def _english_number(digits: str, scale: str) -> str:
    value, factor = _value(digits), _SCALES.get(scale, 1.0)
    if factor >= 1e6:
        big = 1e9 if value * factor >= 1e9 else 1e6
        return f"{value * factor / big:,.6g} {'billion' if big == 1e9 else 'million'}"
    return f"{value * factor:,.6g}" if value * factor >= 10_000 or factor > 1 else f"{value:.6g}"


def _said(name: str, words: list[str]) -> bool:
    """Every word of ``name``, romanised, is (nearly) one of ``words``."""
    wanted = [w.lower() for w in _WORD.findall(anyascii(name))]
    return bool(wanted) and all(any(_alike(w, have) for have in words) for w in wanted)


def _alike(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= SAME_NAME


def _added_ok(name: str, spelled: list[str], flat: str, english_of_places: set[str]) -> bool:
    low = anyascii(name).lower().removesuffix("'s")
    return (low in english_of_places or any(w.startswith(low[:_PREFIX]) for w in spelled)
            or (bool(flat) and low in flat))


def _romanised_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(anyascii(text))]


def _cased_names(original: str, language: str) -> list[str]:
    """Capitalised words after the first, in scripts with case; none where every noun is capitalised (German)."""
    if language in _NOUNS_CAPITALISED:
        return []
    words = re.findall(r"[^\W\d_]+", original)[1:]
    return [w for w in words if w[0].isupper() and len(w) > 1 and w.lower() not in _FUNCTION_WORDS_ABROAD]


def _names(english: str) -> list[str]:
    """Capitalised words after the first, less function words and calendar words (a date is checked as a number)."""
    words = _CAPITALISED.findall(english)[1:] if english[:1].isupper() else _CAPITALISED.findall(english)
    return [w for w in words if w.lower() not in FUNCTION_WORDS and w not in _CALENDAR]


def calendar_problems(original: str, english: str, language: str) -> list[str]:
    """A weekday or month of the original missing from the rendering, or a weekday the original does not name.

    The source language's names come from CLDR (babel); a name is matched by its
    stem (Russian "вторник" in "во вторник", "мая" for May), the longest match wins.
    """
    days, months = _calendar(language), _calendar(language, months=True)
    said_days, said_months = _named(original, days, language), _named(original, months, language)
    told = {w for w in re.findall(r"[A-Z][a-z]+", english)}
    problems = [f"{name} of the original is missing" for name in sorted((said_days | said_months) - told)]
    if days:
        problems += [f"{name} is not in the original" for name in sorted((told & _ENGLISH_DAYS) - said_days)]
    return problems


def _named(text: str, names: Mapping[str, str], language: str) -> set[str]:
    """English names of the calendar words in ``text`` (longest stem first, no overlaps)."""
    low, taken, found = text.lower(), [], set()
    spaced = language not in _UNSPACED
    for stem in sorted(names, key=len, reverse=True):
        ending = (r"\w{0,3}" if len(stem) >= 4 else "") + r"(?!\w)"  # "martes" from "marte", not "maire" from "mai"
        for m in re.finditer(r"(?<!\w)" + re.escape(stem) + ending if spaced else re.escape(stem), low):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.add(names[stem])
    return found


@cache
def _calendar(language: str, months: bool = False) -> dict[str, str]:
    """Stem of each weekday (or month) name in ``language`` -> the English name; empty for English or unknown."""
    from babel.core import UnknownLocaleError
    from babel.dates import get_day_names, get_month_names

    if not language or language == "en":
        return {}
    names = (lambda loc, width: get_month_names(width, context="format", locale=loc)) if months else (
        lambda loc, width: get_day_names(width, locale=loc))
    try:
        widths = ("wide", "abbreviated") if language in _UNSPACED else ("wide",)
        local = [(key, name.lower()) for width in widths for key, name in names(language, width).items()]
    except (UnknownLocaleError, ValueError):
        return {}
    english = names("en", "wide")
    return {(name[:-1] if len(name) >= 5 else name): english[key] for key, name in local}


def _value(digits: str) -> float:
    """'1,250' -> 1250, '3,5' -> 3.5 (a decimal comma), '2.000' -> 2000 (a thousands point), '1.500,5' -> 1500.5.

    A run that is no one number ("12.03.2024", a date) counts as its first group.
    """
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        return float(re.sub(r"[.,]", "", digits))
    grouped = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})+)(?!\2)[.,](\d+)", digits)
    if grouped:
        return float(re.sub(r"[.,]", "", grouped[1]) + "." + grouped[3])
    parts = re.split(r"[.,]", digits)
    return float(digits.replace(",", ".")) if len(parts) <= 2 else float(parts[0])


def _rounded(value: float) -> float:
    return float(f"{value:.6g}")
