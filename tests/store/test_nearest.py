"""Nearest-neighbour search over stored embeddings, on every backend (SQLite exact, pgvector HNSW)."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

import numpy as np

from parallax.models import Page
from parallax.text.article import build_article

DIM = 16


def _article(n: int, day: int | None = 1, words: str = "Officials inspected the harbour."):
    published = datetime(2026, 9, day) if day else None
    return build_article(Page(url=f"https://nn.example/{n}", body=f"Item {n}. {words}", title=f"Item {n}",
                              outlet="Nearest Times", published=published))


def _stored(store, count: int, seed: int = 3, day=lambda i: 1 + i % 28):
    """``count`` articles with random unit vectors saved under model 'm'; returns (articles, vectors)."""
    articles = [_article(i, day(i)) for i in range(count)]
    vectors = np.random.default_rng(seed).normal(size=(count, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store.upsert_articles(articles)
    store.save_embeddings("m", [(a.id, a.content_hash, v) for a, v in zip(articles, vectors)])
    return articles, vectors


def test_nearest_finds_the_most_similar_first(store):
    articles, vectors = _stored(store, 60)
    query = vectors[7] + 0.05 * vectors[11]
    expected = np.argsort(-(vectors @ (query / np.linalg.norm(query))))[:5]
    found = store.nearest("m", query, k=5)
    assert [aid for aid, _ in found] == [articles[i].id for i in expected]
    assert found[0][1] > 0.99 and all(a[1] >= b[1] for a, b in pairwise(found))


def test_nearest_respects_since_and_skips_undated(store):
    articles, vectors = _stored(store, 30, day=lambda i: None if i % 3 == 0 else 1 + i % 28)
    since = datetime(2026, 9, 15)
    found = store.nearest("m", vectors[0], k=30, since=since)
    recent = {a.id for a in articles if a.published and a.published >= since}
    assert {aid for aid, _ in found} == recent
    assert articles[0].id not in recent


def test_nearest_ignores_other_models_dimensions_and_stale_vectors(store):
    articles, vectors = _stored(store, 10)
    store.save_embeddings("other", [(articles[0].id, articles[0].content_hash, vectors[0])])
    store.save_embeddings("m", [(articles[1].id, articles[1].content_hash, np.ones(DIM // 2, np.float32))])
    changed = _article(2, words="The harbour plan was withdrawn after a vote.")
    store.upsert_articles([changed])
    found = {aid for aid, _ in store.nearest("m", vectors[0], k=10)}
    assert found == {a.id for a in articles} - {articles[1].id, articles[2].id}
    assert [aid for aid, _ in store.nearest("other", vectors[0], k=3)] == [articles[0].id]
    assert store.nearest("m", vectors[0], k=0) == []
    assert store.nearest("unknown", vectors[0], k=3) == []
