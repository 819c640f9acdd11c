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
        outlet = replace(resolve_outlet(evidence, catalog), name=name)
        before = stored(name)
        found.append(outlet if before is None else keep_known(outlet, before))
    return found


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
