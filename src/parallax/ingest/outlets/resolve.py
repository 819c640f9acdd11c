"""Every article's outlet identity, each attribute with its provenance and a confidence.

Sources rank ``given`` (``--outlet``, a record's own outlet) > ``catalog`` > ``dataset`` > ``page``
(og:site_name, JSON-LD publisher) > ``feed`` (the item's <source>, the feed's title) > ``url``
(country domain, government domain, edition) > ``language`` (of its articles) > ``inferred``
(a prior: the country most speakers of the language live in; private ownership). An attribute no
source gives is left blank with a fact that says why. Nothing here raises: bad input gives the
best-known identity and a recorded reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import PurePath

from parallax.ingest.outlets.catalog import Match, OutletCatalog
from parallax.ingest.outlets.host_words import call_sign, place_in_domain
from parallax.ingest.outlets.hosts import Host, parse_host
from parallax.ingest.outlets.names import page_name
from parallax.ingest.outlets.places import (
    Clue,
    address_country,
    country_of_domain,
    country_of_language,
    domain_note,
    edition,
    government,
    language_spread,
    locale_country,
    phone_country,
    press_system,
    url_locale,
)
from parallax.ingest.outlets.rows import DOMAIN
from parallax.models import Outlet, OutletFact

CATALOG, DATASET = 0.95, 0.8
HOST_ROW = 0.85  # a page's attributes from the catalog row of the host it was published on, under another name
PUBLISHED = ("country", "languages", "ownership", "owner", "family", "leaning")  # what a catalog row gives
COUNTRY_BAR = 0.5  # a country clue less sure than this is not asserted: "country not known", with the doubt
# the language prior's weight for an outlet whose URL names a language edition (jp.example.com): under the bar
# even for a language spoken in one country only
EDITIONS = 0.4
FIRM = 0.8  # a country clue this sure (a list, a country domain) may carry a country-wide ownership rule
# Most outlets the catalog does not list as state, public, party or agency media are privately owned;
# the confidence is the share of private outlets among the unlisted ones of the tune half of the gold set.
PRIVATE_PRIOR = 0.9


@dataclass(frozen=True)
class Evidence:
    """What is known about an article's outlet before resolution."""

    url: str = ""
    given: str = ""  # --outlet, a record's 'outlet', a text file's 'outlet:' line
    page: tuple[tuple[str, str], ...] = ()  # (where, name): ("og:site_name", "BBC News")
    locales: tuple[str, ...] = ()  # what the page declares: og:locale, <html lang>, one country's hreflang
    addresses: tuple[str, ...] = ()  # the publisher's addressCountry in the page's JSON-LD
    feed: str = ""  # the feed's title
    source: str = ""  # the feed item's <source>
    languages: tuple[str, ...] = ()  # its articles' languages, one per article
    item: str = ""  # the file or record it came from
    phones: tuple[str, ...] = ()  # international phone numbers in the page's footer

    @classmethod
    def of(cls, url: str, hints: tuple[tuple[str, str], ...] = (), languages: tuple[str, ...] = (),
           item: str = "") -> Evidence:
        """Evidence from a page's outlet hints: ('given'|'feed'|'source'|<page key>, value) pairs."""
        first = {kind: value for kind, value in reversed(hints)}
        page = tuple((k, v) for k, v in hints if k not in ("given", "feed", "source", "locale", "named", "address",
                                                           "phone"))
        locales, addresses, phones = (tuple(v for k, v in hints if k == kind) for kind in ("locale", "address", "phone"))
        return cls(url, first.get("given", ""), page, locales, addresses, first.get("feed", ""),
                   first.get("source", ""), tuple(languages), item, phones)


def _fact(attribute: str, source: str, confidence: float, note: str) -> OutletFact:
    return OutletFact(attribute, source, round(confidence, 3), note)


def _clue_fact(attribute: str, source: str, clue: Clue) -> OutletFact:
    return _fact(attribute, source, clue.confidence, clue.note)


def resolve_outlet(evidence: Evidence, catalog: OutletCatalog) -> Outlet:
    """The outlet identity of ``evidence``, with a fact for every attribute (known or not)."""
    host = _host(evidence)
    match = _catalog_match(evidence, host, catalog)
    if match:
        base, name_fact = match.row.outlet, _catalog_name_fact(evidence, match)
    else:
        base, name_fact = _named(evidence, host, catalog)
    outlet, facts = replace(base, provenance=()), [name_fact]
    if match:
        facts += _catalog_facts(outlet, match)
    elif name_fact.source == "given" and host.name and (publisher := catalog.match_url(host.name)):
        outlet, found = _publisher(outlet, publisher)
        facts += found
    outlet, found = _filled(outlet, evidence, host, catalog)
    return replace(outlet, provenance=tuple(facts + found))


def _host(evidence: Evidence) -> Host:
    """The URL's host; a domain given as the outlet (a record's 'outlet': 'bbc.com') wins when it differs."""
    host, given = parse_host(evidence.url), evidence.given.strip().lower()
    if DOMAIN.match(given) and (not host.name or parse_host(given).registrable != host.registrable):
        return parse_host(given)
    return host


