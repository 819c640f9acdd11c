"""One outlet per site: a name given to pages of several sites (a byline, a section, a name two outlets share)
never pools them into one row, in either store."""

from __future__ import annotations

import json

import pytest
from support.pg import backend_store, pg_server, pg_template, pg_url  # noqa: F401 - fixtures

from parallax.ingest.outlets import load_catalog
from parallax.ingest.outlets.identify import by_site, identify_outlets, name_page, sites_named
from parallax.ingest.sources import ingest
from parallax.models import Article, Outlet, Page
from parallax.settings import Settings

TEXT = "The harbour bridge reopened on Monday after a year of repairs. Traffic was light in the morning."


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    s = backend_store(request, tmp_path)
    yield s
    s.close()


def article(n: int, url: str, name: str, catalog) -> Article:
    page = name_page(Page(url=url, body="", outlet=name, source=f"set.jsonl:{n}"), catalog)
    return Article(str(n), page.url, "", "", page.outlet, None, "en", "", outlet_hints=page.outlet_hints)


def test_a_byline_on_several_sites_gives_each_site_its_own_outlet(catalog):
    pages = [article(n, url, "Guest Writer - Right", catalog) for n, url in enumerate(
        ["https://www.nationalreview.com/a", "https://www.nationalreview.com/b", "https://www.rt.com/news/1",
         "https://www.zeitung-unbekannt.de/c"])]
    articles = by_site(pages, catalog)
    names = [a.outlet for a in articles]
    assert names[0] == names[1] == "Guest Writer - Right"
    assert names[2] == "Guest Writer - Right (rt.com)" and names[3] == "Guest Writer - Right (zeitung-unbekannt.de)"
    outlets = {o.name: o for o in identify_outlets(articles, catalog)}
    assert (outlets[names[0]].country, outlets[names[2]].country, outlets[names[3]].country) == ("US", "RU", "DE")
    assert outlets[names[2]].ownership == "state" and outlets[names[2]].domain == "rt.com"
    assert "Guest Writer - Right" in outlets[names[2]].fact("name").note
    assert sites_named("Guest Writer - Right", list(outlets)) == sorted(names[i] for i in (0, 2, 3))


def test_a_catalog_outlet_keeps_one_row_across_its_hosts(catalog):
    articles = by_site([article(1, "https://www.bbc.co.uk/news/1", "", catalog),
                        article(2, "https://www.bbc.com/news/2", "", catalog)], catalog)
    assert {a.outlet for a in articles} == {"BBC News"}


def test_a_stored_name_stays_with_its_site_when_another_site_is_given_it_later(catalog):
    stored = {"Ezra Klein": Outlet("Ezra Klein", "npr.org", "US")}
    later = by_site([article(1, "https://www.nytimes.com/x", "Ezra Klein", catalog)], catalog, stored.get)
    assert later[0].outlet == "Ezra Klein (nytimes.com)"


def test_ingest_stores_one_outlet_row_per_site_of_a_shared_name(tmp_path, store, catalog):
    file = tmp_path / "set.jsonl"
    rows = [("https://www.nationalreview.com/1", "a"), ("https://www.nationalreview.com/2", "b"),
            ("https://www.rt.com/news/3", "c")]
    file.write_text("\n".join(json.dumps({"id": i, "url": url, "title": i, "text": f"{TEXT} {i}",
                                          "outlet": "Guest Writer - Right"}) for url, i in rows))
    report = ingest([str(file)], store, catalog, Settings())
    assert (report.inserted, report.failed) == (3, 0)
    by_outlet = {a.url: a.outlet for a in store.articles_since(None)}
    assert by_outlet["https://www.rt.com/news/3"] == "Guest Writer - Right (rt.com)"
    assert store.outlet("Guest Writer - Right").country == "US"
    assert store.outlet("Guest Writer - Right (rt.com)").country == "RU"
    file.write_text(json.dumps({"id": "d", "url": "https://www.rt.com/news/4", "title": "d", "text": f"{TEXT} d",
                                "outlet": "Guest Writer - Right"}))
    ingest([str(file)], store, catalog, Settings())  # a later batch with the name on rt.com only
    assert store.outlet("Guest Writer - Right").country == "US"
    assert {a.outlet for a in store.articles_since(None) if "rt.com" in a.url} == {"Guest Writer - Right (rt.com)"}


