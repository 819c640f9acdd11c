"""Where an outlet's host name places it: country, region and city names and demonyms read out of its labels.

``theindianexpress``, ``libyaupdate``, ``cairo24``, ``nigerianobserver``: the words come from the gazetteer's
last column (``data/places.tsv.gz``: country names in English and the countries' Latin-script official
languages, capitals, cities of a million people, US states), ``data/outlets/demonyms.csv`` and the
first-level regions of ISO 3166-2 (pycountry: Morelos, Kerala, Guerrero). A word counts
only at a boundary of the label: at its start (or after an article such as 'the' or 'al') or at its end (or
before a word outlets put after a place: news, times, 24). A reading bounded on both sides is *clean*, one
bounded on one side *loose*. Clean readings outrank loose ones; readings that name two countries
(``theindianawaaz``: 'indian' India, 'indiana' US) give no country, only the doubt.

A broadcaster's call sign is a word of its host too (``kqed.org``, ``wusa9.com``, ``am800cklw.com``): its prefix
names the country the ITU gave it to (``data/outlets/call_signs.csv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii

from parallax.data import country_name, gazetteer
from parallax.ingest.outlets.hosts import Host
from parallax.ingest.outlets.places import Clue, table

MIN_WORD, MIN_REGION = 4, 6  # the gazetteer marks no shorter name; a shorter region name is too often a word
REGION_TYPES = frozenset({"state", "province", "region", "governorate", "department", "prefecture", "emirate",
                          "autonomous region", "autonomous community", "federal district", "autonomous province"})
_ARABIC_ARTICLE = re.compile(r"^(al|el|ad|an|ar|as|ash|at|az)[ -]", re.IGNORECASE)
CLEAN, LOOSE = 0.6, 0.5
# a call sign framed by a frequency or a broadcast word (wbaltv, wusa9, am800cklw); one standing alone (kqed)
FRAMED, BARE = 0.6, 0.55
_CALL_SIGN = re.compile(r"(?P<frequency>(?:am|fm)?\d{1,4})?(?P<sign>[a-z]{4})(?P<after>\d{1,3}(?:news|tv)?|tv|fm|am|radio)?")  # confidence of a country read from a word bounded on both sides, on one side
# words that follow a place in an outlet's domain (cairo24, libyaupdate, tehrantimes)
_NEWS_WORDS = re.compile(r"(news|times|post|daily|herald|today|live|online|tv|press|gazette|tribune|express|"
                         r"update|wire|journal|mirror|observer|star|reporter|voice|radio|info|insider|monitor|"
                         r"chronicle|sun|weekly|now|review|\d)")
_ARTICLE = re.compile(r"^(the|al|el|la|le|il|my)")


@dataclass(frozen=True)
class Reading:
    """A word of the host that names a country, and whether it is bounded on both sides."""

    word: str
    country: str
    clean: bool


@cache
def _words() -> dict[str, str]:
    """Folded word → country: the gazetteer's names for domains and the demonyms; a word of two countries is
    dropped."""
    found: dict[str, set[str]] = {}
    for _, _, country, _, _, word in gazetteer():
        if word:
            found.setdefault(word, set()).add(country)
    for row in table("demonyms.csv"):
        found.setdefault(row["word"], set()).add(row["country"])
    words = {word: codes.pop() for word, codes in found.items() if len(codes) == 1}
    return {**_region_words(), **words}


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(name).lower())


def _region_words() -> dict[str, str]:
    """Folded names of first-level regions (ISO 3166-2 via pycountry: Morelos, Kerala, Guerrero), as ISO
    writes them and in English, without a leading Arabic article; a name of two countries' regions or one shorter
    than ``MIN_REGION`` is left out (the gazetteer's words and the demonyms outrank these)."""
    import gettext

    import pycountry

    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    found: dict[str, set[str]] = {}
    for region in pycountry.subdivisions:
        if region.parent_code is None and region.type.lower() in REGION_TYPES:
            for name in {region.name, english.gettext(region.name)}:
                for word in {_fold(name), _fold(_ARABIC_ARTICLE.sub("", name))}:
                    found.setdefault(word, set()).add(region.country_code)
    return {word: codes.pop() for word, codes in found.items()
            if len(codes) == 1 and len(word) >= MIN_REGION}


def _start(label: str, start: int) -> bool:
    return start == 0 or bool(_ARTICLE.fullmatch(label[:start]))


def _end(label: str, end: int) -> bool:
    return end == len(label) or bool(_NEWS_WORDS.match(label, end))


def readings(label: str) -> list[Reading]:
    """Every word of ``label`` (overlapping: 'india', 'indian' and 'indiana' in one) naming a country at a
    boundary."""
    words, found = _words(), []
    for i in range(len(label)):
        for end in range(i + MIN_WORD, len(label) + 1):
            word = label[i:end]
            if word in words and ((starts := _start(label, i)) | (ends := _end(label, end))):
                found.append(Reading(word, words[word], starts and ends))
    return found


def place_in_domain(host: Host) -> Clue | None:
    """The country the host's words name; a clue with no country (only the doubt) when they name two."""
    if not host.name or host.ip:
        return None
    found = [r for label in [*host.subdomains, host.registrable.split(".")[0]] for r in readings(label)]
    pool = [r for r in found if r.clean] or found
    if not pool:
        return None
    countries = sorted({r.country for r in pool})
    if len(countries) > 1:
        named = ", ".join(f"'{r.word}' {country_name(r.country)}" for r in sorted(set(pool), key=lambda r: r.word))
        return Clue("", 0.0, f"the domain's words name places in {len(countries)} countries ({named})")
    best = max(pool, key=lambda r: len(r.word))
    return Clue(best.country, CLEAN if best.clean else LOOSE, f"the domain names a place there ('{best.word}')")


@cache
def _call_sign_prefixes() -> dict[str, dict[str, str]]:
    return {row["prefix"].lower(): row for row in table("call_signs.csv")}


def call_sign(host: Host) -> Clue | None:
    """The country of the broadcast call sign the host's domain is made of (kqed.org, wbaltv.com, am800cklw.com)."""
    if not host.name or host.ip or len(host.labels) < 2:
        return None
    match = _CALL_SIGN.fullmatch(host.registrable.split(".")[0])
    if not match:
        return None
    sign, prefixes = match.group("sign"), _call_sign_prefixes()
    row = prefixes.get(sign[:2]) or prefixes.get(sign[:1])
    framed = bool(match.group("frequency") or match.group("after"))
    if row is None or not (framed or row["bare"] == "yes"):
        return None
    return Clue(row["country"], FRAMED if framed else BARE,
                f"the domain is a broadcaster's call sign ({sign.upper()}): {row['note']}")
