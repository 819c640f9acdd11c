"""The PostgreSQL store offers everything the SQLite store does, and orders rows the same way."""

from __future__ import annotations

import inspect
import threading
from datetime import datetime

from parallax.models import Page
from parallax.store.base import SeenItem, Store
from parallax.store.postgres import PostgresStore
from parallax.store.sqlite import SQLiteStore
from parallax.text.article import build_article


def _public(cls) -> set[str]:
    return {n for n, v in inspect.getmembers(cls, inspect.isfunction) if not n.startswith("_")}


def test_postgres_has_every_public_method_of_sqlite_and_the_protocol():
    protocol = {n for n in vars(Store) if not n.startswith("_")}
    assert protocol <= _public(PostgresStore)
    assert _public(SQLiteStore) - _public(PostgresStore) == set()


def _article(n: int, day: int | None = 1):
    return build_article(Page(url=f"https://tie.example/{n}", title=f"Tie {n}", outlet="Tie Times",
                              body=f"Item {n} was reported this morning. The harbour stayed open.",
                              published=datetime(2026, 9, day) if day else None))


def test_published_ties_keep_ingestion_order(store):
    """Story assignment walks articles in this order, so both stores must agree on it."""
    first = [_article(n) for n in (5, 1, 9, 3)]
    later = [_article(7), _article(2, None), _article(0)]
    store.upsert_articles(first)
    store.upsert_articles(later)
    expected = [a.id for a in first] + [later[0].id, later[2].id, later[1].id]
    assert [a.id for a in store.articles_since()] == expected


def test_overlapping_marks_from_many_threads_neither_deadlock_nor_lose_rows(store):
    articles = [_article(n, 1 + n % 20) for n in range(40)]
    errors: list[BaseException] = []

    def mark(order: list) -> None:
        try:
            for i in range(0, len(order), 10):
                chunk = order[i : i + 10]
                store.mark_items([SeenItem(a.url, "https://tie.example/rss", "stored") for a in chunk],
                                 articles=chunk)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=mark, args=(o,)) for o in (articles, articles[::-1], articles[7:] + articles[:7])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.counts().articles == 40 and len(store.seen_items([a.url for a in articles])) == 40
