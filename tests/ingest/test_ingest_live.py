"""Live feed runs into a real SQLite store: conditional GET, items handled once, failures recorded once."""

from __future__ import annotations

import pytest
from support.articles import article_html
from support.feeds import rss

from parallax.ingest import ingest_feeds_once, load_catalog, status_lines
from parallax.ingest.live import MAX_ITEM_ATTEMPTS

DATE = "Tue, 02 Apr 2024 10:00:00 GMT"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def serve(loopback, feed_path, names, **feed_headers):
    """Pages for ``names`` and a feed listing them; returns (feed URL, page URLs)."""
    urls = [loopback.add(f"/news/{n}", article_html(f"Story {n}", extra=f"Item {n}.")) for n in names]
    body = rss("Loopback Daily", [(u, f"Story {n}", DATE) for u, n in zip(urls, names, strict=True)])
    return loopback.add(feed_path, body, "application/rss+xml", headers=feed_headers), urls


def test_second_run_asks_conditionally_and_fetches_nothing_new(loopback, loopback_settings, store, catalog):
    feed, urls = serve(loopback, "/feed.xml", ["a", "b", "c"], ETag='"v1"', **{"Last-Modified": DATE})
    first = ingest_feeds_once([feed, feed], store, catalog, loopback_settings)
    assert (first.feeds, first.inserted, first.failed) == (1, 3, 0)
    assert {a.url for a in store.articles_since(None)} == set(urls)
    state = store.feed_state(feed)
    assert (state.etag, state.last_modified, state.last_status, state.title) == ('"v1"', DATE, 200, "Loopback Daily")

    second = ingest_feeds_once([feed], store, catalog, loopback_settings)
    assert (second.feeds, second.not_modified, second.inserted, second.unchanged) == (1, 1, 0, 0)
    feed_requests = [h for p, h in loopback.requests if p == "/feed.xml"]
    assert feed_requests[-1]["If-None-Match"] == '"v1"' and feed_requests[-1]["If-Modified-Since"] == DATE
    assert all(loopback.hits(f"/news/{n}") == 1 for n in "abc")


def test_a_changed_feed_fetches_only_its_new_items(loopback, loopback_settings, store, catalog):
    feed, _ = serve(loopback, "/feed.xml", ["a", "b"])
    assert ingest_feeds_once([feed], store, catalog, loopback_settings).inserted == 2
    serve(loopback, "/feed.xml", ["a", "b", "c"])
    again = ingest_feeds_once([feed], store, catalog, loopback_settings)
    assert (again.inserted, again.skipped) == (1, 2)
    assert [loopback.hits(f"/news/{n}") for n in "abc"] == [1, 1, 1]
    assert store.counts().articles == 3


def test_item_failures_are_recorded_once_and_transient_ones_retried(loopback, loopback_settings, store, catalog):
    for run in range(MAX_ITEM_ATTEMPTS + 1):
        feed, urls = serve(loopback, "/feed.xml", ["good", "gone", "flaky"], ETag=f'"{run}"')  # changed: no 304
        loopback.add("/news/gone", "missing", "text/plain", status=404)
        loopback.add("/news/flaky", "busy", "text/plain", status=503)
        ingest_feeds_once([feed], store, catalog, loopback_settings)
    assert loopback.hits("/news/good") == 1 and loopback.hits("/news/gone") == 1
    retries = loopback_settings.fetch_retries + 1
    assert loopback.hits("/news/flaky") == MAX_ITEM_ATTEMPTS * retries  # given up after its attempts
    assert sorted(f.item for f in store.failures()) == sorted([urls[1], urls[2]])
    assert store.seen_item(urls[2]).attempts == MAX_ITEM_ATTEMPTS


def test_a_failing_feed_is_recorded_once_until_it_recovers(loopback, loopback_settings, store, catalog):
    broken = loopback.add("/broken.xml", "<html><p>not a feed</p></html>")
    for _ in range(3):
        report = ingest_feeds_once([broken], store, catalog, loopback_settings)
        assert report.failed == 1 and "not a feed" in report.failures[0].reason
    assert [f.item for f in store.failures()] == [broken]
    assert store.feed_state(broken).failures == 3
    serve(loopback, "/broken.xml", ["x"])
    assert ingest_feeds_once([broken], store, catalog, loopback_settings).inserted == 1
    assert store.feed_state(broken).failures == 0


def test_status_lines_count_feeds_articles_and_failures_by_reason(loopback, loopback_settings, store, catalog):
    feed, _ = serve(loopback, "/feed.xml", ["a", "b", "lost1", "lost2"])
    loopback.add("/news/lost1", "", status=404)
    loopback.add("/news/lost2", "", status=410)
    dead = loopback.url("/dead.xml")
    ticks = []
    ingest_feeds_once([feed, dead], store, catalog, loopback_settings, on_item=lambda: ticks.append(1))
    assert len(ticks) == 2 + 4  # each feed and each item
    lines = status_lines(store)
    assert "2 feeds (1 failing)" in lines and "2 articles" in lines and "3 failures" in lines
    assert "    3 not found (HTTP 404/410)" in lines
