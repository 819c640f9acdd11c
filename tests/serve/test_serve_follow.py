"""Following stories with a real feed reader (feedparser) over real HTTP: stable entry ids across
runs, merges and a move to PostgreSQL; conditional GET; clear JSON errors for unknown and retired stories."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime

import feedparser
import pytest
from serve_corpus import make_articles, make_brief
from support.pg import pg_empty_url, pg_server, pg_template  # noqa: F401 - fixtures
from support.webapp import serving

from parallax.models import Story
from parallax.serve import create_app
from parallax.settings import Settings
from parallax.store.base import StoredBrief
from parallax.store.sqlite import SQLiteStore

DAY = datetime(2026, 9, 14, 8)


def populate(store) -> dict:
    """Two stories; the second one is merged into the first with a new version and brief."""
    a = make_articles()
    store.upsert_articles(a.values())
    first, second = (a["ledger"].id, a["radio"].id), (a["courier"].id, a["hostile"].id)
    store.save_stories([Story("s-bridge", first, title="Bridge", first_published=DAY, last_published=DAY),
                        Story("s-rescue", second, title="Rescue", first_published=DAY, last_published=DAY)])
    store.save_brief(StoredBrief("s-bridge", 1, "fixture", "h1", make_brief("s-bridge", 1, a, False), DAY))
    store.save_brief(StoredBrief("s-rescue", 1, "fixture", "h2", make_brief("s-rescue", 1, a, False), DAY))
    store.save_stories([Story("s-bridge", first + second, title="Bridge", first_published=DAY, last_published=DAY)])
    store.retire_stories({"s-rescue": "s-bridge"})
    store.save_stories([Story("s-ferry", (a["ferry"].id,), title="Ferry", first_published=DAY, last_published=DAY)])
    store.save_stories([Story("s-orphan", (a["ferry"].id,), title="Orphan")])
    store.retire_stories({"s-orphan": "s-deleted"})  # a successor that is not in the database
    return a


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("follow") / "follow.db")
    populate(store)
    with serving(create_app(store, Settings())) as base:
        yield store, base
    store.close()


def entry_ids(url: str) -> list[str]:
    parsed = feedparser.parse(url)
    assert parsed.status == 200 and not parsed.bozo, parsed.get("bozo_exception")
    return [e.id for e in parsed.entries]


def test_a_story_feed_lists_developments_and_brief_versions_of_it_and_what_merged_into_it(site):
    _, base = site
    parsed = feedparser.parse(f"{base}/stories/s-bridge/feed.atom")
    assert parsed.status == 200 and parsed.version == "atom10"
    ids = {e.id for e in parsed.entries}
    tag = "tag:parallax,2026:story/"
    assert ids == {tag + "s-bridge/v1", tag + "s-bridge/v2", tag + "s-bridge/brief/v1",
                   tag + "s-rescue/v1", tag + "s-rescue/brief/v1"}
    development = next(e for e in parsed.entries if e.id == tag + "s-bridge/v2")
    assert "Coastal Courier" in development.title and development.link == f"{base}/stories/s-bridge"
    brief = next(e for e in parsed.entries if e.id == tag + "s-bridge/brief/v1")
    assert brief.title.startswith("Brief v1: Porto Vell") and "[Harbour Ledger, Valdoria State Radio]" in brief.summary


def test_the_json_feed_carries_the_same_entries(site):
    _, base = site
    with urllib.request.urlopen(f"{base}/stories/s-bridge/feed.json") as answer:
        assert answer.headers["Content-Type"].startswith("application/feed+json")
        doc = json.load(answer)
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert sorted(i["id"] for i in doc["items"]) == sorted(entry_ids(f"{base}/stories/s-bridge/feed.atom"))
    brief = next(i for i in doc["items"] if i["id"].endswith("s-bridge/brief/v1"))
    assert brief["_parallax"]["citations"][0]["sentence_index"] == 0


def test_ids_stay_the_same_after_another_run_saves_the_same_stories(site):
    store, base = site
    before = entry_ids(f"{base}/stories/s-bridge/feed.atom")
    story = store.story("s-bridge")
    store.save_stories([story])
    assert entry_ids(f"{base}/stories/s-bridge/feed.atom") == before


def test_a_merged_story_feed_redirects_to_its_successor(site):
    _, base = site
    parsed = feedparser.parse(f"{base}/stories/s-rescue/feed.atom")
    assert parsed.status == 301 and parsed.href == f"{base}/stories/s-bridge/feed.atom"
    assert "tag:parallax,2026:story/s-rescue/brief/v1" in [e.id for e in parsed.entries]


def test_conditional_get_with_etag_and_last_modified(site):
    _, base = site
    url = f"{base}/stories/s-bridge/feed.atom"
    first = feedparser.parse(url)
    assert first.etag.startswith('W/"') and first.modified
    assert feedparser.parse(url, etag=first.etag).status == 304
    assert feedparser.parse(url, modified=first.modified).status == 304
    assert feedparser.parse(url, etag='W/"stale"').status == 200


@pytest.mark.parametrize("path, status, words", [
    ("/stories/s-nothing/feed.atom", 404, "no story with id 's-nothing'"),
    ("/stories/s-bridge/feed.rdf", 404, "no feed format 'rdf'"),
    ("/stories/s-orphan/feed.json", 410, "'s-orphan' was retired and its successor is gone"),
    ("/feeds/stories.atom?since=yesterday", 400, "since: 'yesterday' is not a date"),
])
def test_bad_feed_requests_get_json_errors(site, path, status, words):
    _, base = site
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(base + path)
    body = json.loads(raised.value.read())
    assert raised.value.code == status and body["status"] == status and words in body["error"]


def test_the_new_stories_feed_filters_by_query_country_and_language(site):
    _, base = site
    everything = entry_ids(f"{base}/feeds/stories.atom")
    assert everything == ["tag:parallax,2026:story/s-ferry", "tag:parallax,2026:story/s-bridge"]
    assert entry_ids(f"{base}/feeds/stories.atom?q=sabotage") == ["tag:parallax,2026:story/s-bridge"]
    assert entry_ids(f"{base}/feeds/stories.atom?q=ferry+strike") == ["tag:parallax,2026:story/s-ferry"]
    assert entry_ids(f"{base}/feeds/stories.atom?country=xv") == []  # no outlet facts stored in this database


def test_ids_survive_a_move_to_postgresql(site, pg_empty_url):  # noqa: F811 - fixture
    from parallax.store.postgres import PostgresStore
    from parallax.store.transfer import migrate_store

    store, base = site
    target = PostgresStore(pg_empty_url)
    try:
        assert migrate_store(store, target).ok
        with serving(create_app(target, Settings())) as moved:
            for path in ("/stories/s-bridge/feed.atom", "/feeds/stories.atom"):
                assert entry_ids(moved + path) == entry_ids(base + path)
    finally:
        target.close()


def test_the_story_page_links_its_feeds_for_readers_to_discover(site):
    _, base = site
    with urllib.request.urlopen(f"{base}/stories/s-bridge") as answer:
        page = answer.read().decode()
    assert '<link rel="alternate" type="application/atom+xml" title="Follow this story (Atom)"' in page
    assert 'Follow: <a href="/stories/s-bridge/feed.atom">Atom</a>' in page
