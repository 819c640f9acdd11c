"""A frozen story reopens when a wire copy of its article, or a later article that matches it strongly, arrives
(``cluster/reopen.py``); on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from support.pg import pg_server, pg_template, pg_url  # noqa: F401 - fixtures

from parallax.ingest import OutletCatalog, ingest
from parallax.pipeline import run_stages
from parallax.serve.gather.stories import story_material
from parallax.settings import Settings

SETTINGS = Settings(story_embedder="tfidf", embedder="tfidf", cluster_warmup=0)  # resume from the first run
VOTE = "Marenland's parliament approved a new water tariff on Tuesday by 102 votes to 87, the speaker said."
FERRY = "Ferry crews in Marenland ended their strike on Friday after the operator agreed to a new contract."


@contextmanager
def _quiet(description, total):
    yield lambda n=1: None


def _run(store, folder, name: str, records: list[dict]) -> dict[str, str]:
    """Ingest ``records`` as one run's new articles and run the stages; {url: article id} of the whole store."""
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingest([str(path)], store, OutletCatalog([]), SETTINGS)
    with pytest.warns(RuntimeWarning, match="TF-IDF"):
        run_stages(store, SETTINGS, _quiet)
    return {a.url: a.id for a in store.articles_since()}


def _first_and_quiet(store, folder, text: str, title: str, dated: bool) -> str:
    """The bridge story and an unrelated vote on 1 September, then a ferry story that moves the clock past the
    window: the bridge story is frozen. Returns its id."""
    when = {"published": "2026-09-01T08:00:00Z"} if dated else {}
    ids = _run(store, folder, "first", [{"url": "https://wire.example/kessel", "title": title, "text": text, **when},
                                        {"url": "https://ledger.example/vote", "title": "Tariff approved", "text": VOTE,
                                         "published": "2026-09-01T09:00:00Z"}])
    _run(store, folder, "later", [{"url": "https://ledger.example/ferry", "title": "Ferry strike ends", "text": FERRY,
                                   "published": "2026-09-20T08:00:00Z"}])
    assert store.story_reopenings() == []
    return store.story_of_article(ids["https://wire.example/kessel"])


def test_a_closed_story_stays_frozen_until_a_wire_copy_of_its_article_reopens_it(any_store, tmp_path):
    store = any_store
    wire = ("Rescuers in Tolven pulled 41 bodies from the river after the old Kessel bridge collapsed on Monday "
            "morning, city officials said, and divers were still searching near the broken central span.")
    bridge = _first_and_quiet(store, tmp_path, wire, "Kessel bridge collapses", dated=False)
    ids = _run(store, tmp_path, "copy", [{"url": "https://courier.example/kessel", "title": "Kessel bridge collapses",
                                          "text": wire}])
    copy = ids["https://courier.example/kessel"]
    assert store.story_of_article(copy) == bridge and store.story_reopenings() == [(bridge, copy)]


def test_a_later_development_reopens_its_frozen_story_by_a_strong_match_and_it_is_recorded(any_store, tmp_path):
    store = any_store
    collapse = ("The old Kessel bridge in Tolven collapsed into the Varn river on Monday morning, killing 41 people, "
                "and divers searched the wreck of the central span for the missing, Tolven officials said.")
    bridge = _first_and_quiet(store, tmp_path, collapse, "Kessel bridge collapses in Tolven", dated=True)
    trial = ("Two engineers went on trial in Tolven on Monday over the old Kessel bridge, which collapsed into the Varn "
             "river killing 41 people while divers searched the wreck of the central span for the missing, Tolven "
             "officials said. The court heard that cracks in the central span had been reported two years ago.")
    budget = "Marenland's budget for 2027 passed its final reading on Monday with 110 votes in favour."
    ids = _run(store, tmp_path, "trial", [
        {"url": "https://courier.example/kessel-trial", "title": "Kessel bridge collapse trial opens in Tolven",
         "text": trial, "published": "2026-11-02T08:00:00Z"},
        {"url": "https://ledger.example/budget", "title": "Budget passes", "text": budget,
         "published": "2026-11-02T09:00:00Z"}])
    later = ids["https://courier.example/kessel-trial"]
    assert store.story_of_article(later) == bridge and store.story_reopenings() == [(bridge, later)]
    versions = story_material(store, bridge).versions  # the story page's history names the reopening
    assert [r["article_id"] for r in versions[-1]["reopened"]] == [later] and versions[0]["reopened"] == []
    vote_story = store.story_of_article(ids["https://ledger.example/vote"])
    assert store.story_of_article(ids["https://ledger.example/budget"]) != vote_story  # a weak match stays apart
