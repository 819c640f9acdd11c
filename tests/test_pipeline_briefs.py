"""A run rewrites a story's brief only when its material changed, records why, and a rewrite reads each article's
stored analysis (parse, sentence vectors, attributions, figures, language values) instead of working it out again;
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import replace

import pytest
from support.pg import pg_server, pg_template, pg_url  # noqa: F401 - fixtures

from parallax.analyse.statements import sentence_signals
from parallax.embed import get_embedder
from parallax.execute import ProcessExecutor, SerialExecutor
from parallax.ingest import OutletCatalog, ingest
from parallax.models import Outlet
from parallax.pipeline import run_stages, write_stage
from parallax.pipeline.writing import work_out_first
from parallax.settings import Settings
from parallax.write import ExtractiveWriter, brief_to_dict, get_writer, material_for
from parallax.write.budget import QUEUED
from parallax.write.driver import story_material
from parallax.write.sections.claims import attributions
from parallax.write.single import LABEL as LEAD_LABEL
from parallax.write.stored import (
    ANALYSIS_KINDS,
    FIGURES,
    PARSE_KIND,
    VECTORS_KIND,
    analysis_version,
    read_blobs,
    vectors_version,
    write_brief,
)

SETTINGS = Settings(story_embedder="tfidf", embedder="tfidf", cluster_warmup=0)
WIRE = ("Rescuers in Tolven pulled 41 bodies from the river after the old Kessel bridge collapsed on Monday morning, "
        "city officials said. Divers were still searching near the broken central span on Monday evening, and the "
        "mayor of Tolven said the city would mourn for three days.")
TOLL = WIRE + " Divers found three more bodies on Monday night, raising the toll to 44."  # a copy with a new figure


@contextmanager
def _quiet(description, total):
    yield lambda n=1: None


def _run(store, folder, name: str, records: list[dict], settings: Settings = SETTINGS):
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps({"title": "Kessel bridge collapses in Tolven", **r}) + "\n" for r in records),
                    encoding="utf-8")
    ingest([str(path)], store, OutletCatalog([]), settings)
    with pytest.warns(RuntimeWarning, match="TF-IDF"):
        return run_stages(store, settings, _quiet)


def _body(brief: dict) -> dict:
    return {**brief, "provenance": {k: v for k, v in brief["provenance"].items() if k != "generated_at"}}


def test_a_repeat_keeps_the_brief_a_new_outlet_rewrites_it_and_each_decision_is_recorded(any_store, tmp_path):
    store = any_store
    _run(store, tmp_path, "first", [{"url": "https://wire.example/kessel", "text": WIRE, "outlet": "Wire",
                                     "published": "2026-09-07T08:00:00Z"}])
    (story_id,) = store.story_ids()
    label = get_writer(SETTINGS.writer).label
    first = store.brief(story_id).body  # one article: the page is its lead, nothing encoded or parsed for it
    assert first["provenance"]["sections"]["summary"] == {"writer": LEAD_LABEL} and first["sections"] == {}
    assert "comparison" in first["provenance"]["left_out"] and not _blobs(store, story_id)
    report = _run(store, tmp_path, "copy", [{"url": "https://wire.example/kessel-update", "text": WIRE + " Read more",
                                             "outlet": "Wire", "published": "2026-09-07T09:00:00Z"}])
    assert store.story(story_id).version == 2 and (report.briefs_written, report.briefs_kept) == (0, 1)
    assert store.brief(story_id).story_version == 1  # the reader still sees the first brief
    assert store.brief_decisions(story_id)[-1] == (2, label, False, "1 added article(s) repeat what the brief holds")
    report = _run(store, tmp_path, "toll", [{"url": "https://courier.example/kessel", "text": TOLL,
                                             "outlet": "Courier", "published": "2026-09-07T10:00:00Z"}])
    assert store.story(story_id).version == 3 and report.briefs_written == 1
    assert store.brief(story_id).story_version == 3
    version, writer, rewritten, why = store.brief_decisions(story_id)[-1]
    assert (version, writer, rewritten) == (3, label, True) and why.startswith(("a new figure", "new outlet: Courier"))
    full = store.brief(story_id).body  # a second outlet: the full brief replaces the lead page
    assert "sections" not in full["provenance"] and "comparison" not in full["provenance"].get("left_out", {})
    assert len(full["sources"]) == 3 and _blobs(store, story_id)


def _blobs(store, story_id: str) -> dict:
    embedder = get_embedder(SETTINGS.embedder)
    return store.article_blobs(VECTORS_KIND, vectors_version(embedder), store.articles(store.story(story_id).article_ids))


def _two_reports(store, tmp_path) -> None:
    """One story of two outlets' reports: the wire's first, the courier's two hours later."""
    _run(store, tmp_path, "first", [
        {"url": "https://wire.example/kessel", "text": WIRE, "outlet": "Wire", "published": "2026-09-07T08:00:00Z"},
        {"url": "https://courier.example/kessel", "text": TOLL, "outlet": "Courier",
         "published": "2026-09-07T10:00:00Z"}])


