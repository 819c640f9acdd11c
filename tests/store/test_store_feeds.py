"""Feed state for live ingestion: conditional-GET validators, handled items, failures by reason."""

from __future__ import annotations

from datetime import datetime

import pytest

from parallax.models import Failure
from parallax.store.base import FeedState, SeenItem

METHODS = ("feed_state", "save_feed_state", "feeds", "seen_item", "seen_items", "mark_items", "failures_by_reason")


@pytest.fixture
def feeds_store(store):
    """The backend under test, skipped while it lacks the feed-state methods (PostgreSQL has none yet)."""
    missing = [name for name in METHODS if not hasattr(store, name)]
    if missing:
        pytest.skip(f"{type(store).__name__} has no feed state yet ({', '.join(missing)})")
    return store


def test_feed_state_round_trips_and_is_replaced(feeds_store):
    assert feeds_store.feed_state("https://a.example/rss") is None and feeds_store.feeds() == []
    first = FeedState("https://a.example/rss", "A", '"e1"', "Tue, 02 Apr 2024 10:00:00 GMT",
                      datetime(2026, 9, 1, 8, 0), 200)
    feeds_store.save_feed_state(first)
    assert feeds_store.feed_state(first.url) == first
    failing = FeedState(first.url, "A", '"e1"', first.last_modified, datetime(2026, 9, 1, 9), 0, 2, "timed out")
    feeds_store.save_feed_state(failing)
    feeds_store.save_feed_state(FeedState("https://b.example/atom"))
    assert feeds_store.feeds() == [failing, FeedState("https://b.example/atom")]


def test_marked_items_are_seen_and_their_failures_recorded_together(feeds_store):
    at = datetime(2026, 9, 2, 7, 30)
    feeds_store.mark_items(
        [SeenItem("https://a.example/1", "https://a.example/rss", "stored", at=at),
         SeenItem("https://a.example/2", "https://a.example/rss", "failed", "HTTP status 503", 1, at)],
        [Failure("ingest", "https://a.example/2", "HTTP status 503")],
    )
    assert feeds_store.seen_item("https://a.example/1").status == "stored"
    assert feeds_store.seen_item("https://a.example/9") is None
    retried = SeenItem("https://a.example/2", "https://a.example/rss", "failed", "HTTP status 503", 2, at)
    feeds_store.mark_items([retried])
    seen = feeds_store.seen_items(["https://a.example/2", "https://a.example/1", "https://a.example/2"])
    assert set(seen) == {"https://a.example/1", "https://a.example/2"}
    assert (seen["https://a.example/2"].attempts, seen["https://a.example/2"].at) == (2, at)
    assert [f.item for f in feeds_store.failures()] == ["https://a.example/2"]


def test_failures_by_reason_counts_each_reason(feeds_store):
    for item, reason, stage in [("u1", "HTTP status 404", "ingest"), ("u2", "HTTP status 404", "ingest"),
                                ("u3", "timed out", "ingest"), ("s1", "no sentences", "write")]:
        feeds_store.record_failure(Failure(stage, item, reason))
    assert feeds_store.failures_by_reason("ingest") == {"HTTP status 404": 2, "timed out": 1}
    assert feeds_store.failures_by_reason() == {"HTTP status 404": 2, "timed out": 1, "no sentences": 1}


def test_articles_and_their_items_are_committed_together(feeds_store):
    from parallax.models import Page
    from parallax.text.article import build_article

    article = build_article(Page(url="https://a.example/3", body="The harbour bridge reopened on Monday. "
                                 "Traffic was light in the morning.", title="Bridge reopens"))
    item = SeenItem("https://a.example/3", "https://a.example/rss", "stored")
    counts = feeds_store.mark_items([item], articles=[article])
    assert counts.inserted == 1 and feeds_store.article(article.id).url == article.url
    assert feeds_store.mark_items([item], articles=[article]).unchanged == 1
    assert feeds_store.seen_item(article.url).status == "stored"
