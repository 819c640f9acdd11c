"""Hostile input, every class the issue names: nothing lost, nothing crashes, every refusal has a reason.

The inputs are written by tests/support/hostile.py; bench/hostile_inputs.py counts the same outcomes.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from support.hostile import DATES, write_hostile_corpus
from support.hostile import matches as found_by

from parallax.ingest import ingest, load_catalog
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

SETTINGS = Settings(max_article_chars=200_000)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    expects = write_hostile_corpus(folder / "in")
    store = SQLiteStore(folder / "h.db")
    report = ingest([str(folder / "in")], store, load_catalog(), SETTINGS)
    yield expects, store, report
    store.close()


def _articles(store):
    return store.articles_since()


def test_every_good_item_is_stored_and_every_bad_one_recorded(ingested):
    expects, store, report = ingested
    articles, failures = _articles(store), store.failures(10_000)
    lost = [e for e in expects if e.kind != "refused"
            and not any(found_by(e.marker, a.title, a.text) for a in articles)]
    unrecorded = [e for e in expects if e.kind == "refused" and not any(e.marker in f.item for f in failures)]
    assert lost == [] and unrecorded == []
    assert report.failed == len(failures) and all(f.reason for f in failures)


def test_warnings_are_kept_with_the_article(ingested):
    expects, store, _ = ingested
    articles = _articles(store)
    for e in (e for e in expects if e.kind == "noted"):
        article = next(a for a in articles if found_by(e.marker, a.title, a.text))
        assert article.notes, e


def test_no_two_distinct_records_share_a_key(ingested):
    _, store, _ = ingested
    titles = [a.title for a in _articles(store)]
    for outlet in ("North Gazette", "South Courier"):
        assert sorted(t for t in titles if t.startswith(f"{outlet} number")) == [f"{outlet} number {n}" for n in (1, 2, 3)]
        assert f"{outlet} relative" in titles
    assert {"query view 1001", "query view 1002", "homepage canonical 1", "homepage canonical 2"} <= set(titles)


def test_a_truncated_archive_keeps_its_readable_part(ingested):
    _, store, _ = ingested
    kept = [a for a in _articles(store) if a.title.startswith("gz record")]
    [failure] = [f for f in store.failures(10_000) if "cut.jsonl.gz" in f.item]
    assert 10 <= len(kept) < 40 and "truncated" in failure.reason
    assert failure.item == f"{failure.item.rsplit(':', 1)[0]}:{len(kept) + 1}"


def test_dates_as_newsrooms_write_them(ingested):
    _, store, _ = ingested
    by_title = {a.title: a for a in _articles(store)}
    for n, expected in enumerate(DATES.values()):
        assert by_title[f"date record {n}"].published.date().isoformat() == expected, n
    assert by_title["date record 6"].date_precision == "month"
    assert all(by_title[f"placeholder record {n}"].published is None for n in range(6))
    header = by_title["dated header"]
    assert header.published == datetime(2024, 3, 15) and header.text.startswith("The harbour")


def test_text_is_stored_without_control_characters_or_mojibake(ingested):
    _, store, _ = ingested
    articles = _articles(store)
    assert not any(ch in a.title + a.text for a in articles for ch in "\x00\x07\x1b\ufffd")
    assert not any("Ïàðëàìåíò" in a.text or "Ã©" in a.text for a in articles)
    assert any("Парламент" in a.text and "utf-16" in " ".join(a.notes) for a in articles)


def test_long_text_is_cut_at_a_sentence_end(tmp_path, ingested):
    _, store, _ = ingested
    [long] = [a for a in _articles(store) if a.title == "long text title"]
    assert len(long.text) <= SETTINGS.max_article_chars and long.text.endswith("harbour.")
    assert any(n.startswith("truncated:") for n in long.notes)


def test_a_re_ingest_merges_and_keeps_versions(tmp_path):
    import json

    store = SQLiteStore(tmp_path / "m.db")
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps({"url": "https://paper.example/a", "title": "A", "published": "2024-03-15",
                                 "text": "The harbour bridge reopened on Monday. Traffic was light."}))
    again = tmp_path / "b.jsonl"
    again.write_text(json.dumps({"url": "https://paper.example/a?utm_source=rss", "title": "A",
                                 "text": "The harbour bridge reopened on Monday. Traffic was heavy by noon."}))
    ingest([str(first)], store, load_catalog(), SETTINGS)
    report = ingest([str(again)], store, load_catalog(), SETTINGS)
    [article] = store.articles_since()
    assert report.updated == 1 and article.published == datetime(2024, 3, 15) and "heavy" in article.text
    [earlier] = store.article_versions(article.id)
    assert "light" in earlier.text and earlier.changed == ("text",)
    store.close()