def test_a_rewrite_from_stored_analysis_is_the_brief_a_rewrite_from_scratch_gives(any_store, tmp_path):
    store = any_store
    _two_reports(store, tmp_path)
    (story_id,) = store.story_ids()
    story, writer, embedder = store.story(story_id), get_writer(SETTINGS.writer), get_embedder(SETTINGS.embedder)
    articles = store.articles(story.article_ids)
    assert set(store.article_blobs(PARSE_KIND, next(iter(_versions(store, PARSE_KIND))), articles)) == {
        a.id for a in articles}
    assert store.article_blobs(VECTORS_KIND, vectors_version(embedder), articles).keys() == {a.id for a in articles}
    other = get_embedder("minilm" if embedder.name == "muse" else "muse")  # another encoder's vectors are not these
    assert vectors_version(other) != vectors_version(embedder) and not read_blobs(store, other, articles).of(VECTORS_KIND)
    analysis = {kind: store.article_blobs(kind, analysis_version(), articles) for kind in ANALYSIS_KINDS}
    read = {a.id for a in story_material(store, story).independent_articles()}  # the courier's copy is a reprint
    assert {kind: found.keys() for kind, found in analysis.items()} == dict.fromkeys(analysis, read) and read
    assert any(json.loads(body)["value"] for body in analysis[FIGURES].values())  # the 41 and 44 bodies
    stored = store.brief(story_id).body
    attributions.cache_clear()  # nothing worked out in this process stands in for what the store gives
    sentence_signals.cache_clear()
    write_stage(store, writer, [story], embedder)  # the rewrite reads every article's analysis from the store
    assert _body(store.brief(story_id).body) == _body(stored)
    outlets = {a.outlet: store.outlet(a.outlet) or Outlet(name=a.outlet) for a in articles}
    scratch = writer.write(material_for(story, articles, outlets, embedder.embed_batch, embedder.name))
    assert _body(brief_to_dict(scratch)) == _body(stored)
    assert story_material(store, story).sentence_scores.keys() == {a.id for a in articles}
    with ProcessExecutor(1) as pool:  # a worker process writes it from the same stored analysis
        write_stage(store, writer, [story], embedder, executor=pool, settings=SETTINGS)
    assert _body(store.brief(story_id).body) == _body(stored)


def test_the_articles_of_briefs_are_worked_out_first_on_every_worker_and_the_briefs_are_the_same(any_store, tmp_path):
    store = any_store
    _two_reports(store, tmp_path)
    (story_id,) = store.story_ids()
    story, writer, embedder = store.story(story_id), get_writer(SETTINGS.writer), get_embedder(SETTINGS.embedder)
    articles, stored = store.articles(story.article_ids), store.brief(story_id).body
    material = story_material(store, story)
    read = frozenset(a.id for a in material.independent_articles())
    store.drop_article_blobs([story_id])
    blobs = read_blobs(store, embedder, articles)
    assert not any(blobs.found.values())
    full = {story_id: blobs}
    attributions.cache_clear()  # nothing this process worked out before stands in
    sentence_signals.cache_clear()
    work_out_first(store, SerialExecutor(), embedder, [material], full)  # what the workers would do, here
    assert {kind: set(found) for kind, found in full[story_id].found.items()} == {
        **{kind: set(read) for kind in ANALYSIS_KINDS}, PARSE_KIND: {a.id for a in articles},
        VECTORS_KIND: {a.id for a in articles}}
    assert not full[story_id].fresh  # held as stored: a brief job sends none of it back
    assert {k: set(v) for k, v in read_blobs(store, embedder, articles).found.items()} == {
        k: set(v) for k, v in full[story_id].found.items()}
    attributions.cache_clear()
    sentence_signals.cache_clear()
    assert _body(brief_to_dict(write_brief(writer, material, embedder, full[story_id]))) == _body(stored)
    assert not full[story_id].fresh  # the brief worked nothing out itself
    store.drop_article_blobs([story_id])
    with ProcessExecutor(2) as pool:  # the same through worker processes
        write_stage(store, writer, [story], embedder, executor=pool, settings=SETTINGS)
    assert _body(store.brief(story_id).body) == _body(stored)
    assert read_blobs(store, embedder, articles).found.keys() == full[story_id].found.keys()


