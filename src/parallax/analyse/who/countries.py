"""Which country a speaker's own words name: "Eskerian Defence Minister Sella Vantorp" → XE.

Country names come from CLDR (through ``parallax.data``) and the user-assigned rows of
``countries.csv``; demonyms from that file, from the actor table of ``speakers`` ("British"
for the United Kingdom), or by the regular English endings (Russia → Russian, Ukraine →
Ukrainian, Iran → Iranian).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from parallax.data import country_names, user_assigned_demonyms

# Demonym or name → the form used in actor names ("Russian government").
COUNTRIES = {
    "russia": "Russian", "russian": "Russian", "moscow": "Russian", "kremlin": "Russian",
    "ukraine": "Ukrainian", "ukrainian": "Ukrainian", "kyiv": "Ukrainian", "kiev": "Ukrainian",
    "u.s.": "US", "us": "US", "american": "US", "united states": "US", "washington": "US",
    "white house": "US", "state department": "US", "pentagon": "US",
    "britain": "British", "british": "British", "uk": "British", "u.k.": "British",
    "united kingdom": "British", "downing street": "British", "foreign office": "British",
    "france": "French", "french": "French", "germany": "German", "german": "German",
    "china": "Chinese", "chinese": "Chinese", "beijing": "Chinese", "israel": "Israeli",
    "israeli": "Israeli", "iran": "Iranian", "iranian": "Iranian", "tehran": "Iranian",
    "india": "Indian", "indian": "Indian", "pakistan": "Pakistani", "pakistani": "Pakistani",
    "afghanistan": "Afghan", "afghan": "Afghan", "turkey": "Turkish", "turkish": "Turkish",
    "syria": "Syrian", "syrian": "Syrian", "iraq": "Iraqi", "iraqi": "Iraqi",
    "japan": "Japanese", "japanese": "Japanese", "canada": "Canadian", "canadian": "Canadian",
    "italy": "Italian", "italian": "Italian", "spain": "Spanish", "spanish": "Spanish",
    "poland": "Polish", "polish": "Polish", "belarus": "Belarusian", "belarusian": "Belarusian",
    "egypt": "Egyptian", "egyptian": "Egyptian", "saudi": "Saudi", "saudi arabia": "Saudi",
    "mexico": "Mexican", "mexican": "Mexican", "brazil": "Brazilian", "brazilian": "Brazilian",
    "tajikistan": "Tajik", "tajik": "Tajik", "north korea": "North Korean",
    "south korea": "South Korean", "palestinian": "Palestinian", "lebanon": "Lebanese",
    "lebanese": "Lebanese", "qatar": "Qatari", "qatari": "Qatari",
}


def _regular_demonyms(name: str) -> list[str]:
    if name.endswith("a"):
        return [name + "n"]
    if name.endswith("e"):
        return [name[:-1] + "ian"]
    return [name + "ian"] if name[-1:].isalpha() and name[-1] not in "aeiouy" else []


@cache
def country_words() -> dict[str, str]:
    """Lower-cased country name or demonym → code; words that name two countries are left out."""
    found: dict[str, set[str]] = {}
    by_name = {name.lower(): code for code, name in country_names().items()}
    for code, name in country_names().items():
        for word in (name, *_regular_demonyms(name)):
            found.setdefault(word.lower(), set()).add(code)
    demonyms = {demonym: by_name[key] for key, demonym in COUNTRIES.items() if key in by_name}  # "British" → GB
    for key, demonym in COUNTRIES.items():  # "british", "downing street", "american", "kremlin"
        for word in (key, demonym.lower()):
            if demonym in demonyms:
                found.setdefault(word, set()).add(demonyms[demonym])
    for demonym, code in user_assigned_demonyms().items():
        found.setdefault(demonym.lower(), set()).add(code)
    return {word: codes.pop() for word, codes in found.items() if len(codes) == 1 and len(word) > 2}


@cache
def _pattern() -> re.Pattern[str]:
    words = sorted(country_words(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?:['’]s)?(?![\w-])", re.IGNORECASE)


def countries_named(text: str) -> list[str]:
    """Codes of the countries ``text`` names or describes, in order."""
    return [country_words()[m.group(1).lower()] for m in _pattern().finditer(text)]


def sole_country(phrases: Iterable[str]) -> str:
    """The one country the phrases name ("" when none, or more than one)."""
    found = {code for phrase in phrases for code in countries_named(phrase)}
    return found.pop() if len(found) == 1 else ""
