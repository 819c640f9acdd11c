"""What only the PostgreSQL store has: migrations on a live server, URLs, HNSW plans, concurrent writers."""

from __future__ import annotations

import multiprocessing
import random
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import numpy as np
import psycopg
import pytest

from parallax.errors import ConfigError, StoreError
from parallax.models import Page, Story
from parallax.store import UpsertCounts, open_store
from parallax.store.pg_migrations import MIGRATIONS
from parallax.store.pg_vectors import index_name
from parallax.store.postgres import PostgresStore
from parallax.text.article import build_article

POOL = 60


def _article(n: int):
    return build_article(Page(url=f"https://race.example/{n}", title=f"Race {n}", outlet=f"Outlet {n % 7}",
                              body=f"Report {n} on the harbour. Officials spoke twice. Crews counted {n} cranes.",
                              published=datetime(2026, 9, 1 + n % 28)))


def test_an_empty_database_is_migrated_and_reopened_without_remigrating(pg_empty_url):
    first = open_store(pg_empty_url)
    assert isinstance(first, PostgresStore) and first.schema_version() == len(MIGRATIONS)
    first.upsert_articles([_article(1)])
    first.close()
    again = open_store(pg_empty_url.replace("postgresql://", "postgres://", 1))
    assert again.counts().articles == 1 and again.schema_version() == len(MIGRATIONS)
    again.close()


def test_a_schema_newer_than_the_code_is_refused(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE parallax_schema SET version = 99")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        PostgresStore(pg_url)


def test_unknown_urls_and_unreachable_servers_fail_clearly(tmp_path):
    with pytest.raises(ConfigError, match="valid: a file path, sqlite:///PATH, postgresql://"):
        open_store("mysql://db.example/parallax")
    with pytest.raises(StoreError, match="cannot connect"):
        open_store(f"postgresql://nobody@/none?host={tmp_path}&connect_timeout=2")


def test_nearest_uses_the_models_hnsw_index(pg_url):
    store = PostgresStore(pg_url)
    articles = [_article(i) for i in range(20)]
    store.upsert_articles(articles)
    vectors = np.random.default_rng(5).normal(size=(20, 8)).astype(np.float32)
    store.save_embeddings("mini", [(a.id, a.content_hash, v) for a, v in zip(articles, vectors)])
    assert store.nearest("mini", vectors[4], k=1)[0][0] == articles[4].id  # the first search builds the index
    store.save_embeddings("mini", [(articles[0].id, articles[0].content_hash, vectors[9])])
    # rows saved after the build are found through the index too
    assert {aid for aid, _ in store.nearest("mini", vectors[9], k=2)} == {articles[0].id, articles[9].id}
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("SET enable_seqscan = off")  # tiny tables: make the planner show it *can* use the index
        plan = conn.execute(
            "EXPLAIN SELECT article_id FROM embeddings WHERE model = 'mini' AND dim = 8"
            " ORDER BY vector::vector(8) <=> '[1,0,0,0,0,0,0,0]' LIMIT 3"
        ).fetchall()
    assert index_name("mini", 8) in " ".join(r[0] for r in plan)
    store.close()


def _write_overlapping(url: str, seed: int) -> UpsertCounts:
    """One writer: upsert the shared pool in a shuffled order and small batches, saving stories as it goes."""
    store = PostgresStore(url)
    rng = random.Random(seed)
    order = list(range(POOL))
    rng.shuffle(order)
    counts = UpsertCounts()
    for start in range(0, POOL, 7):
        chunk = order[start : start + 7]
        counts = counts + store.upsert_articles([_article(n) for n in chunk])
        members = tuple(_article(n).id for n in sorted(chunk)[:3])
        store.save_stories([Story(f"story-{chunk[0] % 4}", members, title="Race")])
    store.close()
    return counts


def test_concurrent_writers_lose_and_duplicate_nothing(pg_url):
    writers = 6
    with ThreadPoolExecutor(writers - 2) as threads:
        in_threads = [threads.submit(_write_overlapping, pg_url, seed) for seed in range(writers - 2)]
        with multiprocessing.get_context("spawn").Pool(2) as processes:
            in_processes = processes.starmap(_write_overlapping, [(pg_url, seed) for seed in (101, 102)])
        total = sum((f.result() for f in in_threads), UpsertCounts()) + sum(in_processes, UpsertCounts())
    assert total == UpsertCounts(inserted=POOL, updated=0, unchanged=POOL * (writers - 1))
    store = PostgresStore(pg_url)
    assert store.counts().articles == POOL
    assert store.articles([_article(n).id for n in range(POOL)]) == [_article(n) for n in range(POOL)]
    for story_id in store.story_ids():
        versions = store.story_versions(story_id)
        assert [v for v, _, _ in versions] == list(range(1, len(versions) + 1))
        assert versions[-1][1] == tuple(sorted(store.story(story_id).article_ids))
    store.close()
