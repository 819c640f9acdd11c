"""Derived analysis is stored by kind and algorithm version, and goes stale with the content."""

from __future__ import annotations

from datetime import datetime

import pytest
from support.pg import pg_server, pg_template, pg_url  # noqa: F401 - fixtures

from parallax.models import Page
from parallax.text.article import build_article


def article(text: str):
    return build_article(Page(url="https://vpr.example/a", body=text, title="Harbour", outlet="VPR",
                              published=datetime(2026, 9, 1)))


@pytest.fixture
def analysis_store(store):
    if not hasattr(store, "save_article_analysis"):
        pytest.skip(f"{type(store).__name__} has no analysis tables yet")
    return store


def test_article_analysis_is_keyed_by_version_and_content(analysis_store):
    a = article("The harbour in Merrow reopened on Monday after repairs. Ships queued outside.")
    analysis_store.upsert_articles([a])
    analysis_store.save_article_analysis("language", "v1", [(a, {"sensational": 0.2})])
    assert analysis_store.article_analysis("language", "v1", [a]) == {a.id: {"sensational": 0.2}}
    assert analysis_store.article_analysis("language", "v2", [a]) == {}
    edited = article("The harbour in Merrow stays closed after all. Ships turned back to Tolven.")
    assert analysis_store.article_analysis("language", "v1", [edited]) == {}


def test_story_analysis_and_outlet_profiles_round_trip(analysis_store):
    analysis_store.save_story_analysis("s1", 2, "claims", "v1", {"claims": [1, 2]})
    analysis_store.save_story_analysis("s1", 3, "claims", "v1", {"claims": [3]})
    assert analysis_store.story_analysis("s1", "claims") == (3, {"claims": [3]})
    assert analysis_store.story_analysis("s1", "figures") is None
    analysis_store.save_outlet_profile("VPR", "v1", {"leaning": "center"})
    assert analysis_store.outlet_profile("VPR") == {"leaning": "center"}
    assert analysis_store.outlet_profile("nobody") is None


def test_article_blobs_are_keyed_by_version_and_content(analysis_store):
    a = article("The harbour in Merrow reopened on Monday after repairs. Ships queued outside.")
    analysis_store.upsert_articles([a])
    analysis_store.save_article_blobs("parse", "v1", [(a, b"\x00\x01parse")])
    assert analysis_store.article_blobs("parse", "v1", [a]) == {a.id: b"\x00\x01parse"}
    assert analysis_store.article_blobs("parse", "v2", [a]) == {}
    assert analysis_store.article_blobs("sentence_vectors", "v1", [a]) == {}
    edited = article("The harbour in Merrow stays closed after all. Ships turned back to Tolven.")
    assert analysis_store.article_blobs("parse", "v1", [edited]) == {}


def test_brief_decisions_are_recorded_per_story_version_and_writer(analysis_store):
    analysis_store.save_brief_decision("s1", 2, "extractive/25", False, "1 added article(s) repeat what the brief holds")
    analysis_store.save_brief_decision("s1", 3, "extractive/25", True, "new outlet: VPR")
    analysis_store.save_brief_decision("s1", 3, "extractive/25", True, "new outlet: VPR, Ledger")  # rerun: replaced
    assert analysis_store.brief_decisions("s1") == [
        (2, "extractive/25", False, "1 added article(s) repeat what the brief holds"),
        (3, "extractive/25", True, "new outlet: VPR, Ledger")]
    assert analysis_store.brief_decisions("s2") == []


def test_the_blobs_of_a_frozen_storys_articles_can_be_dropped(analysis_store):
    from parallax.models import Story

    a = article("The harbour in Merrow reopened on Monday after repairs. Ships queued outside.")
    analysis_store.upsert_articles([a])
    analysis_store.save_stories([Story(id="s1", article_ids=(a.id,))])
    analysis_store.save_article_blobs("parse", "v1", [(a, b"parse")])
    analysis_store.drop_article_blobs(["s2"])
    assert analysis_store.article_blobs("parse", "v1", [a]) == {a.id: b"parse"}
    analysis_store.drop_article_blobs(["s1"])
    assert analysis_store.article_blobs("parse", "v1", [a]) == {}


def test_blob_ids_say_which_bytes_are_stored_and_valid_without_reading_them(any_store):
    a = article("The harbour in Merrow reopened on Monday after repairs. Ships queued outside.")
    b = build_article(Page(url="https://vpr.example/b", body="Ferries to Tolven run again from Friday.", title="Ferries",
                           outlet="VPR", published=datetime(2026, 9, 2)))
    any_store.upsert_articles([a, b])
    any_store.save_article_blobs("parse", "v1", [(a, b"\x00parse")])
    assert any_store.article_blob_ids("parse", "v1", [a, b]) == {a.id} == set(any_store.article_blobs("parse", "v1", [a, b]))
    assert any_store.article_blob_ids("parse", "v2", [a, b]) == set() == any_store.article_blob_ids("sentence_vectors", "v1", [a])
    edited = article("The harbour in Merrow stays closed after all. Ships turned back to Tolven.")
    assert any_store.article_blob_ids("parse", "v1", [edited]) == set() and any_store.article_blob_ids("parse", "v1", []) == set()