def _catalog_match(evidence: Evidence, host: Host, catalog: OutletCatalog) -> Match | None:
    """The catalog row for a given name; without one, for the host (a given name beats the catalog)."""
    given = evidence.given.strip()
    if given and not DOMAIN.match(given.lower()):
        match = catalog.match_name(given)
        return None if match and _shared_name(match, given, host, catalog) else match
    return catalog.match_url(host.name) if host.name else None


def _shared_name(match: Match, given: str, host: Host, catalog: OutletCatalog) -> bool:
    """Whether the row ``given`` found is another site's: the page's host is a different catalog outlet's (AllSides'
    'CNN (Web News)' on npr.org: the host published it, the name is a label), or the row's name is qualified
    ('The Intelligencer (Doylestown)': others share the bare name) and the host is not the row's own."""
    if not host.name:
        return False
    on_host = catalog.match_url(host.name)
    if on_host is not None and on_host.row is not match.row:
        return True
    return "(" in match.row.outlet.name and "(" not in given and on_host is None


def _named(evidence: Evidence, host: Host, catalog: OutletCatalog) -> tuple[Outlet, OutletFact]:
    """An outlet the catalog does not know, named by the best source there is."""
    given = evidence.given.strip()
    if given and not DOMAIN.match(given.lower()):
        return Outlet(given, host.registrable), _fact("name", "given", 1.0, "named by --outlet or by the record")
    if found := page_name(evidence, host, catalog):
        return Outlet(found[0], host.registrable), _fact("name", *found[1:])
    if host.name:
        note = "no page or feed names the outlet: its domain stands in"
        if host.display and host.display != host.name:  # a look-alike of a Latin name must stay checkable
            note += f" (an internationalised domain; in ASCII {host.name})"
        return Outlet(_display_domain(host), host.registrable), _fact("name", "url", 0.3, note)
    where = PurePath(evidence.item.split(":", 1)[0]).name if evidence.item else ""
    why = f"nothing names the outlet ({host.problem or 'no URL'}; no --outlet, page or feed name)"
    return Outlet(f"unnamed source ({where})" if where else "unnamed source"), _fact("name", "", 0.0, why)


def _display_domain(host: Host) -> str:
    labels = len(host.registrable.split("."))
    return ".".join(host.display.split(".")[-labels:]) if not host.ip else host.name


def _catalog_name_fact(evidence: Evidence, match: Match) -> OutletFact:
    given = evidence.given.strip()
    said = f" (given as {given!r})" if given and given != match.row.outlet.name else ""
    return _fact("name", "catalog", CATALOG * match.confidence, f"catalog row found by {match.how}{said}")


def _catalog_facts(outlet: Outlet, match: Match) -> list[OutletFact]:
    note = f"{match.row.origin}" + (f"; renamed: {match.how}" if match.renamed else "")
    return [_fact(a, "catalog", CATALOG * match.confidence, note) for a in PUBLISHED if getattr(outlet, a)]


def _publisher(outlet: Outlet, match: Match) -> tuple[Outlet, list[OutletFact]]:
    """A given name the catalog does not know (a columnist, a reading list) on a host it does: the host's
    row says who published the page, so its country, ownership and family stand (the host's outlet is the
    family when it has none: a columnist and the paper are one voice); the name stays as given."""
    row = match.row.outlet
    note = f"published on {row.domain}, the catalog's {row.name} (the given name is not in the catalog)"
    filled = {a: getattr(row, a) for a in PUBLISHED if getattr(row, a)} | {"family": row.family or row.name}
    outlet = replace(outlet, **filled, language=row.language)
    return outlet, [_fact(a, "catalog", HOST_ROW, note) for a in filled]


def _filled(outlet: Outlet, evidence: Evidence, host: Host, catalog: OutletCatalog) -> tuple[Outlet, list]:
    """Attributes the catalog left blank, from the dataset, the URL, the languages and priors."""
    facts: list[OutletFact] = []
    doubts: list[str] = []
    language_clue, edition_country = edition(host) if host.name else (None, None)
    outlet = _languages(outlet, evidence, language_clue, facts)
    if not outlet.country and host.name and (listed := catalog.domain_country(host.name)):
        facts.append(_fact("country", "dataset", DATASET, listed[1]))
        outlet = replace(outlet, country=listed[0])
    if not outlet.country:
        outlet = _country(outlet, evidence, host, (language_clue, edition_country), facts, doubts)
    if not outlet.ownership:
        outlet = _ownership(outlet, host, facts)
    return _reliability(outlet, host, catalog, facts), facts