def test_an_article_that_fails_to_be_worked_out_first_is_left_to_its_brief_and_the_others_are_saved(
        any_store, tmp_path, monkeypatch):
    from parallax.analyse import parses

    store = any_store
    _two_reports(store, tmp_path)
    (story_id,) = store.story_ids()
    story, embedder = store.story(story_id), get_embedder(SETTINGS.embedder)
    material, articles = story_material(store, story), store.articles(story.article_ids)
    (courier,) = [a for a in articles if a.outlet == "Courier"]
    parse = parses.parse
    monkeypatch.setattr(parses, "parse", lambda a: (_ for _ in ()).throw(ValueError("odd page")) if a.id == courier.id
                        else parse(a))
    store.drop_article_blobs([story_id])
    full = {story_id: read_blobs(store, embedder, articles)}
    assert work_out_first(store, SerialExecutor(), embedder, [material], full)[0] == 2  # no error comes out
    assert set(read_blobs(store, embedder, articles).of(PARSE_KIND)) == {a.id for a in articles} - {courier.id}
    assert write_stage(store, get_writer(SETTINGS.writer), [story], embedder) == 0  # its brief meets the error
    assert any(f.stage == "write" and "odd page" in f.reason for f in store.failures())


def _versions(store, kind: str) -> set[str]:
    from parallax.analyse.parses import parse_version

    return {parse_version()} if kind == PARSE_KIND else set()


class _Broken(ExtractiveWriter):
    """A writer that fails in a way no one foresaw on the stories that hold a Courier article."""

    def draft(self, material):
        if any(a.outlet == "Courier" for a in material.articles):
            raise KeyError(("courier", 22))
        return super().draft(material)


def test_a_brief_that_fails_unforeseen_is_recorded_and_the_run_goes_on(any_store, tmp_path):
    store = any_store
    _two_reports(store, tmp_path)
    (story_id,) = store.story_ids()
    story, embedder = store.story(story_id), get_embedder(SETTINGS.embedder)
    assert write_stage(store, _Broken(), [story, story], embedder) == 0  # both tries recorded, neither raised
    failures = [f for f in store.failures() if f.stage == "write" and f.item == story_id]
    assert [f.reason for f in failures] == ["KeyError: ('courier', 22)"] * 2


FIRE = ("A fire swept through the Marrow textile mill in Oskby on Thursday night, and 12 workers were taken to "
        "hospital, the fire service said. The mill's owner said production would stop for a month.")


TRAIN = ("Eleven wagons of a freight train carrying grain derailed near Varna station early on Tuesday, and the "
         "railway operator closed the line, a spokeswoman said. Nobody was hurt.")


