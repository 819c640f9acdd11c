"""The open stories' mean vectors: a lookup gives what a scan of every open story gives."""

from __future__ import annotations

import numpy as np

from parallax.cluster.nearest import StoryVectors


def _scan(means: dict, spans: dict, vector, count, day, window):
    """The plain scan the index replaces: every open story within the window, by dot product."""
    def near(span):
        first, last = span
        return day is None or first is None or max(0.0, first - day, day - last) <= window
    found = [(float(m @ vector), s) for s, m in means.items() if near(spans[s])]
    return [s for _, s in sorted(found, key=lambda x: -x[0])[:count]]


def _sparse_rows(rng, n, width=64, lexical=512):
    rows = np.zeros((n, width + lexical), np.float32)
    rows[:, :width] = rng.normal(size=(n, width))
    for row in rows:
        row[width + rng.choice(lexical, 8, replace=False)] = rng.random(8)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_a_lookup_equals_a_scan_through_puts_drops_and_windows():
    rng = np.random.default_rng(3)
    vectors, means, spans = StoryVectors(), {}, {}
    rows = _sparse_rows(rng, 300)
    for i, row in enumerate(rows):
        story = f"s{i % 120}"  # stories take several articles: the row is replaced
        span = (None, None) if i % 7 == 0 else (float(i // 10), float(i // 10 + 2))
        means[story], spans[story] = row, span
        vectors.put(story, row, span)
        if i % 11 == 0 and i:
            gone = f"s{(i * 7) % 120}"
            vectors.drop(gone)
            means.pop(gone, None)
            spans.pop(gone, None)
    assert len(vectors) == len(means)
    for probe, day in zip(_sparse_rows(rng, 20), [None, 3.0, 12.0, 29.0] * 5):
        got = [s for s, _ in vectors.nearest(probe, 8, day, 5.0)]
        assert got == _scan(means, spans, probe, 8, day, 5.0)


def test_the_graph_finds_the_nearest_stories_of_well_separated_topics():
    rng = np.random.default_rng(5)
    centres = _sparse_rows(rng, 40)
    exact, graph = StoryVectors(), StoryVectors(graph_above=0)
    for i in range(400):
        mean = centres[i % 40] + 0.05 * rng.normal(size=centres.shape[1]).astype(np.float32)
        for index in (exact, graph):
            index.put(f"s{i}", mean)
    for topic in range(40):
        probe = centres[topic]
        found, scanned = graph.nearest(probe, 5, None, 1.0), exact.nearest(probe, 5, None, 1.0)
        assert [s for s, _ in found] == [s for s, _ in scanned]
        assert np.allclose([d for _, d in found], [d for _, d in scanned], atol=1e-5)


def test_a_rebuild_starts_from_the_given_stories_only():
    vectors = StoryVectors()
    vectors.put("old", np.ones(4, np.float32))
    vectors.rebuild([("a", np.array([1, 0, 0, 0], np.float32), (None, None))])
    assert [s for s, _ in vectors.nearest(np.ones(4, np.float32), 5, None, 1.0)] == ["a"]