def _languages(outlet: Outlet, evidence: Evidence, clue: Clue | None, facts: list) -> Outlet:
    counted = [lang for lang, _ in Counter(x for x in evidence.languages if x).most_common()]
    # the articles' own languages first: an edition label ('jp.') over pages in Spanish is not what they are in
    extra = [lang for lang in dict.fromkeys([*counted, *([clue.value] if clue else [])]) if lang not in outlet.languages]
    if not extra:
        return outlet
    languages = (*outlet.languages, *extra)
    if counted and not outlet.languages:
        facts.append(_fact("languages", "language", 0.9, f"the language of its {len(evidence.languages)} article(s)"))
    elif clue and not outlet.languages:
        facts.append(_clue_fact("languages", "url", clue))
    return replace(outlet, languages=languages, language=outlet.language or languages[0])


def _country(outlet: Outlet, evidence: Evidence, host: Host, editions: tuple[Clue | None, Clue | None], facts: list,
             doubts: list) -> Outlet:
    """The first country a clue gives at or above the bar: the publisher's address on the page, the domain, the
    page's locale, a phone number in its footer, the URL's locale or edition, the host's words, a broadcaster's call sign, and last the language of its articles. A clue
    with no country or under the bar is a doubt, said when no country is known."""
    clues = [("page", lambda: next((c for x in evidence.addresses if (c := address_country(x))), None)),
             ("url", lambda: country_of_domain(host, outlet.languages) if host.name else None),
             ("page", lambda: _surest(locale_country(x, "the page") for x in evidence.locales)),
             ("page", lambda: next((c for x in evidence.phones if (c := phone_country(x))), None)),
             ("url", lambda: url_locale(host) if host.name else None),
             ("url", lambda: editions[1]),
             ("url", lambda: place_in_domain(host) if host.name else None),
             ("url", lambda: call_sign(host))]
    main = outlet.language
    clues.append(("inferred", lambda: _language_prior(main, editions[0])))
    for source, clue_of in clues:
        if (clue := clue_of()) and clue.value and clue.confidence >= COUNTRY_BAR:
            facts.append(_clue_fact("country", source, clue))
            return replace(outlet, country=clue.value)
        if clue:
            doubts.append(clue.note + (f" (confidence {clue.confidence:.2f}, under {COUNTRY_BAR})" if clue.value else ""))
    facts.append(_fact("country", "", 0.0, _unknown_country(host, main, doubts)))
    return outlet


def _surest(clues) -> Clue | None:
    """The surest of several clues (a page's locales: a tool's default 'es_ES' and the site's own 'es_VE')."""
    return max(filter(None, clues), key=lambda clue: clue.confidence, default=None)


def _language_prior(language: str, edition_language: Clue | None) -> Clue | None:
    """The country most speakers of the outlet's language live in; an outlet with language editions ('it.',
    '/de/') writes for other countries' readers too, so its pages' language says less (the confidence halves)."""
    found = country_of_language(language) if language else None
    if found is None:
        return None
    note = f"from its language '{language}': {found.note}"
    if edition_language is None:
        return Clue(found.value, found.confidence, note)
    return Clue(found.value, found.confidence * EDITIONS, f"{note}, but {edition_language.note} says it writes "
                "for readers of more than one language")


def _unknown_country(host: Host, language: str, doubts: list) -> str:
    where = domain_note(host) if host.name else (host.problem or "there is no URL")
    said = "its language is not known" if not language else "" if country_of_language(language) else \
        language_spread(language)  # a prior there is, it is among the doubts
    return ", and ".join(filter(None, [where, said])) + "".join(f"; {doubt}" for doubt in doubts)


def _firm_country(facts: list) -> bool:
    """Whether the country stands on a list, the page or a country domain, not on a guess (a language, a place
    named in the domain): a press-system rule stacked on a guess would call a diaspora site state media."""
    found = next((f for f in facts if f.attribute == "country"), None)
    return found is None or (found.source not in ("inferred", "language") and found.confidence >= FIRM)


def _ownership(outlet: Outlet, host: Host, facts: list) -> Outlet:
    clue = government(host) if host.name else None
    source = "url"
    if clue is None and outlet.country and _firm_country(facts) and (clue := press_system(outlet.country)):
        source = "inferred"
    if clue is None and host.name and not host.ip:
        clue = Clue("private", PRIVATE_PRIOR, "not on the catalog's lists of state, public, party and agency "
                    "media, which are privately owned far more often than not")
        source = "inferred"
    if clue is None:
        facts.append(_fact("ownership", "", 0.0, "nothing identifies the outlet (no catalog entry and no domain)"))
        return outlet
    facts.append(_clue_fact("ownership", source, clue))
    return replace(outlet, ownership=clue.value)


def _reliability(outlet: Outlet, host: Host, catalog: OutletCatalog, facts: list) -> Outlet:
    labels = catalog.reliability(outlet.domain or host.name) if (outlet.domain or host.name) else None
    if labels is None:
        return outlet
    if labels.leaning and not outlet.leaning:
        facts.append(_fact("leaning", "dataset", DATASET, labels.dataset))
        outlet = replace(outlet, leaning=labels.leaning)
    if labels.factual and not outlet.factual:
        facts.append(_fact("factual", "dataset", DATASET, labels.dataset))
        outlet = replace(outlet, factual=labels.factual)
    return outlet
