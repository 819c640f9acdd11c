"""Feed lists as OPML: read, subscribed, exported and read back with nothing lost; broken lists change nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.errors import InputError
from parallax.ingest.opml import read_opml, subscribe, subscribed, write_opml
from parallax.models import Outlet
from parallax.store.sqlite import SQLiteStore

LIST = b"""<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head><title>mine</title></head>
  <body>
    <outline text="Europe">
      <outline text="Daily">
        <outline type="rss" text="Harbour Ledger" title="Ledger: world" htmlUrl="https://www.ledger.example/"
                 xmlUrl="https://feeds.ledger.example/world.xml" country="GB" language="en" ownership="private"
                 leaning="center-left" category="/news/world" note="caf\xc3\xa9 &amp; co"/>
      </outline>
    </outline>
    <outline type="rss" text="Valdoria State Radio" xmlUrl="https://vsr.example/rss" htmlUrl="https://vsr.example/"
             country="XV" ownership="state"/>
    <outline type="rss" text="Untitled feed" outlet="" xmlUrl="https://misc.example/atom"/>
  </body>
</opml>
"""


def test_an_opml_list_gives_subscriptions_folders_and_outlet_facts():
    feeds = read_opml(LIST, "mine.opml")
    ledger, radio, misc = feeds.subscriptions
    assert (ledger.url, ledger.title, ledger.outlet, ledger.folders) == (
        "https://feeds.ledger.example/world.xml", "Ledger: world", "Harbour Ledger", ("Europe", "Daily"))
    assert dict(ledger.attributes) == {"type": "rss", "htmlUrl": "https://www.ledger.example/",
                                       "category": "/news/world", "note": "café & co"}
    assert (radio.folders, radio.position, misc.outlet) == ((), 1, "")
    assert Outlet("Harbour Ledger", "ledger.example", "GB", "en", "private", "center-left") in feeds.outlets
    assert Outlet("Valdoria State Radio", "vsr.example", "XV", "", "state", "") in feeds.outlets


def test_export_then_import_into_another_database_then_export_again_is_lossless(tmp_path):
    first, second = SQLiteStore(tmp_path / "a.db"), SQLiteStore(tmp_path / "b.db")
    first.upsert_outlets([Outlet("Harbour Ledger", "ledger.example", "GB", "en", "private", "center-left",
                                 "kept: descriptions are not in the list")])
    subscribe(first, read_opml(LIST, "mine.opml"))
    assert first.outlet("Harbour Ledger").description == "kept: descriptions are not in the list"
    exported = write_opml(subscribed(first), {o.name: o for o in first.outlets()})
    subscribe(second, read_opml(exported.encode(), "exported.opml"))
    again = write_opml(subscribed(second), {o.name: o for o in second.outlets()})
    assert again == exported
    assert read_opml(exported.encode(), "x").subscriptions == read_opml(LIST, "mine.opml").subscriptions
    assert {f.url for f in second.feeds()} == {s.url for s in read_opml(LIST, "x").subscriptions}
    first.close(), second.close()


def test_a_feed_added_without_a_list_is_exported_with_its_outlet_found_by_domain(tmp_path):
    from parallax.store.base import FeedState

    store = SQLiteStore(tmp_path / "s.db")
    store.upsert_outlets([Outlet("Coastal Courier", "courier.example", "US", "en", "nonprofit", "center")])
    store.save_feed_state(FeedState("https://rss.courier.example/all", "Courier: all"))
    [outline] = read_opml(write_opml(subscribed(store), {o.name: o for o in store.outlets()}).encode(), "x").outlets
    assert outline == Outlet("Coastal Courier", "courier.example", "US", "en", "nonprofit", "center")
    store.close()


@pytest.mark.parametrize("body, problem", [
    (b"<opml><body><outline text='x' xmlUrl='https://a.example/rss'>", "not well-formed XML (line 1"),
    (b"<rss version='2.0'><channel/></rss>", "not an OPML document"),
    (b"<opml version='2.0'><body><outline text='A' xmlUrl='file:///etc/passwd'/></body></opml>",
     "outline 'A': xmlUrl 'file:///etc/passwd' is not an http"),
    (b"<opml version='2.0'><body><outline text='B' xmlUrl='https://b.example/' leaning='far-out'/></body></opml>",
     "outline 'B': leaning 'far-out' is not one of"),
    (b"<opml version='2.0'><body><outline text='C' xmlUrl='https://c.example/' country='Narnia'/></body></opml>",
     "outline 'C': country 'Narnia' is not an ISO 3166 code"),
    (b"<opml version='2.0'><body><outline text='folder only'/></body></opml>", "nothing to subscribe to"),
    (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>', "DOCTYPE or ENTITY"),
])
def test_a_broken_list_is_refused_naming_the_file_and_outline(body, problem):
    with pytest.raises(InputError) as raised:
        read_opml(body, "broken.opml")
    assert str(raised.value).startswith("broken.opml") and problem in str(raised.value)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "parallax", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_the_command_line_round_trip_and_a_broken_list_leaves_the_database_unchanged(tmp_path):
    (tmp_path / "mine.opml").write_bytes(LIST)
    ok = run_cli("ingest", "mine.opml", "--no-fetch", "--db", "a.db", cwd=tmp_path)
    assert ok.returncode == 0 and "subscribed to 3 feeds" in ok.stderr, ok.stderr
    exported = run_cli("export", "--opml", "--db", "a.db", cwd=tmp_path)
    assert exported.returncode == 0 and 'country="GB"' in exported.stdout
    (tmp_path / "out.opml").write_text(exported.stdout, encoding="utf-8")
    assert run_cli("ingest", "out.opml", "--no-fetch", "--db", "b.db", cwd=tmp_path).returncode == 0
    assert run_cli("export", "--opml", "--db", "b.db", cwd=tmp_path).stdout == exported.stdout
    before = (tmp_path / "a.db").read_bytes()
    (tmp_path / "broken.opml").write_bytes(LIST.replace(b'leaning="center-left"', b'leaning="sideways"'))
    broken = run_cli("ingest", "broken.opml", "--no-fetch", "--db", "a.db", cwd=tmp_path)
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert "broken.opml: outline 'Harbour Ledger': leaning 'sideways'" in broken.stderr
    assert (tmp_path / "a.db").read_bytes() == before


def test_ingesting_a_list_subscribes_then_fetches_its_feeds_once(tmp_path):
    from support.articles import article_html
    from support.feeds import rss
    from support.loopback import LoopbackServer

    with LoopbackServer() as server:
        page = server.add("/2026/bridge", article_html("Harbour bridge reopens after repairs"))
        feed = server.add("/rss", rss("Ledger", [(page, "Bridge reopens", "Mon, 14 Sep 2026 08:00:00 GMT")]),
                          "application/rss+xml")
        server.add("/robots.txt", "", "text/plain", status=404)
        listing = f'<opml version="2.0"><body><outline text="Harbour Ledger" xmlUrl="{feed}" country="GB"/></body></opml>'
        (tmp_path / "local.opml").write_text(listing, encoding="utf-8")
        env_db = str(tmp_path / "f.db")
        result = run_cli("ingest", "local.opml", "--allow-loopback", "--db", env_db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "subscribed to 1 feeds" in result.stderr and "1 new articles" in result.stderr
    store = SQLiteStore(tmp_path / "f.db")
    [article] = store.articles_since()
    assert article.outlet == "Harbour Ledger" and store.outlet("Harbour Ledger").country == "GB"
    assert store.feed_state(feed).last_status == 200
    store.close()


def test_a_feed_lists_outlet_facts_outrank_the_catalog_after_its_articles_are_read(tmp_path):
    from support.articles import article_html
    from support.feeds import rss
    from support.loopback import LoopbackServer

    with LoopbackServer() as server:
        html = article_html("Harbour bridge reopens after repairs")
        html = html.replace("<head>", '<head><meta property="og:site_name" content="Daily Aggregator">', 1)
        assert "Daily Aggregator" in html
        page = server.add("/2026/bridge", html)
        feed = server.add("/rss", rss("World", [(page, "Bridge reopens", "Mon, 14 Sep 2026 08:00:00 GMT")]),
                          "application/rss+xml")
        server.add("/robots.txt", "", "text/plain", status=404)
        # left to itself the resolver would take the page's name and call the outlet privately owned
        listing = (f'<opml version="2.0"><body><outline text="Harbour Ledger" xmlUrl="{feed}" country="FR"'
                   ' ownership="state"/></body></opml>')
        (tmp_path / "mine.opml").write_text(listing, encoding="utf-8")
        result = run_cli("ingest", "mine.opml", "--allow-loopback", "--db", "u.db", cwd=tmp_path)
    assert result.returncode == 0 and "1 new articles" in result.stderr, result.stderr
    store = SQLiteStore(tmp_path / "u.db")
    [article] = store.articles_since()
    outlet = store.outlet(article.outlet)
    assert (outlet.name, outlet.country, outlet.ownership) == ("Harbour Ledger", "FR", "state")
    assert outlet.fact("country").source == outlet.fact("ownership").source == "given"
    assert outlet.fact("country").note == "set in the feed list"
    store.close()


def test_one_name_given_to_feeds_of_two_sites_keeps_each_sites_facts():
    body = b"""<opml version="2.0"><body>
      <outline text="Guest Writer" xmlUrl="https://ledger.example/rss" htmlUrl="https://www.ledger.example/" country="GB"/>
      <outline text="Guest Writer" xmlUrl="https://ledger.example/atom" htmlUrl="https://ledger.example/" country="GB"/>
      <outline text="Guest Writer" xmlUrl="https://vsr.example/rss" htmlUrl="https://news.vsr.example/" country="XV"/>
    </body></opml>"""
    feeds = read_opml(body, "shared.opml")
    assert {(o.name, o.domain, o.country) for o in feeds.outlets} == {
        ("Guest Writer", "ledger.example", "GB"), ("Guest Writer (vsr.example)", "news.vsr.example", "XV")}
    assert [s.outlet for s in feeds.subscriptions] == ["Guest Writer", "Guest Writer", "Guest Writer (vsr.example)"]
