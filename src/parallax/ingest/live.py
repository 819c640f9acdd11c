"""Keeping a store current from a list of feeds: polite, concurrent, resumable.

One run fetches every feed (conditionally: ETag / Last-Modified), then the page of
every item the store has not handled before, a few at a time per host. Articles
are committed in small batches together with the items they came from, and a
feed's validators are saved only after all of its items are committed. So a run
killed at any moment loses nothing (the next run fetches again what was not
committed) and duplicates nothing (articles are upserted by canonical URL; an
item's failure is recorded in the same transaction that marks it handled).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from parallax.errors import InputError
from parallax.ingest.feeds import Feed, read_feed
from parallax.ingest.fetch import Fetched, Fetcher
from parallax.ingest.health import is_transient
from parallax.ingest.outlets import OutletCatalog
from parallax.ingest.outlets.identify import by_site
from parallax.ingest.polite import host_of
from parallax.ingest.schedule import HostQueues
from parallax.ingest.sources import IngestReport, item_page, store_outlets, with_outlet
from parallax.models import Article, Failure, FeedItem
from parallax.settings import Settings
from parallax.store.base import FeedState, SeenItem, Store, UpsertCounts
from parallax.text.article import build_article

ITEM_BATCH = 20
MAX_ITEM_ATTEMPTS = 3  # runs in which a transiently failing item is tried before it is given up
STAGE = "ingest"


@dataclass(frozen=True)
class _FeedJob:
    url: str


@dataclass(frozen=True)
class _ItemJob:
    feed_url: str
    item: FeedItem
    number: int
    feed_title: str
    attempts: int  # failed attempts in earlier runs

    @property
    def key(self) -> str:
        return item_key(self.item)


@dataclass(frozen=True)
class _FeedAnswer:
    fetched: Fetched
    feed: Feed | None  # None when not modified


@dataclass
class _Pending:
    state: FeedState  # saved once every item of the feed is committed
    waiting: int  # items not yet back from the workers


def item_key(item: FeedItem) -> str:
    """What identifies an item across runs: its link, else a digest of its text."""
    if item.url:
        return item.url
    digest = hashlib.sha256(f"{item.title}\n{item.summary}".encode()).hexdigest()[:16]
    return f"{item.feed_url}#unlinked-{digest}"


def worth_trying(seen: SeenItem | None) -> bool:
    """New items, and items whose failure was transient and not yet tried too often."""
    if seen is None:
        return True
    return seen.status == "failed" and seen.attempts < MAX_ITEM_ATTEMPTS and is_transient(seen.reason)


def conditional_headers(state: FeedState | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the validators of the feed's last fetch."""
    headers = {}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def ingest_feeds_once(feed_urls: Iterable[str], store: Store, catalog: OutletCatalog, settings: Settings,
                      on_item: Callable[[], object] | None = None, batch_size: int = ITEM_BATCH) -> IngestReport:
    """Fetch every feed once and store the articles of items not handled before.

    A bad feed or item is recorded as a failure with its reason (once, however often a
    transient one is retried in later runs) and the run goes on. Safe to kill at any moment.
    """
    with Fetcher(settings) as fetcher:
        run = _FeedRun(store, catalog, fetcher, on_item or (lambda: None), max(1, batch_size))
        run.run(list(dict.fromkeys(feed_urls)))
    return run.report()


