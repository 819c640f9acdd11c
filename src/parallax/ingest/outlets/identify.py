"""Outlet identities during ingestion: a page is named when it is read; its outlet is resolved in full
when its articles are stored, with every article's evidence (hosts, page names, languages) pooled.

The name depends only on what names an outlet (``--outlet``, the catalog, page and feed metadata,
the URL); the languages of its articles then fill in a country the domain does not give.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from parallax.ingest.outlets.catalog import OutletCatalog
from parallax.ingest.outlets.hosts import parse_host
from parallax.ingest.outlets.resolve import Evidence, resolve_outlet
from parallax.ingest.records import record_link
from parallax.models import Article, Outlet, Page


def given_hints(page: Page) -> tuple[tuple[str, str], ...]:
    """The page's hints with its given outlet (``--outlet``, the record's own) as the first, once."""
    hints = page.outlet_hints
    if page.outlet and not any(kind == "given" for kind, _ in hints):
        hints = (("given", page.outlet), *hints)
    return hints


def name_page(page: Page, catalog: OutletCatalog) -> Page:
    """The page with its outlet named as the resolver names it; the evidence stays in its hints."""
    hints = given_hints(page)
    outlet = resolve_outlet(Evidence.of(record_link(page.url) or page.url, hints, item=page.source), catalog)
    return replace(page, outlet=outlet.name, outlet_hints=(*hints, ("named", outlet.name)))


def site_of(article: Article) -> str:
    """The site an article was published on: its URL's registrable domain ('' when it has no host)."""
    return parse_host(record_link(article.url) or article.url).registrable


def by_site(articles: Iterable[Article], catalog: OutletCatalog,
            stored: Callable[[str], Outlet | None] = lambda name: None) -> list[Article]:
    """``articles`` with one outlet per site. A name given to pages of several sites (a byline, a section, a
    name two outlets share) stays with the site that holds it (its stored row's, else the one with the most
    pages) and is told apart by the site elsewhere: 'Guest Writer - Right (rt.com)'. A catalog row's own name
    spans its hosts, and the hosts no other row claims; on another catalog outlet's host it is told apart too
    ('Associated Press (yahoo.com)': the host published the page)."""
    articles = list(articles)
    sites: dict[str, Counter[str]] = {}
    for article in articles:
        if article.outlet and (site := site_of(article)):
            sites.setdefault(article.outlet, Counter())[site] += 1
    holders = {name: _holder(name, counted, stored) for name, counted in sites.items()
               if not is_catalog_name(name, catalog)}
    return [_on_its_site(article, holders, catalog) for article in articles]


def _on_its_site(article: Article, holders: dict[str, str], catalog: OutletCatalog) -> Article:
    site = site_of(article)
    if not article.outlet or not site:
        return article
    if article.outlet in holders:
        held = site == holders[article.outlet]
    else:
        match = catalog.match_url(parse_host(record_link(article.url) or article.url).name)
        held = match is None or match.row.outlet.name == article.outlet
    return article if held else replace(article, outlet=f"{article.outlet} ({site})")


def is_catalog_name(name: str, catalog: OutletCatalog) -> bool:
    """Whether ``name`` is a catalog row's own name (as the resolver gives it), not one it merely resembles."""
    return (row := catalog.by_name(name)) is not None and row.name == name


def _holder(name: str, sites: Counter[str], stored: Callable[[str], Outlet | None]) -> str:
    """The site that keeps a name given to several: the stored row's, else the one with the most pages."""
    before = stored(name)
    held = parse_host(before.domain).registrable if before is not None and before.domain else ""
    return held or min(sites, key=lambda site: (-sites[site], site))


def sites_named(name: str, names: Iterable[str]) -> list[str]:
    """Every outlet ``name`` was given to: the one holding it and those told apart by their site."""
    return sorted(n for n in names if n == name or (n.startswith(f"{name} (") and n.endswith(")")))


def pooled_evidence(articles: Iterable[Article]) -> dict[str, Evidence]:
    """One ``Evidence`` per outlet name, pooled over its articles (the most common host speaks for it)."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        if article.outlet:
            groups.setdefault(article.outlet, []).append(article)
    return {name: _pooled(name, members) for name, members in groups.items()}


def _pooled(name: str, members: list[Article]) -> Evidence:
    urls = Counter(a.url for a in members if a.url.startswith(("http://", "https://")))
    # an article read before this release (or built by hand) has no hints: its stored name is all there is
    hints = tuple(dict.fromkeys(h for a in members for h in a.outlet_hints)) or (("given", name),)
    # without a web address, a record's own link (malformed, say) still says why no host names the outlet
    url = urls.most_common(1)[0][0] if urls else next(filter(None, (record_link(a.url) for a in members)), "")
    return Evidence.of(url, hints, tuple(a.language for a in members if a.language), members[0].source)


def identify_outlets(articles: Iterable[Article], catalog: OutletCatalog,
                     stored: Callable[[str], Outlet | None] = lambda name: None) -> list[Outlet]:
    """Every outlet of ``articles``, resolved with their pooled evidence, keeping the languages seen before."""
    found = []
    for name, evidence in sorted(pooled_evidence(articles).items()):
        outlet = _told_apart(replace(resolve_outlet(evidence, catalog), name=name), evidence.given)
        before = stored(name)
        found.append(outlet if before is None else keep_known(outlet, before))
    return found


def _told_apart(outlet: Outlet, given: str) -> Outlet:
    """A name given to pages of several sites says so in the name's provenance of the rows told apart."""
    fact = outlet.fact("name")
    if not given or fact is None or not outlet.name.startswith(f"{given} (") or fact.source != "given":
        return outlet
    note = (f"given as {given!r}, a name given to pages of several sites (a byline, a section or a name two "
            f"outlets share): this site's pages are an outlet of their own")
    return replace(outlet, provenance=tuple(replace(f, note=note) if f is fact else f for f in outlet.provenance))


KEPT = ("domain", "country", "language", "ownership", "leaning", "description", "owner", "family", "factual")


def keep_known(outlet: Outlet, before: Outlet) -> Outlet:
    """``outlet`` with what was stored before where it now knows nothing, and wherever the user set it (a
    feed list's country, say: a ``given`` fact outranks the catalog); a new resolution adds to what is
    known, never erases it; languages seen before are kept."""
    kept = {f: getattr(before, f) for f in KEPT
            if getattr(before, f) and (not getattr(outlet, f) or _set_by_user(before, f))}
    facts = [f for f in before.provenance if f.attribute in kept]
    provenance = tuple(facts) + tuple(f for f in outlet.provenance if f.attribute not in kept)
    languages = tuple(dict.fromkeys((*outlet.languages, *before.languages)))
    return replace(outlet, **kept, languages=languages, provenance=provenance)


def _set_by_user(outlet: Outlet, attribute: str) -> bool:
    fact = outlet.fact(attribute)
    return fact is not None and fact.source == "given"
