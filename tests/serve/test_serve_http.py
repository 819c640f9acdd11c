"""HTTP behaviour: ETag and 304, Cache-Control, HEAD, OpenAPI and its docs page, token-guarded writes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from parallax.serve import create_app
from parallax.serve.caching import etag_matches, weak_etag
from parallax.settings import Settings

PAGES = ["/", "/stories.json", "/stories/s-bridge", "/stories/s-bridge.json", "/outlets", "/outlets.json",
         "/outlets/Harbour%20Ledger", "/search?q=bridge", "/status", "/status.json", "/api", "/openapi.json",
         "/feed.atom", "/digest/2026-09-15.md"]


def test_weak_etag_and_matching():
    tag = weak_etag(b"hello")
    assert tag.startswith('W/"') and tag != weak_etag(b"hello!")
    assert etag_matches(tag, tag) and etag_matches(tag.removeprefix("W/"), tag)
    assert etag_matches(f'"other", {tag}', tag) and etag_matches("*", tag)
    assert not etag_matches('"other"', tag)


@pytest.mark.parametrize("path", PAGES)
def test_every_get_has_an_etag_and_answers_304_when_unchanged(client, path):
    first = client.get(path)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert tag == weak_etag(first.content) and first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert "content-security-policy" in again.headers
    assert client.get(path, headers={"If-None-Match": 'W/"stale"'}).status_code == 200


def test_different_pages_have_different_etags(client):
    assert client.get("/stories/s-bridge").headers["etag"] != client.get("/stories/s-ferry").headers["etag"]
    assert client.get("/?order=recency").headers["etag"] != client.get("/").headers["etag"]


def test_head_answers_like_get_without_a_body(client):
    get, head = client.get("/stories/s-bridge"), client.head("/stories/s-bridge")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == str(len(get.content))
    assert client.head("/stories/s-nothing").status_code == 404


def test_static_files_cache_longer_and_errors_not_at_all(client):
    css = client.get("/static/parallax.css")
    assert css.headers["cache-control"] == "public, max-age=3600" and "etag" in css.headers
    assert client.get("/static/parallax.css", headers={"If-None-Match": css.headers["etag"]}).status_code == 304
    missing = client.get("/stories/s-nothing")
    assert missing.headers["cache-control"] == "no-store" and "etag" not in missing.headers


def test_openapi_lists_every_json_twin_once(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ["/stories.json", "/stories/{story_id}.json", "/outlets.json", "/outlets/{name}.json",
                 "/search.json", "/status.json", "/digest/{day}.json", "/feed.atom", "/api/feeds"]:
        assert path in paths, path
    assert all("head" not in ops for ops in paths.values())
    params = {p["name"] for p in paths["/stories.json"]["get"]["parameters"]}
    assert params == {"order", "page", "per_page", "from", "to", "outlet", "country", "leaning", "language"}
    assert paths["/api/feeds"]["post"]["security"]


def test_api_page_lists_the_operations_from_the_openapi_document(client):
    spec = client.get("/openapi.json").json()
    html = client.get("/api").text
    assert html.count("<h1") == 1 and "<script" not in html and "cdn" not in html.lower()
    for path in spec["paths"]:
        assert f">{path}<" in html, path
    assert '<a href="/stories.json">/stories.json</a>' in html  # parameterless GETs are links
    assert "If-None-Match" in html


@pytest.fixture
def writable(corpus, monkeypatch):
    monkeypatch.setenv("PARALLAX_API_TOKEN", "s3cret-token")
    store, _ = corpus
    with TestClient(create_app(store, Settings())) as c:
        yield c


def test_writes_are_refused_when_no_token_is_configured(client, monkeypatch):
    response = client.post("/api/feeds", json={"url": "https://news.example/feed.xml"},
                           headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403 and "writes disabled" in response.json()["error"]
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0"},
                                     {"Authorization": "Bearer s3cret-token-and-more"}])
def test_writes_need_the_right_token(writable, headers):
    response = writable.post("/api/feeds", json={"url": "https://news.example/feed.xml"}, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_an_authorised_write_checks_its_body_then_stores_the_feed(writable, corpus):
    store, _ = corpus
    auth = {"Authorization": "Bearer s3cret-token"}
    bad = writable.post("/api/feeds", json={"url": "javascript:alert(1)"}, headers=auth)
    assert bad.status_code == 400 and "url" in bad.json()["error"]
    assert writable.post("/api/feeds", json={}, headers=auth).status_code == 400
    url = "https://news.example/feed.xml"
    assert store.feed_state(url) is None
    created = writable.post("/api/feeds", json={"url": url}, headers=auth)
    assert created.status_code == 201 and created.json() == {"url": url, "created": True}
    assert store.feed_state(url) is not None and url in [f.url for f in store.feeds()]
    again = writable.post("/api/feeds", json={"url": url}, headers=auth)
    assert again.status_code == 200 and again.json()["created"] is False


def test_pages_stay_get_only_even_with_a_token(writable):
    auth = {"Authorization": "Bearer s3cret-token"}
    for path in ["/", "/stories/s-bridge", "/outlets", "/status"]:
        assert writable.post(path, headers=auth).status_code == 405
    assert writable.get("/api/feeds").status_code == 405
