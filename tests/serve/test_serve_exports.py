"""Exports: a story as Markdown and as a standalone HTML file, Atom and RSS feeds, the daily digest."""

from __future__ import annotations

from datetime import date

import feedparser
import pytest
from serve_corpus import HOSTILE, HOSTILE_IMG

from parallax.serve.app import CONTENT_SECURITY_POLICY
from parallax.serve.digest import DigestEntry, daily_digest, digest_markdown, escape_markdown
from parallax.serve.feeds import FeedEntry, atom_feed, rss_feed


def test_story_markdown_export(client):
    pytest.importorskip("parallax.write", reason="parallax.write is not importable")
    from parallax import write

    if not hasattr(write, "render_markdown"):
        pytest.skip("parallax.write.render_markdown is not written yet (another helper's part)")
    response = client.get("/stories/s-bridge.md")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/markdown")
    assert "Porto Vell harbour bridge collapses" in response.text


def test_markdown_export_is_a_clear_answer_either_way(client):
    status = client.get("/stories/s-bridge.md").status_code
    assert status in (200, 501)
    assert client.get("/stories/s-ferry.md").status_code == 404  # no brief: nothing to export


def test_story_html_download_is_standalone_and_scriptless(client):
    response = client.get("/stories/s-bridge.html")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="s-bridge-v2.html"'
    csp = response.headers["content-security-policy"]
    assert csp != CONTENT_SECURITY_POLICY and "script-src" not in csp and csp.startswith("default-src 'none'")
    html = response.text
    assert "<style>" in html and "/static/" not in html and "<script" not in html
    assert "Which outlets assert, dispute or leave out each key claim" in html
    assert client.get("/stories/s-bridge.html?version=1").headers["content-disposition"].endswith('-v1.html"')
    assert client.get("/stories/s-ferry.html").status_code == 404


@pytest.mark.parametrize("path, version", [("/feed.atom", "atom10"), ("/feed.rss", "rss20")])
def test_feeds_parse_back_with_feedparser(client, path, version):
    response = client.get(path)
    assert response.status_code == 200 and "xml" in response.headers["content-type"]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert [e.link for e in feed.entries] == ["http://127.0.0.1:8123/stories/s-bridge", "http://127.0.0.1:8123/stories/s-ferry"]
    assert feed.entries[0].title == "Porto Vell harbour bridge collapses"
    assert "4 articles from 4 outlets" in feed.entries[0].summary
    assert feed.entries[0].updated_parsed[:3] == (2026, 9, 15)


def test_feeds_take_the_list_filters_and_escape_text(client):
    feed = feedparser.parse(client.get("/feed.atom?country=XV").content)
    assert [e.title for e in feed.entries] == ["Porto Vell harbour bridge collapses"]
    assert client.get("/feed.rss?leaning=sideways").status_code == 400
    assert "1 article from 1 outlet" in client.get("/feed.rss").text


@pytest.mark.parametrize("build", [atom_feed, rss_feed])
def test_feed_text_is_escaped_and_cleaned(build):
    entry = FeedEntry("s-x", f"{HOSTILE} & more\x00\x07", "https://site.example/stories/s-x", None, HOSTILE_IMG)
    raw = build([entry], "https://site.example/", "https://site.example/feed")
    assert HOSTILE not in raw and "<img" not in raw and "\x00" not in raw
    parsed = feedparser.parse(raw.encode())
    assert not parsed.bozo and parsed.entries[0].link == "https://site.example/stories/s-x"


def test_digest_lists_the_days_stories(client, corpus):
    store, facts = corpus
    text = daily_digest(store, date(2026, 9, 15))
    assert text.startswith("# parallax digest: 15 September 2026\n")
    assert "1 story with articles published on 2026-09-15." in text
    assert "## 1. [Porto Vell harbour bridge collapses](/stories/s-bridge)" in text
    assert escape_markdown(facts["articles"]["ledger"].sentence_text(0)) in text
    assert "*4 articles from 4 outlets: Coastal Courier, Harbour Ledger, Mischief Weekly, Valdoria State Radio*" in text
    assert "Ferry strike ends" in daily_digest(store, date(2026, 9, 18))
    assert "0 stories" in daily_digest(store, date(2026, 9, 16))  # inside the bridge's span, but no article that day


def test_digest_routes(client):
    md = client.get("/digest/2026-09-18.md")
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "(http://127.0.0.1:8123/stories/s-ferry)" in md.text
    data = client.get("/digest/2026-09-15.json").json()
    assert data["day"] == "2026-09-15" and [s["story_id"] for s in data["stories"]] == ["s-bridge"]
    for bad in ["2026-9-15", "yesterday", "2026-02-30"]:
        response = client.get(f"/digest/{bad}.json")
        assert response.status_code == 400 and "YYYY-MM-DD" in response.json()["error"]


def test_digest_markdown_escapes_source_text():
    entry = DigestEntry("s-x", "<script>x</script> [link](javascript:y)", "*loud* _claim_ | pipe", ("A|B",), 1)
    text = digest_markdown(date(2026, 1, 2), [entry])
    assert "<script>" not in text and "\\<script\\>" in text and "\\[link\\](javascript:y)" in text
    assert "\\*loud\\* \\_claim\\_ \\| pipe" in text and "*1 article from 1 outlet: A\\|B*" in text
