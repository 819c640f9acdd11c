"""The status page shows feed health and ingest failures grouped by reason."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient

from parallax.models import Failure
from parallax.serve import create_app
from parallax.settings import Settings
from parallax.store.base import FeedState


def test_status_lists_feeds_and_failure_kinds(store):
    store.save_feed_state(FeedState("https://vpr.example/rss", "VPR news", last_fetched=datetime(2026, 9, 14),
                                    last_status=503, failures=2, last_error="HTTP 503 <busy>"))
    store.record_failure(Failure("ingest", "https://vpr.example/gone", "HTTP 404 from https://vpr.example/gone"))
    client = TestClient(create_app(store, Settings()))
    body = client.get("/status.json").json()
    assert body["feeds"][0]["url"] == "https://vpr.example/rss"
    assert sum(body["failure_kinds"].values()) == 1
    page = client.get("/status").text
    assert "VPR news" in page and "HTTP 503 &lt;busy&gt;" in page
