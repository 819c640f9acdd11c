"""Every brief of the bundled demo corpus, built by the real pipeline, passes the brief contract."""

from __future__ import annotations

import contextlib
from importlib.resources import files
from pathlib import Path

import pytest

from parallax.ingest import ingest, load_catalog
from parallax.pipeline import run_stages
from parallax.settings import load_settings
from parallax.store import open_store
from parallax.write import brief_from_dict, check_brief, resolve_citation, validate_brief_dict
from parallax.write.base import cited_items, is_excerpt, passage_spans, quoted_phrases
from parallax.write.pool import numbers_in
from parallax.write.trim import strip_dateline

pytestmark = pytest.mark.slow


@contextlib.contextmanager
def _quiet(description: str, total: int | None = None):
    yield lambda n=1: None


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(store, stored briefs by story id) after one pipeline run over the demo corpus with the default settings (the
    MUSE sentence encoder), as ``parallax demo`` builds it."""
    demo_dir = Path(str(files("parallax.data").joinpath("demo")))
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    settings = load_settings(environ={}).with_overrides(db=str(db))
    store = open_store(str(db))
    ingest(sorted(str(p) for p in demo_dir.glob("articles_*.jsonl")), store,
           load_catalog(demo_dir / "outlets.csv"), settings)
    run_stages(store, settings, _quiet)
    briefs = {sid: store.brief(sid) for sid in store.story_ids()}
    yield store, {sid: b.body for sid, b in briefs.items() if b is not None}
    store.close()


def _articles(store, body: dict):
    return store.articles([s["article_id"] for s in body["sources"]])


def test_every_story_has_a_schema_valid_brief(demo):
    store, briefs = demo
    assert len(briefs) == len(store.story_ids()) >= 10
    for body in briefs.values():
        validate_brief_dict(body)


def test_every_citation_resolves_exactly_and_every_quote_is_verbatim(demo):
    store, briefs = demo
    for body in briefs.values():
        brief = brief_from_dict(body)
        articles = {a.id: a for a in _articles(store, body)}
        check_brief(brief, list(articles.values()))
        for where, text, citations in cited_items(brief):
            assert citations, where
            spans = [resolve_citation(c, articles[c.article_id]) for c in citations]
            assert all(articles[c.article_id].text[c.start : c.end] == s for c, s in zip(citations, spans))
            spans = passage_spans(citations, spans)
            for phrase in quoted_phrases(text):
                assert any(phrase in s for s in spans), (where, phrase)


def test_summary_and_title_are_the_sources_own_words(demo):
    store, briefs = demo
    for body in briefs.values():
        brief = brief_from_dict(body)
        articles = {a.id: a for a in _articles(store, body)}
        for sentence in brief.summary:
            assert is_excerpt(sentence.text, sentence.citations[:1], articles), sentence.text
        assert brief.title.text in {a.title for a in articles.values()}


def test_multi_outlet_summaries_hold_three_to_five_sentences_from_three_outlets(demo):
    _, briefs = demo
    multi = [b for b in briefs.values() if len({s["outlet"]["name"] for s in b["sources"]}) >= 3]
    assert len(multi) >= 8
    for body in multi:
        assert 3 <= len(body["summary"]) <= 5, body["story_id"]
        outlets = {c["outlet"] for s in body["summary"] for c in s["citations"]}
        assert len(outlets) >= 3, (body["story_id"], outlets)


def test_no_summary_sentence_is_cited_to_an_outlet_giving_another_number(demo):
    store, briefs = demo
    for body in briefs.values():
        articles = {a.id: a for a in _articles(store, body)}
        for sentence in body["summary"]:
            mine = numbers_in(sentence["text"])
            for c in sentence["citations"]:
                theirs = numbers_in(articles[c["article_id"]].text[c["start"] : c["end"]])
                assert not mine or mine & theirs, (sentence["text"], c["outlet"])


def test_the_lannick_brief_has_every_section_of_the_seed_page(demo):
    _, briefs = demo
    lannick = next(b for b in briefs.values() if "Lannick" in b["title"]["text"] and len(b["sources"]) >= 6)
    sections = lannick["sections"]
    for key in ("key_claims", "perspectives", "questions", "media_bias", "outcomes", "conflicting_figures"):
        assert sections.get(key), key
    assert len(sections["questions"]) >= 2
    dead = next(f for f in sections["conflicting_figures"] if f["subject"] == "dead")
    assert len({v["value"] for v in dead["values"]}) >= 2
    kinds = {p["kind"] for p in sections["perspectives"]}
    assert "government" in kinds
    assert all(strip_dateline(s["text"]) == s["text"] for s in lannick["summary"])  # no "DRASK, … —" openers
