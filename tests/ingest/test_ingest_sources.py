"""End to end into a real SQLite store: files, page URLs and feeds served on loopback."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from support.articles import article_html
from support.feeds import atom, rss

from parallax.ingest import ingest, load_catalog
from parallax.settings import Settings

CATALOG_CSV = (
    "domain,name,country,language,ownership,leaning,description\n"
    "gazette.example,Example Gazette,GB,en,private,,A made-up outlet for tests\n"
)


@pytest.fixture
def catalog(tmp_path):
    extra = tmp_path / "outlets.csv"
    extra.write_text(CATALOG_CSV)
    return load_catalog(extra)


def serve_articles(loopback, names):
    return [loopback.add(f"/news/{n}", article_html(f"Story {n}", extra=f"Item {n}.")) for n in names]


def test_rss_feed_items_are_fetched_extracted_and_stored(loopback, loopback_settings, store, catalog):
    urls = serve_articles(loopback, ["one", "two"])
    feed = loopback.add("/rss.xml", rss("Loopback Daily", [(u, f"Feed title {i}", "Tue, 02 Apr 2024 10:00:00 GMT")
                                                           for i, u in enumerate(urls)]), "application/rss+xml")
    report = ingest([feed], store, catalog, loopback_settings)
    assert (report.inserted, report.failed) == (2, 0)
    articles = sorted(store.articles_since(None), key=lambda a: a.url)
    assert [a.url for a in articles] == sorted(urls)
    assert {a.title for a in articles} == {"Feed title 0", "Feed title 1"}
    assert all(a.outlet == "Loopback Daily" and a.published == datetime(2024, 4, 2, 10) for a in articles)
    assert all(a.text.startswith("The city council of Northhaven") and "Copyright" not in a.text for a in articles)
    assert store.outlet("Loopback Daily") is not None


def test_atom_feed_with_a_failing_item_goes_on(loopback, loopback_settings, store, catalog):
    [good] = serve_articles(loopback, ["a"])
    missing = loopback.url("/news/gone")
    feed = loopback.add("/atom", atom("Atom Loopback", [(missing, "Gone", "2024-04-02T10:00:00Z"),
                                                         (good, "Here", "2024-04-03T10:00:00Z")]),
                        "application/atom+xml")
    ticks = []
    report = ingest([feed], store, catalog, loopback_settings, outlet="Gazette Wire", on_item=lambda: ticks.append(1))
    assert (report.inserted, report.failed, len(ticks)) == (1, 1, 2)
    assert report.failures[0].item == missing and "404" in report.failures[0].reason
    assert [(f.stage, f.item) for f in store.failures()] == [("ingest", missing)]
    [article] = store.articles_since(None)
    assert (article.url, article.outlet, article.published) == (good, "Gazette Wire", datetime(2024, 4, 3, 10))


def test_page_urls_take_same_site_canonicals_and_catalog_outlets(loopback, loopback_settings, store, catalog):
    foreign = loopback.add("/p", article_html("Bridge", canonical="https://www.gazette.example/bridge",
                                              published="2024-05-02"))
    own = loopback.add("/q", article_html("Ferry", canonical=loopback.url("/ferry?utm_source=feed")))
    plain = loopback.add("/r", "date 2024-05-03 Plain text news about the harbour bridge reopening. It was sunny.",
                         "text/plain; charset=utf-8")
    assert ingest([foreign, own], store, catalog, loopback_settings).inserted == 2
    assert ingest([plain], store, catalog, loopback_settings, outlet="gazette.example").inserted == 1
    stored = {a.url: a for a in store.articles_since(None)}
    # a page may not claim another site's URL; its own canonical URL (tracking removed) replaces the fetched one
    assert set(stored) == {foreign, loopback.url("/ferry"), plain}
    assert stored[foreign].outlet == "127.0.0.1" and stored[foreign].published == datetime(2024, 5, 2)
    assert stored[plain].outlet == "Example Gazette" and stored[plain].published == datetime(2024, 5, 3)
    assert store.outlet("Example Gazette").country == "GB"


def test_feed_items_without_links_are_failures(loopback, loopback_settings, store, catalog):
    body = rss("Daily", [("", "No link", "Tue, 02 Apr 2024 10:00:00 GMT")]).replace("<link></link>", "")
    feed = loopback.add("/nolink", body, "application/rss+xml")
    report = ingest([feed], store, catalog, loopback_settings)
    assert report.failures[0].item == f"{feed} item 1" and "no link" in report.failures[0].reason


def test_fetching_loopback_is_refused_without_permission(loopback, store, catalog):
    url = loopback.add("/p", article_html("Bridge"))
    report = ingest([url], store, catalog, Settings(allow_loopback=False))
    assert (report.inserted, report.failed) == (0, 1)
    assert "non-public address" in report.failures[0].reason and loopback.requests == []


def test_jsonl_with_a_bad_line_and_idempotent_reingest(tmp_path, store, catalog):
    file = tmp_path / "set.jsonl"
    good = {"text": "The harbour bridge reopened on Monday after a year of repairs. Traffic was light.",
            "published": "2021-04-02", "outlet": "Fox News (Online News)"}
    file.write_text("\n".join([json.dumps({**good, "id": "r1", "title": "One"}), "{broken",
                               json.dumps({**good, "id": "r3", "title": "Three"})]))
    first = ingest([str(file)], store, catalog, Settings())
    assert (first.inserted, first.failed) == (2, 1)
    assert first.failures[0].item == f"{file}:2"
    assert {a.outlet for a in store.articles_since(None)} == {"Fox News"}
    assert store.outlet("Fox News").ownership == "private"
    second = ingest([str(file)], store, catalog, Settings())
    assert (second.inserted, second.updated, second.unchanged, second.failed) == (0, 0, 2, 1)
    file.write_text(json.dumps({**good, "id": "r1", "title": "One, corrected"}))
    third = ingest([str(file)], store, catalog, Settings())
    assert (third.inserted, third.updated) == (0, 1)


def test_feed_reingest_is_unchanged(loopback, loopback_settings, store, catalog):
    urls = serve_articles(loopback, ["x", "y", "z"])
    feed = loopback.add("/feed", rss("Daily", [(u, "", "Tue, 02 Apr 2024 10:00:00 GMT") for u in urls]), "text/xml")
    assert ingest([feed], store, catalog, loopback_settings).inserted == 3
    again = ingest([feed], store, catalog, loopback_settings)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)


@pytest.mark.slow
def test_seed_article_is_stored_with_its_date(shared_dir, store, catalog):
    seed = shared_dir / "seeds" / "000_b963823c6e30401b.txt"
    report = ingest([str(seed)], store, catalog, Settings())
    assert (report.inserted, report.failed) == (1, 0)
    [article] = store.articles_since(None)
    assert article.published == datetime(2024, 3, 27)
    assert article.text.startswith("On a chilling Friday in Moscow")
    assert article.title.startswith("On a chilling Friday in Moscow") and article.language == "en"
    assert len(article.sentences) > 10


def test_records_with_malformed_urls_are_kept_and_their_outlet_says_why_it_has_no_host(tmp_path, store):
    body = "The harbour bridge reopened on Monday after a year of repairs. Traffic was light in the morning."
    records = [{"url": "http://[::1/bridge", "title": "Bridge reopens", "text": body},
               {"url": "https://xn--e1afmkfd.xn--p1ai/bridge", "title": "Bridge reopens", "text": body + " Again."}]
    path = tmp_path / "odd.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = ingest([str(path)], store, load_catalog(), Settings())
    assert (report.inserted, report.failed) == (2, 0)
    by_url = {a.url: a for a in store.articles_since()}
    kept = next(a for url, a in by_url.items() if url.startswith("urn:parallax:link:"))
    named = store.outlet(kept.outlet)
    assert named.name == "unnamed source (odd.jsonl)" and "malformed URL" in named.fact("name").note
    idn = store.outlet(by_url["https://xn--e1afmkfd.xn--p1ai/bridge"].outlet)
    assert idn.name == "пример.рф" and "in ASCII xn--e1afmkfd.xn--p1ai" in idn.fact("name").note
