"""The consolidation's bookkeeping: the best pair as a whole-matrix argmax finds it, and the sums' dot products."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.cluster import ClusterConfig
from parallax.cluster.consolidate import BestPairs, StoryLinks, _all_against
from parallax.cluster.event import LEXICAL_DIMENSIONS
from parallax.cluster.state import OpenStory


def _argmax_pair(scores: np.ndarray) -> tuple[int, int]:
    i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
    return int(i), int(j)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12), st.integers(0, 2**32 - 1), st.integers(1, 4))
def test_the_best_pair_is_the_whole_matrix_argmax_through_merges_and_vetoes(n, seed, levels):
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, levels, (n, n)).astype(np.float32)  # few levels: many ties, broken as argmax does
    np.fill_diagonal(scores, -np.inf)
    best, alive = BestPairs(scores), list(range(n))
    while True:
        assert best.pair() == _argmax_pair(scores)
        i, j = best.pair()
        if scores[i, j] == -np.inf:  # every pair left is vetoed or gone
            break
        if rng.random() < 0.3:  # a veto: the pair is never joined
            scores[i, j] = scores[j, i] = -np.inf
            best.refresh(np.array([i, j]))
            continue
        keep, gone = (i, j) if rng.random() < 0.5 else (j, i)
        scores[gone, :] = scores[:, gone] = -np.inf
        fresh = rng.integers(0, levels, n).astype(np.float32)
        fresh[[keep, *[k for k in range(n) if k not in alive or k == gone]]] = -np.inf
        scores[keep, :] = scores[:, keep] = fresh
        best.update(keep, gone)
        alive.remove(gone)


def _story(key: str, rng: np.random.Generator, filled: int) -> OpenStory:
    vector = np.zeros(384 + LEXICAL_DIMENSIONS, np.float32)
    vector[:384] = rng.normal(size=384)
    vector[384 + rng.choice(LEXICAL_DIMENSIONS, filled, replace=False)] = rng.random(filled)
    story = OpenStory(key, [key], vector)
    story.languages["en" if rng.random() < 0.5 else "de"] += 1
    return story


def test_the_dot_products_from_the_sparse_starting_rows_equal_the_dense_products_through_merges():
    rng = np.random.default_rng(7)
    stories = [_story(f"s{k}", rng, filled=int(rng.integers(1, 60))) for k in range(40)]
    links = StoryLinks(stories, replace(ClusterConfig(), merge_model="story_merge"))
    dense = np.stack([s.vector_sum for s in stories]).astype(np.float64)
    for keep, gone in ((3, 5), (3, 17), (20, 3)):  # a merged story's lexical block is its starting stories' sum
        dense[keep] += dense[gone]
        links.join(keep, gone, stories[keep])
        alive = links.alive  # a story merged away is no one's partner (``against`` sets its column to -inf)
        for rows in (np.array([keep]), np.array([keep, 1, 30])):
            np.testing.assert_allclose(links._dots(rows)[:, alive], (dense[rows] @ dense.T)[:, alive], rtol=1e-12,
                                       atol=1e-9)
            np.testing.assert_allclose(links._dots(rows, lexical=False), dense[rows, :384] @ dense[:, :384].T,
                                       rtol=1e-12, atol=1e-9)
    features = links.features(np.array([5]))
    assert np.isfinite(features["score"]).all() and features["score"].shape == (1, 40)


def test_every_story_against_every_story_scores_each_pair_once_and_mirrors_it():
    rng = np.random.default_rng(11)
    stories = [_story(f"s{k}", rng, filled=int(rng.integers(1, 60))) for k in range(45)]
    for k, story in enumerate(stories):  # sizes, dates and looking back differ, so every term of the score counts
        story.members.extend(f"{story.id}-{m}" for m in range(k % 3))
        story.first_day, story.last_day = (None, None) if k % 4 == 0 else (float(k), float(k + k % 5))
        story.dated, story.looking_back = len(story.members) * (k % 4 != 0), k % 2
    links = StoryLinks(stories, ClusterConfig())
    whole = links.against(np.arange(45))
    np.testing.assert_allclose(_all_against(links, 45, block=8), whole, rtol=1e-5, atol=1e-6)
