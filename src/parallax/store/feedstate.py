"""SQLite SQL for live feed ingestion: per-feed conditional-GET state and the items already handled."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from parallax.models import Article, Failure
from parallax.store.base import FeedState, SeenItem, Subscription, UpsertCounts
from parallax.store.sqlite_rows import now_text, text_time, time_text

_FEED_COLUMNS = "url, title, etag, last_modified, last_fetched, last_status, failures, last_error"





class FeedStateMixin:
    """Feed state for ``SQLiteStore`` (uses its ``_db``, ``_lock``, ``_query``, ``_write``, ``_upsert_batch``)."""

    def feed_state(self, url: str) -> FeedState | None:
        """What the last fetch of a feed left behind, or None for a feed never fetched."""
        rows = self._query(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (url,))
        return _feed(rows[0]) if rows else None

    def save_feed_state(self, state: FeedState) -> None:
        """Insert or replace a feed's state."""
        self._write(
            f"INSERT OR REPLACE INTO feeds ({_FEED_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
            [(state.url, state.title, state.etag, state.last_modified, time_text(state.last_fetched),
              state.last_status, state.failures, state.last_error)],
        )

    def feeds(self) -> list[FeedState]:
        """Every feed ever fetched, by URL."""
        return [_feed(r) for r in self._query(f"SELECT {_FEED_COLUMNS} FROM feeds ORDER BY url")]

    def seen_item(self, url: str) -> SeenItem | None:
        """How an item URL was handled before (stored, or failed and how often), or None."""
        return self.seen_items([url]).get(url)

    def seen_items(self, urls: Sequence[str]) -> dict[str, SeenItem]:
        """``seen_item`` for many URLs at once; URLs never seen are absent."""
        found: dict[str, SeenItem] = {}
        unique = list(dict.fromkeys(urls))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            rows = self._query(
                "SELECT url, feed_url, status, reason, attempts, at FROM seen_items"
                f" WHERE url IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((r[0], SeenItem(r[0], r[1], r[2], r[3], r[4], text_time(r[5]))) for r in rows)
        return found

    def mark_items(self, items: Iterable[SeenItem], failures: Iterable[Failure] = (),
                   articles: Iterable[Article] = ()) -> UpsertCounts:
        """Upsert articles, mark the items they came from handled and record the items' failures,
        all in one transaction: a crash leaves either all of it or none (nothing lost, nothing twice)."""
        seen = [(i.url, i.feed_url, i.status, i.reason, i.attempts, time_text(i.at) or now_text()) for i in items]
        failed = [(f.stage, f.item, f.reason, time_text(f.at) or now_text()) for f in failures]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                counts = self._upsert_batch(list(articles))
                self._db.executemany("INSERT OR REPLACE INTO seen_items VALUES (?,?,?,?,?,?)", seen)
                self._db.executemany("INSERT INTO failures (stage, item, reason, at) VALUES (?,?,?,?)", failed)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return counts

    def failures_by_reason(self, stage: str | None = None) -> dict[str, int]:
        """How many failures carry each reason text (of one stage, or all)."""
        where, params = ("WHERE stage = ?", (stage,)) if stage else ("", ())
        rows = self._query(f"SELECT reason, COUNT(*) FROM failures {where} GROUP BY reason", params)
        return {r[0]: r[1] for r in rows}

    def save_subscriptions(self, subscriptions: Iterable[Subscription]) -> None:
        """Insert or replace subscribed feeds' list entries (outlet, folders, attributes)."""
        self._write("INSERT OR REPLACE INTO subscriptions VALUES (?,?,?,?,?,?)",
                    [(s.url, s.title, s.outlet, json.dumps(list(s.folders), ensure_ascii=False), s.position,
                      json.dumps(dict(s.attributes), ensure_ascii=False)) for s in subscriptions])

    def subscriptions(self) -> list[Subscription]:
        """Every subscribed feed's list entry, in list order."""
        rows = self._query("SELECT * FROM subscriptions ORDER BY position, url")
        return [Subscription(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], tuple(json.loads(r[5]).items()))
                for r in rows]


def _feed(row: sqlite3.Row) -> FeedState:
    return FeedState(url=row[0], title=row[1], etag=row[2], last_modified=row[3], last_fetched=text_time(row[4]),
                     last_status=row[5], failures=row[6], last_error=row[7])
