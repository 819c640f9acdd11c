"""Resumable assignment: the state survives bytes, and day-by-day batches give one pass's stories."""

from __future__ import annotations

import itertools
from collections import Counter, OrderedDict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from parallax.cluster import ClusterConfig, assign_to_stories
from parallax.cluster.codec import dumps, loads
from parallax.cluster.persist import feed, new_stream, replay, restore, save
from parallax.cluster.reopen import MemoryArchive
from parallax.embed import article_texts, get_embedder
from parallax.errors import StoreError
from parallax.eval.clustering import bcubed, read_labelled_articles

DEMO = Path(__file__).parents[2] / "src" / "parallax" / "data" / "demo"


@pytest.fixture(scope="module")
def demo():
    # both halves number their records from 1: keep their ids apart
    articles = [replace(a, id=f"{name[9]}{a.id}") for name in ("articles_a.jsonl", "articles_b.jsonl")
                for a in read_labelled_articles(DEMO / name)[0]]
    vectors = get_embedder("tfidf").article_vectors([article_texts(a) for a in articles])
    return articles, dict(zip((a.id for a in articles), vectors))


def test_the_codec_round_trips_plain_values_and_sparse_arrays():
    sparse = np.zeros((3, 50), np.float32)
    sparse[1, 7] = 0.25
    state = {"counts": Counter(a=2), "order": OrderedDict([("x", float("-inf"))]), "sparse": sparse,
             "dense": np.arange(4, dtype=np.int64), "when": datetime(2024, 1, 2, tzinfo=UTC),
             "keys": {(1, "a"): frozenset({"b"})}, "none": None}
    back = loads(dumps(state))
    assert back["counts"] == Counter(a=2) and isinstance(back["counts"], Counter)
    assert list(back["order"].items()) == [("x", float("-inf"))]
    assert np.array_equal(back["sparse"], sparse) and back["sparse"].dtype == np.float32
    assert np.array_equal(back["dense"], state["dense"])
    assert back["when"] == state["when"] and back["keys"] == state["keys"] and back["none"] is None


def test_flat_containers_keep_their_kind_and_order_through_the_codec():
    state = {"words": Counter({"quake": 3, "toll": 1}), "order": OrderedDict([("b", 1.5), ("a", -2.0)]),
             "ids": ["x", "y"], "pair": ("en", 3), "set": {"a"}, "frozen": frozenset({1, 2}), "empty": {},
             "nested": [{"k": 1}, ["z"]], "counter_of_ints": Counter({1: 2})}
    back = loads(dumps(state))
    assert back == state
    assert [type(back[k]) for k in state] == [type(v) for v in state.values()]
    assert list(back["order"]) == ["b", "a"]


def test_the_codec_refuses_what_it_cannot_rebuild():
    with pytest.raises(StoreError, match="cannot persist a socket"):
        import socket

        with socket.socket() as s:
            dumps({"x": s})


def _days(articles):
    ordered = sorted(articles, key=lambda a: a.published)
    return [list(group) for _, group in itertools.groupby(ordered, key=lambda a: a.published.date())]


def test_day_by_day_batches_through_saved_state_give_one_pass_stories(demo):
    articles, vectors = demo
    config = ClusterConfig()
    one_pass = {a: s.id for s in assign_to_stories(articles, vectors, config).stories for a in s.article_ids}
    days = _days(articles)
    assert len(days) > 3
    batched = replay(days, vectors, config)  # no warm-up: every day after the first goes through the saved state
    assert set(batched) == set(one_pass)
    # 0.98 is the bar on the real sets (bench/incremental_parity.py, with the shipped warm-up); from the
    # first day on, early days' word frequencies rest on a handful of articles and a merge once made stays
    assert bcubed(one_pass, batched)[2] >= 0.95
    same_ids = sum(batched[a] == one_pass[a] for a in one_pass)
    assert same_ids >= 0.9 * len(one_pass)  # stories are named after their first article either way


def test_open_stories_are_brought_into_the_event_space_of_each_run(demo):
    articles, vectors = demo
    stream = new_stream(ClusterConfig())
    days = _days(articles)
    feed(stream, days[0], vectors, MemoryArchive(vectors))
    story = next(s for s in stream.index.stories.values() if not s.held)
    before = story.vector_sum.copy()
    feed(stream, days[1], vectors, MemoryArchive(vectors))  # the language means move: so does the sum
    expected = np.sum([stream.space.vector(*stream.raw[m]) for m in story.members], axis=0)
    assert not np.allclose(before, story.vector_sum) and np.allclose(story.vector_sum, expected, atol=1e-5)


def test_the_saved_state_holds_only_open_stories(demo):
    articles, vectors = demo
    stream = new_stream(ClusterConfig(window_days=1.0))
    feed(stream, sorted(articles, key=lambda a: a.published), vectors, MemoryArchive(vectors))
    before = len(stream.index.stories)
    restored = restore(save(stream), ClusterConfig(window_days=1.0))
    assert 0 < len(restored.index.stories) < before
    assert set(restored.published) == set(restored.index.story_of) == set(restored.raw)
