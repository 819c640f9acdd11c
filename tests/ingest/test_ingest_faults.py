"""Fault injection: a loopback server serving hostile and broken feeds and pages.

Every fault must end as a recorded failure naming the item, or as a tolerated
quirk, and never stop the run or exhaust memory.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import replace

import pytest
from support.articles import article_html
from support.feeds import rss
from support.loopback import gzip_bomb

from parallax.errors import FetchError, InputError
from parallax.ingest import Fetcher, ingest_feeds_once, load_catalog, parse_feed
from parallax.ingest.pages import decode_html

DATE = "Tue, 02 Apr 2024 10:00:00 GMT"
LIMIT = 200_000
XXE = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""
LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
]><rss version="2.0"><channel><title>&b;</title></channel></rss>"""


@pytest.fixture
def settings(loopback_settings):
    return replace(loopback_settings, max_page_bytes=LIMIT, fetch_timeout=1.0)


class FirstHopTrusted(Fetcher):
    """A fetcher that takes one URL as public (as if DNS said so) and guards the rest as usual."""

    def __init__(self, settings, trusted: str):
        super().__init__(settings)
        self.trusted = trusted

    def check_url(self, url: str) -> None:
        if url != self.trusted:
            super().check_url(url)


def test_hostile_feed_items_become_failures_and_the_good_ones_are_stored(loopback, settings, store):
    good = loopback.add("/good", article_html("Fine"))
    hostile = {
        "/bomb": (gzip_bomb(50 * LIMIT), "text/html", {"Content-Encoding": "gzip"}),
        "/huge": (b"<p>" + b"x" * (2 * LIMIT), "text/html", {"Content-Length": None}),
        "/empty": (b"", "text/html", {}),
        "/drip": (article_html("Slow") * 20, "text/html", {}),
        "/binary": (b"%PDF-1.7 \x00\x01", "application/pdf", {}),
        "/brotli": (b"\x1b\x00", "text/html", {"Content-Encoding": "br"}),
        "/badgzip": (b"\x1f\x8b\x08\x00garbage", "text/html", {"Content-Encoding": "gzip"}),
    }
    for path, (body, kind, headers) in hostile.items():
        loopback.add(path, body, kind, headers=headers, drip=0.2 if path == "/drip" else 0.0)
    loopback.add("/loop-a", "", status=302, headers={"Location": "/loop-b"})
    loopback.add("/loop-b", "", status=302, headers={"Location": "/loop-a"})
    links = [good, *(loopback.url(p) for p in [*hostile, "/loop-a"])]
    feed = loopback.add("/feed", rss("Hostile", [(u, "t", "not a date at all") for u in links]) +
                        "<!-- trailing junk", "text/xml")
    report = ingest_feeds_once([feed], store, load_catalog(), settings)
    assert (report.inserted, report.failed) == (1, len(links) - 1)
    reasons = {f.item.rsplit("/", 1)[-1]: f.reason for f in report.failures}
    assert "200000-byte limit" in reasons["bomb"] and "200000-byte limit" in reasons["huge"]
    assert "fetch timeout" in reasons["drip"] and "content type" in reasons["binary"]
    assert "Content-Encoding" in reasons["brotli"] and "compressed body" in reasons["badgzip"]
    assert "redirect loop" in reasons["loop-a"] and "text" in reasons["empty"]
    assert len(store.failures()) == len(links) - 1
    [article] = store.articles_since(None)
    assert article.published is None  # the malformed date is dropped, not the item


@pytest.mark.parametrize("body", [LAUGHS, XXE, LAUGHS.decode().encode("utf-16")])
def test_entity_expansion_and_external_entities_are_refused_over_http(loopback, settings, store, body):
    feed = loopback.add("/evil.xml", body, "application/rss+xml")
    report = ingest_feeds_once([feed], store, load_catalog(), settings)
    assert report.failed == 1 and "DOCTYPE or ENTITY" in report.failures[0].reason


@pytest.mark.parametrize("body, headers", [
    (gzip_bomb(20 * LIMIT), {"Content-Encoding": "gzip"}),
    (zlib.compress(b"<rss>" + b" " * 20 * LIMIT), {"Content-Encoding": "deflate"}),
    (b"<rss>" + b" " * 2 * LIMIT, {}),
])
def test_feed_bombs_and_huge_feeds_stop_at_the_limit(loopback, settings, store, body, headers):
    feed = loopback.add("/big.xml", body, "application/rss+xml", headers=headers)
    report = ingest_feeds_once([feed], store, load_catalog(), settings)
    assert report.failed == 1 and "200000-byte limit" in report.failures[0].reason


def test_gzip_within_the_limit_is_decoded(loopback, settings):
    url = loopback.add("/gz", gzip.compress(b"<p>hello</p>"), headers={"Content-Encoding": "gzip"})
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(url).body == b"<p>hello</p>"


def test_a_redirect_to_a_private_address_is_refused_at_that_hop(loopback, settings):
    strict = replace(settings, allow_loopback=False, respect_robots=False)  # robots.txt is not trusted
    target = loopback.add("/internal", "secret")
    start = loopback.add("/public", "", status=302, headers={"Location": target})
    with FirstHopTrusted(strict, trusted=start) as fetcher, pytest.raises(FetchError, match="non-public"):
        fetcher.fetch(start)
    assert loopback.hits("/internal") == 0


def test_a_connection_that_lands_on_a_private_address_is_refused(loopback, settings):
    strict = replace(settings, allow_loopback=False, respect_robots=False)
    url = loopback.add("/rebound", "secret")
    with FirstHopTrusted(strict, trusted=url) as fetcher, pytest.raises(FetchError, match="connected to non-public"):
        fetcher.fetch(url)  # the resolver said public; the socket says loopback (DNS rebinding)


def test_mislabelled_encodings_are_read_correctly():
    latin = "<p>Café crème à Genève</p>".encode("cp1252")
    assert "Café crème" in decode_html(latin, "text/html; charset=utf-8")
    utf8 = '<meta charset="iso-8859-1"><p>Zürich – Genève</p>'.encode()
    assert "Zürich – Genève" in decode_html(utf8, "text/html; charset=bogus-charset")
    feed = rss("Caf\u00e9", [("https://a.example/1", "Gen\u00e8ve", DATE)]).encode("cp1252")
    [item] = parse_feed(feed, "https://a.example/feed")  # declares utf-8, is cp1252
    assert item.url == "https://a.example/1" and "Gen" in item.title


@pytest.mark.parametrize("body", [b"", b"   ", b"<rss", b"\x00\x01\x02", b"<?xml version='1.0'?><html/>"])
def test_empty_and_truncated_feeds_are_input_errors(body):
    with pytest.raises(InputError, match="not a feed"):
        parse_feed(body, "https://a.example/feed")


def test_a_slow_server_times_out_and_the_run_goes_on(loopback, settings, store):
    slow = loopback.add("/slow.xml", rss("Slow", []), "text/xml", delay=2.0)
    feed = loopback.add("/ok.xml", rss("Ok", [(loopback.add("/a", article_html("A")), "A", DATE)]), "text/xml")
    report = ingest_feeds_once([slow, feed], store, load_catalog(), replace(settings, fetch_retries=0))
    assert report.inserted == 1
    assert [f.item for f in report.failures] == [slow] and "Timeout" in report.failures[0].reason
