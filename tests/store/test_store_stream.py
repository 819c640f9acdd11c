"""Incremental runs in the store: the ingest watermark, the assignment state and the one commit."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import numpy as np
import pytest
from test_store_contract import make_article

from parallax.models import Story
from parallax.store import StoredBrief


def _story(sid: str, *articles) -> Story:
    return Story(sid, tuple(a.id for a in articles), title="Harbour")


def test_articles_after_a_watermark_are_the_later_ingested_in_published_order(store):
    assert store.articles_after(0) == (0, [])
    store.upsert_articles([make_article(1, day=5), make_article(2, day=3)])
    first, articles = store.articles_after(0)
    assert [a.title for a in articles] == ["Harbour report 2", "Harbour report 1"]
    store.upsert_articles([make_article(3, day=1)])
    second, later = store.articles_after(first)
    assert second > first and [a.title for a in later] == ["Harbour report 3"]
    assert store.articles_after(second) == (second, [])


def test_the_commit_saves_stories_merges_and_state_together(store):
    a, b, c = make_article(1), make_article(2), make_article(3)
    store.upsert_articles([a, b, c])
    store.commit_stories([_story("s-a", a), _story("s-b", b)], {}, ("v1", 2, b"state-1"))
    assert store.cluster_state("v1") == (2, b"state-1")
    saved = store.commit_stories([_story("s-a", a, b, c)], {"s-b": "s-a"}, ("v1", 3, b"state-2"),
                                 [("s-a", c.id)])
    assert saved[0].version == 2 and store.story_ids() == ["s-a"]
    assert store.cluster_state("v1") == (3, b"state-2") and store.story_reopenings() == [("s-a", c.id)]
    store.commit_stories([], {}, ("v2", 0, b"other"))
    assert store.cluster_state("v1") is None and store.cluster_state("v2") == (0, b"other")


def test_stories_need_briefs_until_their_current_version_has_one_by_the_writer(store):
    a, b = make_article(1), make_article(2)
    store.upsert_articles([a, b])
    store.commit_stories([_story("s-a", a), _story("s-b", b)], {}, ("v1", 2, b""))
    store.save_brief(StoredBrief("s-a", 1, "extractive", "h", {}, datetime(2026, 9, 1)))
    assert [s.id for s in store.stories_needing_briefs("extractive")] == ["s-b"]
    assert [s.id for s in store.stories_needing_briefs("llm")] == ["s-a", "s-b"]
    store.commit_stories([_story("s-a", a, b)], {"s-b": "s-a"}, ("v1", 2, b""))
    assert [(s.id, s.version) for s in store.stories_needing_briefs("extractive")] == [("s-a", 2)]


def test_outlet_totals_are_saved_with_the_commit_and_profiles_go_stale_until_rewritten(store):
    a, b = make_article(1, outlet="Harbour Post"), make_article(2, outlet="Quay Daily")
    store.upsert_articles([a, b])
    totals = [("Harbour Post", "v1", 1, {"articles": 1, "phrases": {"x\ty": 1}}), ("Quay Daily", "v1", 1, {"articles": 1})]
    store.commit_stories([_story("s-a", a, b)], {}, ("v1", 2, b""), totals=totals)
    assert store.outlet_totals(["Harbour Post", "Nobody"], "v1") == {"Harbour Post": totals[0][3]}
    assert store.outlet_totals(["Harbour Post"], "v2") == {}
    assert store.stale_outlet_profiles() == ["Harbour Post", "Quay Daily"]
    store.save_outlet_profile("Harbour Post", "v1", {"n_articles": 1})
    store.save_outlet_profile("Quay Daily", "v1", {"n_articles": 3})
    assert store.stale_outlet_profiles() == ["Quay Daily"]
    assert store.outlet_story_count("Harbour Post") == 1 and store.outlet_story_count("Nobody") == 0


def test_a_story_whose_article_changed_in_place_needs_its_brief_again(store):
    a, b = make_article(1), make_article(2)
    store.upsert_articles([a, b])
    store.commit_stories([_story("s-a", a), _story("s-b", b)], {}, ("v1", 2, b""))
    for sid in ("s-a", "s-b"):
        store.save_brief(StoredBrief(sid, 1, "extractive", "h", {}, datetime(2026, 9, 1)))
    store.upsert_articles([a, b])  # the same again: nothing to write
    assert store.stories_needing_briefs("extractive") == []
    store.upsert_articles([replace(a, text=a.text + " The ferry starts on Monday.")])
    assert [(s.id, s.version) for s in store.stories_needing_briefs("extractive")] == [("s-a", 2)]
    assert [v[:2] for v in store.story_versions("s-a")] == [(1, (a.id,)), (2, (a.id,))]
    store.commit_stories([_story("s-a", a)], {}, ("v1", 2, b""))  # the next run keeps the members: no new version
    assert store.story("s-a").version == 2


def _sketch(*values: float) -> np.ndarray:
    row = np.zeros(256, np.float32)
    row[: len(values)] = values
    return row / np.linalg.norm(row)


def test_frozen_sketches_are_saved_with_the_commit_found_by_cosine_and_dropped_when_reopened(store):
    a, b, c = make_article(1), make_article(2), make_article(3)
    store.upsert_articles([a, b, c])
    frozen = [("s-a", 100.0, _sketch(1, 0)), ("s-b", 500.0, _sketch(1, 1)), ("s-c", None, _sketch(0, 1))]
    store.commit_stories([_story("s-a", a), _story("s-b", b), _story("s-c", c)], {}, ("v1", 3, b""), frozen=frozen)
    found = store.frozen_nearest("v1", _sketch(1, 0.1), None, 3)
    assert [s for s, _ in found] == ["s-a", "s-b", "s-c"] and found[0][1] == pytest.approx(0.995, abs=1e-3)
    assert [s for s, _ in store.frozen_nearest("v1", _sketch(1, 0.1), 200.0, 3)] == ["s-b", "s-c"]  # s-a ended before
    assert store.frozen_nearest("v2", _sketch(1, 0), None, 3) == []
    d = make_article(4)
    store.upsert_articles([d])
    store.commit_stories([_story("s-a", a, d)], {"s-c": "s-b"}, ("v1", 4, b""), [("s-a", d.id)])
    assert [s for s, _ in store.frozen_nearest("v1", _sketch(1, 0), None, 3)] == ["s-b"]  # reopened, retired: gone
    store.commit_stories([], {}, ("v2", 0, b""), frozen=[("s-x", 1.0, _sketch(0, 1))])
    assert store.frozen_nearest("v1", _sketch(1, 0), None, 3) == []  # a new state name starts afresh
    assert [s for s, _ in store.frozen_nearest("v2", _sketch(1, 0), None, 3)] == ["s-x"]
