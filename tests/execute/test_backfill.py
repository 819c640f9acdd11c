"""A backfill through Dask stores the same rows and yields the same stories as a serial one."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from parallax.execute import DaskExecutor, SerialExecutor, get_executor
from parallax.execute.backfill import LANGUAGE_KIND, backfill
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

DEMO = Path(__file__).resolve().parents[2] / "src/parallax/data/demo/articles_a.jsonl"
BAD = [{"title": "No body", "url": "https://bad.example/1"}, {"text": "   ", "title": "Blank"}]


def _sources(tmp_path: Path) -> list:
    """The demo file, plus two bad records and one record given as a dict."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(json.dumps(r) for r in BAD) + "\n")
    extra = {"title": "Ferry to Orsk cancelled", "text": "The ferry to Orsk was cancelled on Friday. Winds were high.",
             "url": "https://extra.example/ferry", "outlet": "Extra Post", "published": "2026-09-03"}
    return [DEMO, str(bad), extra]


def _run(store, executor, sources):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the TF-IDF embedder announces itself loudly
        with executor:
            return backfill(sources, store, Settings(), executor, embedder_name="tfidf")


def _outcome(store) -> dict:
    articles = store.articles_since()
    return {
        "articles": [(a.id, a.content_hash) for a in articles],
        "stories": sorted((s.id, s.article_ids, s.reprints, s.title) for s in store.stories(limit=10_000)),
        "vectors": {k: v.tolist() for k, v in store.embeddings("tfidf@" + _tfidf_version(), articles).items()},
        "failures": sorted((f.stage, f.item, f.reason) for f in store.failures()),
        "analysed": sorted(store.article_analysis(LANGUAGE_KIND, _scorer_version(), articles)),
        "outlets": [o.name for o in store.outlets()],
    }


def _tfidf_version() -> str:
    from parallax.embed.tfidf import TfidfEmbedder

    return TfidfEmbedder.version


def _scorer_version() -> str:
    try:
        from parallax.analyse.language import SCORER_VERSION
    except ImportError:
        return "none"
    return SCORER_VERSION


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list:
    return _sources(tmp_path_factory.mktemp("sources"))


@pytest.fixture(scope="module")
def serial_outcome(tmp_path_factory, sources):
    store = SQLiteStore(tmp_path_factory.mktemp("serial") / "serial.db")
    report = _run(store, SerialExecutor(), sources)
    outcome = _outcome(store)
    store.close()
    return report, outcome


def test_serial_backfill_stores_articles_failures_and_stories(serial_outcome):
    report, outcome = serial_outcome
    assert report.articles == len(outcome["articles"]) == report.inserted == 38
    assert report.embedded == 38 and report.executor == "serial"
    assert len(report.failures) == len(outcome["failures"]) == 2
    assert all("text" in f[2] for f in outcome["failures"])
    assert 1 < report.stories < 38 and len(outcome["stories"]) == report.stories
    assert "Extra Post" in outcome["outlets"]


@pytest.mark.parametrize("spec", ["dask-local:2", "processes:2"])
def test_parallel_backfill_matches_serial(tmp_path, sources, serial_outcome, spec):
    _, expected = serial_outcome
    store = SQLiteStore(tmp_path / "parallel.db")
    report = _run(store, get_executor(spec), sources)
    assert report.executor == spec
    assert _outcome(store) == expected
    again = _run(store, SerialExecutor(), sources)  # a second run has nothing left to do
    assert (again.inserted, again.embedded, again.analysed) == (0, 0, 0)
    assert _outcome(store)["stories"] == expected["stories"]
    store.close()


def test_dask_workers_into_postgres_match_serial_sqlite(pg_url, sources, serial_outcome):
    from parallax.store.postgres import PostgresStore

    _, expected = serial_outcome
    store = PostgresStore(pg_url)
    _run(store, DaskExecutor(workers=2, processes=False), sources)
    assert _outcome(store) == expected
    store.close()


def test_a_name_given_to_records_of_two_sites_gives_each_site_its_outlet(tmp_path):
    text = "The harbour bridge reopened on Monday after a year of repairs. Traffic was light in the morning. {}"
    records = [{"title": f"Bridge {n}", "text": text.format(n), "url": url, "outlet": "Guest Writer - Right",
                "published": "2026-09-03"} for n, url in enumerate(
        ["https://www.nationalreview.com/1", "https://www.nationalreview.com/2", "https://www.rt.com/news/3"])]
    from parallax.ingest.outlets import load_catalog

    store = SQLiteStore(tmp_path / "b.db")
    with SerialExecutor() as executor:
        backfill(records, store, Settings(), executor, embedder_name="tfidf", catalog=load_catalog())
    assert {a.url: a.outlet for a in store.articles_since(None)}["https://www.rt.com/news/3"] == \
        "Guest Writer - Right (rt.com)"
    assert (store.outlet("Guest Writer - Right").country, store.outlet("Guest Writer - Right (rt.com)").country) == (
        "US", "RU")
    store.close()
