"""Cross-lingual anchors that need no model: places, romanised names and figures.

"Москва", "موسكو" and "Moscow" are one place id (``data/places.tsv.gz``: CLDR country names in the
locale of every identified language, GeoNames cities of 100,000 or more with their alternate names;
built by ``train/build_places.py``). Names of people are romanised with ``anyascii`` ("Пригожин" ->
"prigozhin", as an English page writes it), and figures are read whatever their digit grouping
("15,383", "15.383" and "15 383" are one number).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from anyascii import anyascii

from parallax.data import gazetteer

PLACE_KINDS = ("C:", "P:")  # how a place id begins: a country, a populated place
MAX_NAME_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]+")  # CJK, kana, Hangul, Thai
_CLITICS = ("ال", "وال", "بال", "لل", "و", "ب", "ل", "ف", "ك")  # Arabic prefixes written onto a place name
# a number not inside another: three digits at most in groups of three with up to two decimals, else digits with
# decimals; the first digit matched before the look back (not after a digit, stop or comma), so that the regex
# engine skips to the next digit in C instead of trying the pattern at every character
_NUMBER = re.compile(r"\d(?<![\d.,]\d)(?:\d{0,2}(?:[,.\u00a0\u202f ]\d{3})*(?:[.,]\d{1,2})?(?!\d)|\d*(?:[.,]\d+)?)")


@cache
def places() -> dict[str, str]:
    """Place name as written -> place id ("C:TR" for a country, "P:<GeoNames id>" for a city)."""
    table: dict[str, str] = {}
    for name, place, *_ in gazetteer():
        if not place.startswith(PLACE_KINDS):
            continue  # US states are there for the outlet resolver
        table[name] = place
        if len(name) >= 5 and " " not in name:
            table.setdefault(_stem(name), place)  # "Турция" is "Турции" in the genitive
    return table


def _stem(word: str) -> str:
    return "~" + word[: max(4, len(word) - 2)]


@cache
def _name_openers() -> frozenset[str]:
    """The first words of the place names of two or more words: only there can a longer name start."""
    return frozenset(name.split(" ", 1)[0] for name in places() if " " in name)


def place_ids(text: str) -> frozenset[str]:
    """Ids of the places ``text`` names, in any language or script."""
    table, openers, found = places(), _name_openers(), set()
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        found.add(_word_place(word))
        if word in openers:
            found.update(table.get(" ".join(words[i : i + size])) for size in range(2, MAX_NAME_WORDS + 1)
                         if i + size <= len(words))
    for run in SPACELESS.findall(text):
        found.update(table[run[i:j]] for i in range(len(run)) for j in range(i + 2, min(len(run), i + 6) + 1)
                     if run[i:j] in table)
    found.discard(None)
    return frozenset(found)


@lru_cache(maxsize=200_000)
def _word_place(word: str) -> str | None:
    """The place one word names (as written, after an Arabic clitic, or by its stem), or None; remembered per word."""
    table = places()
    if word in table:
        return table[word]
    for clitic in _CLITICS:
        if word.startswith(clitic) and word[len(clitic):] in table:
            return table[word[len(clitic):]]
    return table.get(_stem(word)) if len(word) >= 5 else None


def romanised_names(text: str) -> frozenset[str]:
    """Capitalised words that do not open a sentence, romanised and lower-cased: who, in any cased script."""
    found = set()
    for match in _WORD.finditer(text):
        word = match[0]
        if word[0].isupper() and not word.isupper() and not _opens_sentence(text, match.start()):
            found.add(_roman(word))
    found.discard(None)
    return frozenset(found)


@lru_cache(maxsize=200_000)
def _roman(word: str) -> str | None:
    """The word romanised and lower-cased; None when that is shorter than four letters (too short for a name)."""
    roman = anyascii(word).lower().replace("'", "")
    return roman if len(roman) >= 4 else None


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in ".!?:\n«\"“„—–"


def figures(text: str) -> frozenset[str]:
    """Numbers of two or more digits, whatever their grouping: "#15383", "#7.8"; years are numbers too."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group()
        grouped = re.fullmatch(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+", value)
        value = re.sub(r"[,.\u00a0\u202f ]", "", value) if grouped else value.replace(",", ".")
        if len(value.replace(".", "")) >= 2:
            found.add(f"#{value}")
    return frozenset(found)
