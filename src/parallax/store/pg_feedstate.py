"""PostgreSQL twin of ``feedstate.py``: per-feed conditional-GET state and the items already handled."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import psycopg

from parallax.models import Article, Failure
from parallax.store import pg_articles
from parallax.store.base import FeedState, SeenItem, Subscription, UpsertCounts
from parallax.store.pg_stories import json_body

_FEED_COLUMNS = "url, title, etag, last_modified, last_fetched, last_status, failures, last_error"
_FEED_UPSERT = (
    f"INSERT INTO feeds ({_FEED_COLUMNS}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (url) DO UPDATE SET"
    " title=excluded.title, etag=excluded.etag, last_modified=excluded.last_modified,"
    " last_fetched=excluded.last_fetched, last_status=excluded.last_status, failures=excluded.failures,"
    " last_error=excluded.last_error"
)
_SUBSCRIPTION_UPSERT = (
    "INSERT INTO subscriptions VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (url) DO UPDATE SET title=excluded.title,"
    " outlet=excluded.outlet, folders=excluded.folders, position=excluded.position, attributes=excluded.attributes"
)
_SEEN_UPSERT = (
    "INSERT INTO seen_items VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (url) DO UPDATE SET"
    " feed_url=excluded.feed_url, status=excluded.status, reason=excluded.reason,"
    " attempts=excluded.attempts, at=excluded.at"
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _seconds(value: datetime | None) -> datetime | None:
    """Naive UTC to the second, as the SQLite store keeps feed times."""
    value = pg_articles.naive(value)
    return value.replace(microsecond=0) if value else None


class PgFeedStateMixin:
    """Feed state for ``PostgresStore`` (uses its ``_query`` and ``_transact``)."""

    def feed_state(self, url: str) -> FeedState | None:
        """What the last fetch of a feed left behind, or None for a feed never fetched."""
        rows = self._query(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = %s", (url,))
        return FeedState(*rows[0]) if rows else None

    def save_feed_state(self, state: FeedState) -> None:
        """Insert or replace a feed's state."""
        row = (state.url, state.title, state.etag, state.last_modified, _seconds(state.last_fetched),
               state.last_status, state.failures, state.last_error)
        self._transact(lambda conn: conn.execute(_FEED_UPSERT, row))

    def feeds(self) -> list[FeedState]:
        """Every feed ever fetched, by URL."""
        return [FeedState(*r) for r in self._query(f'SELECT {_FEED_COLUMNS} FROM feeds ORDER BY url COLLATE "C"')]

    def seen_item(self, url: str) -> SeenItem | None:
        """How an item URL was handled before (stored, or failed and how often), or None."""
        return self.seen_items([url]).get(url)

    def seen_items(self, urls: Sequence[str]) -> dict[str, SeenItem]:
        """``seen_item`` for many URLs at once; URLs never seen are absent."""
        rows = self._query(
            "SELECT url, feed_url, status, reason, attempts, at FROM seen_items WHERE url = ANY(%s)",
            (list(dict.fromkeys(urls)),),
        )
        return {r[0]: SeenItem(*r) for r in rows}

    def mark_items(self, items: Iterable[SeenItem], failures: Iterable[Failure] = (),
                   articles: Iterable[Article] = ()) -> UpsertCounts:
        """Upsert articles, mark the items they came from handled and record the items' failures,
        all in one transaction: a crash leaves either all of it or none (nothing lost, nothing twice)."""
        seen = sorted((i.url, i.feed_url, i.status, i.reason, i.attempts, _seconds(i.at) or _now()) for i in items)
        failed = [(f.stage, f.item, f.reason, _seconds(f.at) or _now()) for f in failures]
        batch = list(articles)  # pg_articles.upsert locks ids in one global order itself

        def work(conn: psycopg.Connection) -> UpsertCounts:
            counts = pg_articles.upsert(conn, batch, _now()) if batch else UpsertCounts()
            conn.cursor().executemany(_SEEN_UPSERT, seen)
            conn.cursor().executemany("INSERT INTO failures (stage, item, reason, at) VALUES (%s,%s,%s,%s)", failed)
            return counts

        return self._transact(work)

    def failures_by_reason(self, stage: str | None = None) -> dict[str, int]:
        """How many failures carry each reason text (of one stage, or all)."""
        where, params = ("WHERE stage = %s", (stage,)) if stage else ("", ())
        rows = self._query(f"SELECT reason, COUNT(*) FROM failures {where} GROUP BY reason", params)
        return {r[0]: r[1] for r in rows}

    def save_subscriptions(self, subscriptions: Iterable[Subscription]) -> None:
        """Insert or replace subscribed feeds' list entries (outlet, folders, attributes)."""
        rows = [(s.url, s.title, s.outlet, json_body(list(s.folders)), s.position,  # type: ignore[arg-type]
                 json_body(dict(s.attributes))) for s in sorted(subscriptions, key=lambda s: s.url)]
        self._transact(lambda conn: conn.cursor().executemany(_SUBSCRIPTION_UPSERT, rows))

    def subscriptions(self) -> list[Subscription]:
        """Every subscribed feed's list entry, in list order."""
        rows = self._query('SELECT * FROM subscriptions ORDER BY position, url COLLATE "C"')
        return [Subscription(r[0], r[1], r[2], tuple(r[3]), r[4], tuple(r[5].items())) for r in rows]