def test_past_the_brief_budget_a_story_is_queued_its_page_says_so_and_the_next_run_writes_it(any_store, tmp_path):
    store, label = any_store, get_writer(SETTINGS.writer).label
    fire = [{"url": f"https://{o.lower()}.example/marrow", "text": FIRE + extra, "outlet": o, "title": "Fire at the "
             "Marrow textile mill", "published": "2026-09-07T20:00:00Z"} for o, extra in (
             ("Herald", ""), ("Post", " Firefighters fought the blaze for six hours."))]
    bridge = [{"url": "https://wire.example/kessel", "text": WIRE, "outlet": "Wire", "published": "2026-09-07T08:00:00Z"},
              {"url": "https://courier.example/kessel", "text": TOLL + " The bridge was built in 1911.",
               "outlet": "Courier", "published": "2026-09-07T10:00:00Z"}]
    budget = replace(SETTINGS, brief_budget=0.01)
    report = _run(store, tmp_path, "day", bridge + fire, budget)
    assert len(store.story_ids()) == 2 and (report.briefs_written, report.briefs_queued) == (0, 2)
    briefs = {i: store.brief(i) for i in store.story_ids()}
    assert {b.writer for b in briefs.values()} == {QUEUED}  # no story's articles were worked out: none is written
    assert all("brief" in b.body["provenance"]["left_out"] and len(b.body["sources"]) == 2 for b in briefs.values())
    assert {s.id for s in store.stories_needing_briefs(label)} == set(briefs)  # the queue is the store's
    articles = store.articles([a for i in briefs for a in store.story(i).article_ids])
    assert read_blobs(store, get_embedder(SETTINGS.embedder), articles).of(PARSE_KIND).keys() == {
        a.id for a in articles}  # the rest of the budget (at least a batch) worked out the queued stories' articles
    report = _run(store, tmp_path, "ready", [], budget)  # the first ready story is written whatever its cost
    assert (report.articles, report.briefs_written, report.briefs_queued) == (0, 1, 1)
    (full,) = [i for i in briefs if store.brief(i).writer == label]
    (queued,) = [store.brief(i) for i in briefs if i != full]
    assert queued.writer == QUEUED
    first = store.brief(full).body
    report = _run(store, tmp_path, "idle", [])  # a run with nothing new and no budget writes the queue
    assert (report.articles, report.briefs_written, report.briefs_queued) == (0, 1, 0)
    written = store.brief(queued.story_id)
    assert written.writer == label and written.story_version == queued.story_version
    assert "brief" not in written.body["provenance"].get("left_out", {}) and not store.stories_needing_briefs(label)
    assert store.brief(full).body == first
    gazette = {"url": "https://gazette.example/kessel", "text": WIRE + " Engineers had warned about the span in 2019.",
               "outlet": "Gazette", "published": "2026-09-08T08:00:00Z"}
    train = [{"url": f"https://{o.lower()}.example/derailment", "text": TRAIN + extra, "outlet": o, "title": "Freight "
              "train derails near Varna", "published": "2026-09-08T09:00:00Z"} for o, extra in (
              ("Herald", ""), ("Post", " Crews cleared the line by evening."))]
    report = _run(store, tmp_path, "next", [gazette, *train], budget)
    assert (report.briefs_written, report.briefs_queued) == (0, 2)
    report = _run(store, tmp_path, "then", [], budget)
    assert (report.briefs_written, report.briefs_queued) == (1, 1)  # the new story first: it has no full brief
    (new,) = set(store.story_ids()) - set(briefs)
    (grown,) = [i for i in briefs if store.story(i).version > store.brief(i).story_version]  # the Gazette's
    assert store.brief(new).writer == label and store.brief(grown).writer == label  # it keeps its earlier full brief
    assert [s.id for s in store.stories_needing_briefs(label)] == [grown]


def test_an_article_whose_language_cannot_be_scored_is_recorded_and_the_others_are_saved(any_store, tmp_path,
                                                                                         monkeypatch):
    from parallax.analyse.language import SCORER_VERSION, scoring
    from parallax.pipeline import LANGUAGE_KIND, analyse_stage

    store = any_store
    _two_reports(store, tmp_path)
    articles = store.articles_since()
    (courier,) = [a for a in articles if a.outlet == "Courier"]
    score = scoring.score_articles

    def odd(batch):
        if any(a.id == courier.id for a in batch):
            raise ValueError("odd page")
        return score(batch)

    monkeypatch.setattr(scoring, "score_articles", odd)
    fresh = [replace(a, content_hash=a.content_hash + "x") for a in articles]  # stored scores no longer current
    store.upsert_articles(fresh)
    scored, _ = analyse_stage(store, fresh, SerialExecutor())  # no error comes out
    assert scored == 2
    assert set(store.article_analysis(LANGUAGE_KIND, SCORER_VERSION, fresh)) == {a.id for a in fresh} - {courier.id}
    assert any(f.stage == "analyse" and f.item == courier.id and "odd page" in f.reason for f in store.failures())