class _FeedRun:
    """The state of one run; all store writes happen on the calling thread."""

    def __init__(self, store: Store, catalog: OutletCatalog, fetcher: Fetcher, tick: Callable[[], object],
                 batch_size: int):
        self.store, self.catalog, self.fetcher, self.tick = store, catalog, fetcher, tick
        self.batch_size = batch_size
        self.queues: HostQueues[_FeedJob | _ItemJob] = HostQueues(fetcher.politeness.host_concurrency)
        self.states = {s.url: s for s in store.feeds()}
        self.outlets = {s.url: s.outlet for s in store.subscriptions() if s.outlet}  # from an imported feed list
        self.pending: dict[str, _Pending] = {}
        self.batch: list[tuple[_ItemJob, Article | InputError]] = []
        self.queued: set[str] = set()
        self.counts, self.failures = UpsertCounts(), []
        self.feeds = self.not_modified = self.skipped = 0

    def run(self, feed_urls: list[str]) -> None:
        for url in feed_urls:
            self.queues.push(host_of(url), _FeedJob(url))
        workers = self.fetcher.politeness.concurrency
        running: dict[Future, tuple[str, _FeedJob | _ItemJob]] = {}
        with ThreadPoolExecutor(workers, thread_name_prefix="parallax-fetch") as pool:
            while len(self.queues) or running:
                for host, job in self.queues.take(workers - len(running)):
                    running[pool.submit(self._work, job)] = (host, job)
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    host, job = running.pop(future)
                    self.queues.done(host)
                    self._settle(job, future.result())
        self._flush()

    def report(self) -> IngestReport:
        return IngestReport(self.counts.inserted, self.counts.updated, self.counts.unchanged, len(self.failures),
                            tuple(self.failures), self.feeds, self.not_modified, self.skipped)

    # -- on worker threads: network and extraction, no store writes ------------
    def _work(self, job: _FeedJob | _ItemJob) -> _FeedAnswer | Article | InputError:
        url = job.url if isinstance(job, _FeedJob) else job.key
        try:
            return self._fetch_feed(job) if isinstance(job, _FeedJob) else self._fetch_item(job)
        except InputError as exc:
            return exc
        except Exception as exc:  # noqa: BLE001 - a page no one foresaw must not end a long-running ingestion
            return InputError(url, f"unexpected error: {type(exc).__name__}: {exc}")

    def _fetch_feed(self, job: _FeedJob) -> _FeedAnswer:
        fetched = self.fetcher.fetch(job.url, conditional_headers(self.states.get(job.url)))
        if fetched.not_modified:
            return _FeedAnswer(fetched, None)
        return _FeedAnswer(fetched, read_feed(fetched.body, fetched.final_url))

    def _fetch_item(self, job: _ItemJob) -> Article | InputError:
        given = self.outlets.get(job.feed_url, "")  # a feed list's outlet name is the user's: it outranks the page
        page = item_page(job.item, job.number, self.fetcher, given, self.catalog, job.feed_title)
        if isinstance(page, InputError):
            return page
        return build_article(with_outlet(page, self.catalog), self.fetcher.settings.max_article_chars)

    # -- on the calling thread: bookkeeping and store writes ----------------------
    def _settle(self, job: _FeedJob | _ItemJob, result: object) -> None:
        if isinstance(job, _FeedJob):
            self._settle_feed(job, result)
        else:
            self._settle_item(job, result)
        self.tick()

    def _settle_feed(self, job: _FeedJob, result: _FeedAnswer | InputError) -> None:
        self.feeds += 1
        previous = self.states.get(job.url) or FeedState(job.url)
        if isinstance(result, InputError):
            self._feed_failed(previous, result)
            return
        state = _fetched_state(previous, result)
        if result.feed is None:
            self.not_modified += 1
            self.store.save_feed_state(state)
            return
        jobs = self._new_items(result.feed, job.url)
        self.pending[job.url] = _Pending(state, len(jobs))
        for item_job in jobs:
            self.queues.push(host_of(item_job.key), item_job)
        if not jobs:
            self._finish_feed(job.url)

    def _feed_failed(self, previous: FeedState, error: InputError) -> None:
        failure = Failure(STAGE, error.item, error.reason)
        self.failures.append(failure)
        if previous.failures == 0:  # record a failing feed once, not on every run until it recovers
            self.store.record_failure(failure)
        self.store.save_feed_state(replace(previous, last_fetched=_now(), last_status=0,
                                           failures=previous.failures + 1, last_error=error.reason))

    def _new_items(self, feed: Feed, feed_url: str) -> list[_ItemJob]:
        items = [replace(item, feed_url=feed_url) for item in feed.items]  # keyed by the feed as listed
        seen = self.store.seen_items([item_key(i) for i in items])
        jobs = []
        for number, item in enumerate(items, start=1):
            key = item_key(item)
            if key in self.queued or not worth_trying(seen.get(key)):
                self.skipped += 1
                continue
            self.queued.add(key)
            earlier = seen[key].attempts if key in seen else 0
            jobs.append(_ItemJob(feed_url, item, number, self.outlets.get(feed_url) or feed.title, earlier))
        return jobs

    def _settle_item(self, job: _ItemJob, result: Article | InputError) -> None:
        self.batch.append((job, result))
        pending = self.pending[job.feed_url]
        pending.waiting -= 1
        if len(self.batch) >= self.batch_size or pending.waiting == 0:
            self._flush()

    def _flush(self) -> None:
        """Commit the batch: outlets, then in one transaction its articles, items and failures."""
        if not self.batch:
            return
        articles = by_site([r for _, r in self.batch if isinstance(r, Article)], self.catalog, self.store.outlet)
        store_outlets(self.store, self.catalog, articles)
        seen, new_failures = [], []
        for job, result in self.batch:
            seen.append(self._seen(job, result))
            if isinstance(result, InputError):
                failure = Failure(STAGE, result.item, result.reason)
                self.failures.append(failure)
                if job.attempts == 0:
                    new_failures.append(failure)
        self.counts = self.counts + self.store.mark_items(seen, new_failures, articles)
        feeds = {job.feed_url for job, _ in self.batch}
        self.batch = []
        for url in feeds:
            if self.pending[url].waiting == 0:
                self._finish_feed(url)

    def _seen(self, job: _ItemJob, result: Article | InputError) -> SeenItem:
        if isinstance(result, Article):
            return SeenItem(job.key, job.feed_url, "stored", attempts=job.attempts + 1, at=_now())
        return SeenItem(job.key, job.feed_url, "failed", result.reason, job.attempts + 1, _now())

    def _finish_feed(self, url: str) -> None:
        self.store.save_feed_state(self.pending.pop(url).state)


def _fetched_state(previous: FeedState, answer: _FeedAnswer) -> FeedState:
    """The feed's new state after a 200 or 304: fresh validators, healthy again."""
    headers = {k.lower(): v for k, v in answer.fetched.headers.items()}
    keep = answer.feed is None  # a 304 may omit the validators; the old ones still hold
    return replace(
        previous,
        title=answer.feed.title if answer.feed else previous.title,
        etag=headers.get("etag", previous.etag if keep else ""),
        last_modified=headers.get("last-modified", previous.last_modified if keep else ""),
        last_fetched=_now(), last_status=answer.fetched.status, failures=0, last_error="",
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
