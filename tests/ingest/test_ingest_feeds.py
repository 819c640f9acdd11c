"""Feeds and feed lists: RSS, Atom, relative links, refusals, OPML and plain lists."""

from __future__ import annotations

from datetime import datetime

import pytest
from support.feeds import atom, rss

from parallax.errors import ConfigError, InputError
from parallax.ingest.feeds import parse_feed, read_feed, read_feed_list

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""


def test_rss_items_with_absolute_links_and_utc_dates():
    body = rss("Gazette World", [("/world/1", "One", "Tue, 02 Apr 2024 10:00:00 +0200"),
                                 ("https://other.example/2", "Two", "Wed, 03 Apr 2024 08:00:00 GMT")])
    feed = read_feed(body.encode(), "https://gazette.example/feeds/world.xml")
    assert feed.title == "Gazette World"
    assert [i.url for i in feed.items] == ["https://gazette.example/world/1", "https://other.example/2"]
    assert [i.published for i in feed.items] == [datetime(2024, 4, 2, 8), datetime(2024, 4, 3, 8)]
    assert feed.items[0].title == "One" and feed.items[0].summary == "Summary of One"


def test_atom_items():
    body = atom("Atom Gazette", [("https://gazette.example/a", "A", "2024-04-02T10:00:00+02:00")])
    [item] = parse_feed(body.encode(), "https://gazette.example/atom")
    assert (item.url, item.title, item.published) == ("https://gazette.example/a", "A", datetime(2024, 4, 2, 8))
    assert item.feed_url == "https://gazette.example/atom"


@pytest.mark.parametrize("body", [b"<html><body><p>a web page</p></body></html>", b"/etc/passwd", b""])
def test_not_a_feed(body):
    with pytest.raises(InputError, match="not a feed") as caught:
        parse_feed(body, "https://x.example/feed")
    assert caught.value.item == "https://x.example/feed"


def test_entity_declarations_are_refused_before_parsing():
    with pytest.raises(InputError, match="DOCTYPE or ENTITY"):
        parse_feed(BILLION_LAUGHS, "https://x.example/feed")
    with pytest.raises(InputError, match="DOCTYPE or ENTITY"):
        parse_feed(BILLION_LAUGHS.decode().encode("utf-16"), "https://x.example/feed")


def test_doctype_inside_item_html_is_not_a_declaration():
    body = rss("T", [("https://a.example/1", "<![CDATA[<!DOCTYPE html> one]]>", "Tue, 02 Apr 2024 10:00:00 GMT")])
    [item] = parse_feed(body.encode(), "https://a.example/feed")
    assert item.url == "https://a.example/1"


def test_plain_feed_list(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# world news\nhttps://a.example/rss\n\n  http://b.example/atom  # mirror\n")
    assert read_feed_list(path) == ["https://a.example/rss", "http://b.example/atom"]
    path.write_text("https://a.example/rss\nftp://b.example/feed\n")
    with pytest.raises(ConfigError, match=r"feeds.txt:2: 'ftp://b.example/feed' is not an http"):
        read_feed_list(path)


def test_opml_feed_list(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>f</title></head><body>'
                    '<outline text="News"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/>'
                    '<outline type="rss" text="B" xmlUrl="https://b.example/feed"/></outline></body></opml>')
    assert read_feed_list(path) == ["https://a.example/rss", "https://b.example/feed"]
    path.write_bytes(BILLION_LAUGHS.replace(b"rss", b"opml"))
    with pytest.raises(ConfigError, match="not a usable OPML"):
        read_feed_list(path)
