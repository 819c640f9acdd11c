"""The default feed list: broad, parseable, and every outlet in the catalog; failure kinds."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from parallax.ingest import failure_kind, load_catalog, read_feed_list
from parallax.ingest.health import is_transient
from parallax.models import LEANINGS, OWNERSHIP_KINDS

DEFAULT_OPML = Path(__file__).resolve().parents[2] / "feeds" / "default.opml"


def test_default_feeds_cover_countries_leanings_and_ownership():
    urls = read_feed_list(DEFAULT_OPML)
    assert len(urls) == len(set(urls)) >= 60
    catalog = load_catalog()
    outlines = [o for o in ElementTree.parse(DEFAULT_OPML).getroot().iter("outline") if o.get("xmlUrl")]
    outlets = [catalog.for_url(o.get("htmlUrl")) for o in outlines]
    assert [o.name if o else None for o in outlets] == [o.get("text") for o in outlines]
    assert len({o.country for o in outlets}) >= 20
    assert {o.leaning for o in outlets} >= set(LEANINGS) and {o.ownership for o in outlets} >= set(OWNERSHIP_KINDS) - {"party"}


@pytest.mark.parametrize("reason, kind, transient", [
    ("HTTP status 404 from http://a.example/x", "not found (HTTP 404/410)", False),
    ("HTTP status 503 from http://a.example/x", "server error (HTTP 5xx)", True),
    ("ReadTimeout: timed out (after 3 attempts)", "timed out", True),
    ("robots.txt of https://a.example disallows https://a.example/p", "disallowed by robots.txt", False),
    ("something odd at https://a.example/p", "other: something odd at URL", False),
])
def test_failure_kinds_hide_the_item_and_say_whether_to_retry(reason, kind, transient):
    assert (failure_kind(reason), is_transient(reason)) == (kind, transient)
