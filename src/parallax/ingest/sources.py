"""Sources (paths, page URLs, feed URLs) to pages, and pages to stored articles.

``pages_from_sources`` yields a ``Page`` per article and an ``InputError`` per bad
item; ``ingest`` builds articles, upserts them in batches and records failures.
Keyed by canonical URL and content hash, so running it again changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from parallax.errors import InputError
from parallax.ingest.feeds import read_feed
from parallax.ingest.fetch import Fetched, Fetcher
from parallax.ingest.files import read_path, text_page
from parallax.ingest.outlets import OutletCatalog
from parallax.ingest.outlets.identify import identify_outlets, name_page
from parallax.ingest.pages import decode_html, html_page
from parallax.models import Article, Failure, FeedItem, Page
from parallax.settings import Settings
from parallax.store.base import Store, UpsertCounts
from parallax.text.article import build_article

BATCH_SIZE = 200
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]")
_FEED_TYPES = ("rss", "atom", "xml")


@dataclass(frozen=True)
class IngestReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: tuple[Failure, ...] = ()
    feeds: int = 0  # feeds fetched (live runs)
    not_modified: int = 0  # of those, unchanged since the last run (HTTP 304)
    skipped: int = 0  # feed items already stored, or given up on, in earlier runs


def is_url(source: str) -> bool:
    """Whether a source names an http(s) URL rather than a path."""
    return source.startswith(("http://", "https://"))


def pages_from_sources(sources: Iterable[str], fetcher: Fetcher, outlet: str = "",
                       catalog: OutletCatalog | None = None) -> Iterator[Page | InputError]:
    """Pages of every source: a file or folder, a page URL, or a feed URL (each item's page is fetched)."""
    catalog = OutletCatalog() if catalog is None else catalog
    for source in sources:
        found = _from_url(source, fetcher, outlet, catalog) if is_url(source) else read_path(Path(source), outlet)
        for item in found:
            yield item if isinstance(item, InputError) else with_outlet(item, catalog)


def with_outlet(page: Page, catalog: OutletCatalog) -> Page:
    """Name the page's outlet as the resolver does: given name, catalog, page and feed metadata, then URL."""
    return name_page(page, catalog)


def _from_url(url: str, fetcher: Fetcher, outlet: str, catalog: OutletCatalog) -> Iterator[Page | InputError]:
    try:
        fetched = fetcher.fetch(url)
        if not _looks_like_feed(fetched):
            yield _fetched_page(fetched, outlet)
            return
        feed = read_feed(fetched.body, fetched.final_url)
    except InputError as exc:
        yield exc
        return
    for number, item in enumerate(feed.items, start=1):
        yield item_page(item, number, fetcher, outlet, catalog, feed.title)


def _looks_like_feed(fetched: Fetched) -> bool:
    declared = fetched.content_type.split(";")[0].lower()
    return any(kind in declared for kind in _FEED_TYPES) or bool(_FEED_ROOT.search(fetched.body[:2048]))


def item_page(item: FeedItem, number: int, fetcher: Fetcher, outlet: str, catalog: OutletCatalog,
               feed_title: str) -> Page | InputError:
    if not item.url:
        return InputError(f"{item.feed_url} item {number}", "feed item has no link")
    try:
        page = _fetched_page(fetcher.fetch(item.url), outlet, published=item.published)
    except InputError as exc:
        return exc
    hints = (*page.outlet_hints, *((kind, name) for kind, name in (("source", item.source), ("feed", feed_title))
                                   if name))
    return replace(page, title=page.title or item.title, outlet_hints=hints)


def _fetched_page(fetched: Fetched, outlet: str, published: datetime | None = None) -> Page:
    kind = fetched.content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml", ""):
        html = decode_html(fetched.body, fetched.content_type)
        return html_page(html, fetched.final_url, outlet=outlet, source=fetched.final_url, published=published)
    if kind == "text/plain":
        page = text_page(decode_html(fetched.body, fetched.content_type), fetched.final_url, outlet)
        return replace(page, url=page.url or fetched.final_url, published=page.published or published)
    raise InputError(fetched.final_url, f"unsupported content type {kind!r}; expected HTML, plain text or a feed")


def ingest(sources: Iterable[str], store: Store, catalog: OutletCatalog, settings: Settings, outlet: str = "",
           on_item: Callable[[], object] | None = None) -> IngestReport:
    """Store the articles of every source; each bad item is recorded as a failure and skipped."""
    counts, failures, batch, stored = UpsertCounts(), [], [], []
    with Fetcher(settings) as fetcher:
        for item in pages_from_sources(sources, fetcher, outlet, catalog):
            article = _article_or_failure(item, store, failures)
            if article is not None:
                batch.append(article)
            if len(batch) >= BATCH_SIZE:
                counts, stored, batch = counts + store.upsert_articles(batch), stored + batch, []
            if on_item:
                on_item()
    counts = counts + store.upsert_articles(batch)
    store_outlets(store, catalog, stored + batch)
    return IngestReport(counts.inserted, counts.updated, counts.unchanged, len(failures), tuple(failures))


def _article_or_failure(item: Page | InputError, store: Store, failures: list[Failure]) -> Article | None:
    try:
        if isinstance(item, InputError):
            raise item
        return build_article(item)
    except InputError as exc:
        failure = Failure("ingest", exc.item, exc.reason)
        store.record_failure(failure)
        failures.append(failure)
        return None


def store_outlets(store: Store, catalog: OutletCatalog, articles: Iterable[Article]) -> None:
    """The identity of every outlet of ``articles``, resolved with their pooled evidence."""
    store.upsert_outlets(identify_outlets(articles, catalog, store.outlet))
