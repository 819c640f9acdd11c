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
from urllib.parse import urljoin

from parallax.errors import InputError
from parallax.ingest.feeds import read_feed
from parallax.ingest.fetch import Fetched, Fetcher
from parallax.ingest.files import read_path, text_page
from parallax.ingest.outlets import OutletCatalog
from parallax.ingest.outlets.identify import by_site, identify_outlets, name_page
from parallax.ingest.pages import decode_html_body, html_page
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
    warned: int = 0  # articles stored with a note (encoding guessed, date unknown, text cut)


def is_url(source: str) -> bool:
    """Whether a source names an http(s) URL rather than a path."""
    return source.startswith(("http://", "https://"))


def pages_from_sources(sources: Iterable[str], fetcher: Fetcher, outlet: str = "",
                       catalog: OutletCatalog | None = None) -> Iterator[Page | InputError]:
    """Pages of every source: a file or folder, a page URL, or a feed URL (each item's page is fetched)."""
    catalog = OutletCatalog() if catalog is None else catalog
    max_bytes = fetcher.settings.max_file_bytes
    for source in sources:
        found = (_from_url(source, fetcher, outlet, catalog) if is_url(source)
                 else read_path(Path(source), outlet, max_bytes))
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
    decoded = decode_html_body(fetched.body, fetched.content_type)
    notes = (decoded.note,) if decoded.note else ()
    if kind in ("text/html", "application/xhtml+xml", ""):
        return html_page(decoded.text, fetched.final_url, outlet=outlet, source=fetched.final_url,
                         published=published, notes=notes)
    if kind == "text/plain":
        page = text_page(decoded.text, fetched.final_url, outlet)
        url = urljoin(fetched.final_url, page.url) if page.url else fetched.final_url
        return replace(page, url=url if is_url(url) else fetched.final_url, notes=(*notes, *page.notes),
                       published=page.published or published,
                       date_precision=page.date_precision if page.published else ("time" if published else ""))
    raise InputError(fetched.final_url, f"unsupported content type {kind!r}; expected HTML, plain text or a feed")


def ingest(sources: Iterable[str], store: Store, catalog: OutletCatalog, settings: Settings, outlet: str = "",
           on_item: Callable[[], object] | None = None) -> IngestReport:
    """Store the articles of every source; each bad item is recorded as a failure and skipped.

    Articles are committed in batches as they come, and whatever was read is committed even
    when the run is stopped (Ctrl-C) or something outside any one item fails.
    """
    run = _IngestRun(store, catalog)
    with Fetcher(settings) as fetcher:
        try:
            for item in pages_from_sources(sources, fetcher, outlet, catalog):
                run.take(item, settings.max_article_chars)
                if on_item:
                    on_item()
        finally:
            run.flush()
    return run.report()


class _IngestRun:
    """The batch not yet committed, and the counts and failures so far."""

    def __init__(self, store: Store, catalog: OutletCatalog):
        self.store, self.catalog = store, catalog
        self.counts, self.failures, self.batch, self.warned = UpsertCounts(), [], [], 0

    def take(self, item: Page | InputError, max_chars: int) -> None:
        article = self._article_or_failure(item, max_chars)
        if article is not None:
            self.batch.append(article)
            self.warned += bool(article.notes)
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        batch, self.batch = by_site(self.batch, self.catalog, self.store.outlet), []
        if batch:
            self.counts = self.counts + self.store.upsert_articles(batch)
            store_outlets(self.store, self.catalog, batch)

    def _article_or_failure(self, item: Page | InputError, max_chars: int) -> Article | None:
        try:
            if isinstance(item, InputError):
                raise item
            return build_article(item, max_chars)
        except InputError as exc:
            self._failed(exc.item, exc.reason)
        except Exception as exc:  # noqa: BLE001 - one item no one foresaw must not end the run
            self._failed(item.source or item.url, f"unexpected error: {type(exc).__name__}: {exc}")
        return None

    def _failed(self, item: str, reason: str) -> None:
        failure = Failure("ingest", item, reason)
        self.store.record_failure(failure)
        self.failures.append(failure)

    def report(self) -> IngestReport:
        c = self.counts
        return IngestReport(c.inserted, c.updated, c.unchanged, len(self.failures), tuple(self.failures),
                            warned=self.warned)


def store_outlets(store: Store, catalog: OutletCatalog, articles: Iterable[Article]) -> None:
    """The identity of every outlet of ``articles``, resolved with their pooled evidence."""
    store.upsert_outlets(identify_outlets(articles, catalog, store.outlet))


def split_by_site(store: Store, catalog: OutletCatalog) -> int:
    """Give the stored articles one outlet per site (a store written before outlets were keyed by site): an
    article on another site than its name's holds moves to the name told apart by its site, as a new version
    (the earlier one keeps the name it was given); how many moved."""
    stored = store.articles_since(None)
    moved = [a for a, before in zip(by_site(stored, catalog, store.outlet), stored) if a.outlet != before.outlet]
    for start in range(0, len(moved), BATCH_SIZE):
        batch = moved[start:start + BATCH_SIZE]
        store.upsert_articles(batch)
        store_outlets(store, catalog, batch)
    return len(moved)