def test_a_catalog_name_given_to_a_page_another_catalog_outlet_published_takes_the_publishers_row(catalog):
    labelled = article(1, "https://www.npr.org/2019/1", "CNN (Web News)", catalog)
    own = article(2, "https://edition.cnn.com/2019/2", "CNN (Web News)", catalog)
    assert (labelled.outlet, own.outlet) == ("CNN (Web News)", "CNN")
    (outlet,) = identify_outlets([labelled], catalog)
    assert (outlet.country, outlet.voice) == ("US", "NPR") and "published on npr.org" in outlet.fact("country").note


def test_a_store_written_before_sites_is_split_and_the_given_name_kept_in_the_earlier_version(store, catalog):
    from parallax.ingest.sources import split_by_site
    from parallax.text.article import build_article

    pages = [Page(url=url, body=f"{TEXT} {n}", title=str(n), outlet="Guest Writer - Right") for n, url in
             enumerate(["https://www.nationalreview.com/1", "https://www.nationalreview.com/2", "https://rt.com/3"])]
    store.upsert_articles([build_article(p) for p in pages])  # as an earlier release wrote it: one row for the name
    store.upsert_outlets([Outlet("Guest Writer - Right", "nationalreview.com", "US")])
    assert split_by_site(store, catalog) == 1 and split_by_site(store, catalog) == 0
    moved = next(a for a in store.articles_since(None) if "rt.com" in a.url)
    assert (moved.outlet, moved.version, store.outlet("Guest Writer - Right (rt.com)").country) == (
        "Guest Writer - Right (rt.com)", 2, "RU")
    assert store.article_versions(moved.id)[0].outlet == "Guest Writer - Right"
    assert store.counts().articles == 3 and store.outlet("Guest Writer - Right").country == "US"


def test_the_split_command_says_how_many_articles_moved(tmp_path):
    from typer.testing import CliRunner

    from parallax.cli import app

    result = CliRunner().invoke(app, ["outlets", "split-sites", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 0 and "0 articles moved" in result.output


def test_a_label_that_resembles_a_catalog_name_is_still_told_apart_by_site(catalog):
    pages = [article(n, url, "CNN (Web News)", catalog) for n, url in enumerate(
        ["https://www.aljazeera.com/news/1", "https://www.npr.org/2", "https://www.foxnews.com/3"])]
    outlets = identify_outlets(by_site(pages, catalog), catalog)
    assert sorted((o.name, o.country) for o in outlets) == [
        ("CNN (Web News)", "QA"), ("CNN (Web News) (foxnews.com)", "US"), ("CNN (Web News) (npr.org)", "US")]


def test_a_catalog_name_on_another_catalog_outlets_host_is_that_hosts_page(catalog):
    pages = [article(1, "https://apnews.com/article/1", "Associated Press", catalog),
             article(2, "https://news.yahoo.com/2", "Associated Press", catalog),
             article(3, "https://www.abc.net.au/news/3", "ABC News", catalog)]
    articles = by_site(pages, catalog)
    assert [a.outlet for a in articles] == ["Associated Press", "Associated Press (yahoo.com)", "ABC News (abc.net.au)"]
    outlets = {o.name: o for o in identify_outlets(articles, catalog)}
    assert (outlets["Associated Press"].ownership, outlets["ABC News (abc.net.au)"].country) == ("wire", "AU")
    assert outlets["Associated Press (yahoo.com)"].voice == catalog.for_url("https://news.yahoo.com/").voice
