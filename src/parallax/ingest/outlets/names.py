"""Display names from what pages and feeds call themselves, when the catalog does not know the outlet.

A page may name itself in ``og:site_name``, a JSON-LD ``publisher`` or ``application-name``; a feed
in its title and in each item's ``<source>``. The first usable name wins, in that order; names that
disagree are recorded; a name the catalog gives to another domain is told apart by the domain.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parallax.ingest.outlets.hosts import Host
from parallax.ingest.outlets.rows import DOMAIN

if TYPE_CHECKING:
    from parallax.ingest.outlets.catalog import OutletCatalog
    from parallax.ingest.outlets.resolve import Evidence

# words a page or feed uses for itself that name no outlet
_GENERIC = frozenset({
    "home", "homepage", "home page", "index", "news", "latest news", "breaking news", "start", "startseite",
    "accueil", "inicio", "portada", "главная", "welcome", "rss", "rss feed", "atom feed", "feed", "top stories",
    "latest", "world news", "noticias", "nachrichten", "actualités", "untitled",
})
_SEPARATOR = re.compile(r"\s+[-–—|:»]\s+|:\s+")
_PAGE_CONFIDENCE = {"og:site_name": 0.9, "publisher": 0.85, "application-name": 0.7}


def usable_name(name: str) -> bool:
    """A name that can stand for an outlet: not blank, not a URL or bare domain, not 'Home' or 'RSS'."""
    text = " ".join(name.split())
    lowered = text.lower().removeprefix("www.")
    return (1 < len(text) <= 80 and "://" not in text and not DOMAIN.match(lowered)
            and lowered not in _GENERIC and not text.isdigit())


def _feed_name(title: str) -> str:
    """'BBC News - World' -> 'BBC News'; a title with no usable head stays whole."""
    head = _SEPARATOR.split(title.strip(), maxsplit=1)[0]
    return head if usable_name(head) else title.strip()


def _candidates(evidence: Evidence) -> list[tuple[str, str, float, str]]:
    """(name, source, confidence, where) in the order they are trusted."""
    found = [(" ".join(v.split()), "page", _PAGE_CONFIDENCE.get(k, 0.7), f"the page's {k}") for k, v in evidence.page]
    if evidence.source:
        found.append((" ".join(evidence.source.split()), "feed", 0.8, "the feed item's <source>"))
    if evidence.feed:
        found.append((_feed_name(evidence.feed), "feed", 0.7, "the feed's title"))
    return [c for c in found if usable_name(c[0])]


def _same(a: str, b: str) -> bool:
    key = lambda s: re.sub(r"[\W_]+", "", s.lower()).removeprefix("the")
    return key(a) == key(b) or key(a).startswith(key(b)) or key(b).startswith(key(a))


def page_name(evidence: Evidence, host: Host, catalog: OutletCatalog | None) -> tuple[str, str, float, str] | None:
    """(display name, source, confidence, note) from page and feed metadata, or None."""
    found = _candidates(evidence)
    if not found:
        return None
    name, source, confidence, where = found[0]
    note = f"named by {where}"
    others = [f"{n!r} ({w})" for n, _, _, w in found[1:] if not _same(n, name)]
    if others:
        note += "; it is also called " + ", ".join(others[:2])
        confidence -= 0.1
    taken = catalog.by_name(name) if catalog is not None else None
    if taken is not None and host.name and not host.name.endswith(taken.domain or "\0"):
        note += f"; the catalog gives that name to {taken.domain}, so the domain tells them apart"
        name = f"{name} ({host.display})"
    return name, source, round(confidence, 3), note
