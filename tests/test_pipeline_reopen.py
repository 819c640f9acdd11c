"""A frozen story reopens when a later article matches it strongly, on SQLite and PostgreSQL (``cluster/reopen.py``)."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from support.pg import pg_server, pg_template, pg_url  # noqa: F401 - fixtures

from parallax.ingest import OutletCatalog, ingest
from parallax.pipeline import run_stages
from parallax.serve.gather.stories import story_material
from parallax.settings import Settings


@pytest.fixture(params=["sqlite", "postgres"])
def any_store(request, tmp_path):
    if request.param == "sqlite":
        from parallax.store.sqlite import SQLiteStore

        s = SQLiteStore(tmp_path / "test.db")
    else:
        from parallax.store.postgres import PostgresStore

        s = PostgresStore(request.getfixturevalue("pg_url"))
    yield s
    s.close()


def test_a_later_development_reopens_its_frozen_story_by_a_strong_match_and_it_is_recorded(any_store, tmp_path):
    store = any_store

    def run(name, records):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        ingest([str(path)], store, OutletCatalog([]), settings)
        with pytest.warns(RuntimeWarning, match="TF-IDF"):
            run_stages(store, settings, quiet)

    @contextmanager
    def quiet(description, total):
        yield lambda n=1: None

    settings = Settings(story_embedder="tfidf", embedder="tfidf", cluster_warmup=0)  # resume from the first run
    collapse = ("The old Kessel bridge in Tolven collapsed into the Varn river on Monday morning, killing 41 people, "
                "and divers searched the wreck of the central span for the missing, Tolven officials said.")
    vote = "Marenland's parliament approved a new water tariff on Tuesday by 102 votes to 87, the speaker said."
    run("first", [{"url": "https://wire.example/kessel", "title": "Kessel bridge collapses in Tolven", "text": collapse,
                   "published": "2026-09-01T08:00:00Z"},
                  {"url": "https://ledger.example/vote", "title": "Tariff approved", "text": vote,
                   "published": "2026-09-01T09:00:00Z"}])
    bridge = store.story_of_article(next(a.id for a in store.articles_since() if a.url.endswith("/kessel")))
    ferry = "Ferry crews in Marenland ended their strike on Friday after the operator agreed to a new contract."
    run("later", [{"url": "https://ledger.example/ferry", "title": "Ferry strike ends", "text": ferry,
                   "published": "2026-09-20T08:00:00Z"}])  # the clock moves on: the bridge story goes cold
    trial = ("Two engineers went on trial in Tolven on Monday over the old Kessel bridge, which collapsed into the Varn "
             "river killing 41 people while divers searched the wreck of the central span for the missing, Tolven "
             "officials said. The court heard that cracks in the central span had been reported two years ago.")
    run("trial", [{"url": "https://courier.example/kessel-trial", "title": "Kessel bridge collapse trial opens in Tolven",
                   "text": trial, "published": "2026-11-02T08:00:00Z"},
                  {"url": "https://ledger.example/budget", "title": "Budget passes", "published": "2026-11-02T09:00:00Z",
                   "text": "Marenland's budget for 2027 passed its final reading on Monday with 110 votes in favour."}])
    by_url = {a.url: a.id for a in store.articles_since()}
    later = by_url["https://courier.example/kessel-trial"]
    assert store.story_of_article(later) == bridge and store.story_reopenings() == [(bridge, later)]
    versions = story_material(store, bridge).versions  # the story page's history names the reopening
    assert [r["article_id"] for r in versions[-1]["reopened"]] == [later] and versions[0]["reopened"] == []
    assert store.story_of_article(by_url["https://ledger.example/budget"]) != store.story_of_article(by_url[
        "https://ledger.example/vote"])  # an unrelated vote does not reopen the tariff story
