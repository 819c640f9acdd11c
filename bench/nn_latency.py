"""Nearest-neighbour latency: pgvector (HNSW) against SQLite (exact, numpy) as the store grows.

    python bench/nn_latency.py [--sizes 10000 100000] [--queries 50] [--k 10] [--data clustered|uniform]

Synthetic 384-d unit vectors (the MiniLM size) on minimal articles, written through each
store's own upsert_articles and save_embeddings into fresh stores for each size (PostgreSQL
from a throwaway pgserver). Prints bulk-load seconds, the first query (pgvector builds its
HNSW index then), p50/p95 milliseconds per query, milliseconds per article added afterwards,
and pgvector's recall@k against SQLite's exact answer; then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import psycopg

from parallax.models import Article
from parallax.store.postgres import PostgresStore
from parallax.store.sqlite import SQLiteStore

MODEL = "synthetic-384"
BATCH = 2000


def synthetic_articles(start: int, stop: int) -> list[Article]:
    """Minimal articles: the stores need ids, URLs and hashes, not prose."""
    return [
        Article(id=f"a{n:07d}", url=f"https://bench.example/{n}", title=f"Item {n}", text=f"Item {n}.",
                outlet=f"Outlet {n % 50}", published=None, language="en", content_hash=f"h{n}")
        for n in range(start, stop)
    ]


def unit_vectors(rng: np.random.Generator, count: int, dim: int) -> np.ndarray:
    vectors = rng.normal(size=(count, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def grow(store, start: int, stop: int, vectors: np.ndarray) -> float:
    """Insert articles start..stop and their vectors in batches; seconds taken."""
    began = time.perf_counter()
    for first in range(start, stop, BATCH):
        last = min(first + BATCH, stop)
        articles = synthetic_articles(first, last)
        store.upsert_articles(articles)
        store.save_embeddings(MODEL, [(a.id, a.content_hash, vectors[n]) for n, a in zip(range(first, last), articles)])
    return time.perf_counter() - began


def time_queries(store, queries: np.ndarray, k: int) -> tuple[float, list[float], list[list[str]]]:
    """Seconds for the first query (pgvector builds its HNSW index then), ms per later query, ids found."""
    began = time.perf_counter()
    store.nearest(MODEL, queries[0], k)
    first = time.perf_counter() - began
    times, answers = [], []
    for query in queries:
        began = time.perf_counter()
        found = store.nearest(MODEL, query, k)
        times.append((time.perf_counter() - began) * 1000)
        answers.append([aid for aid, _ in found])
    return first, times, answers


def recall(approximate: list[list[str]], exact: list[list[str]]) -> float:
    hits = sum(len(set(a) & set(e)) for a, e in zip(approximate, exact))
    return hits / max(1, sum(len(e) for e in exact))


def measure_one(name: str, store, size: int, vectors: np.ndarray, queries: np.ndarray, args) -> tuple[dict, list]:
    """Bulk-load ``size`` articles, query, then add ``--online`` more one by one (an index to keep current)."""
    load = grow(store, 0, size, vectors)
    first, times, answers = time_queries(store, queries, args.k)
    began = time.perf_counter()
    for n in range(size, size + args.online):
        grow(store, n, n + 1, vectors)
    online = (time.perf_counter() - began) * 1000 / max(1, args.online)
    row = {"backend": name, "articles": size, "bulk_load_s": round(load, 1), "first_query_s": round(first, 2),
           "p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95), "online_insert_ms": round(online, 1)}
    return row, answers


def measure(open_stores, sizes: list[int], args: argparse.Namespace) -> list[dict]:
    rng = np.random.default_rng(args.seed)
    vectors = synthetic_vectors(rng, max(sizes) + args.online, args)
    rows = []
    for size in sizes:
        # Queries near stored vectors, as when a new article joins a story already in the store.
        queries = vectors[rng.integers(0, size, args.queries)] + 0.5 * unit_vectors(rng, args.queries, args.dim)
        answers = {}
        for name, store in open_stores().items():
            row, answers[name] = measure_one(name, store, size, vectors, queries, args)
            store.close()
            rows.append(row)
        rows[-1]["recall_at_k"] = round(recall(answers["pgvector-hnsw"], answers["sqlite-exact"]), 4)
    return rows


def synthetic_vectors(rng: np.random.Generator, count: int, args: argparse.Namespace) -> np.ndarray:
    """Unit vectors: 'uniform' on the sphere (HNSW's worst case), or 'clustered' around one centre
    per ten articles, the way articles about one story sit close together."""
    if args.data == "uniform":
        return unit_vectors(rng, count, args.dim)
    centres = unit_vectors(rng, max(1, count // 10), args.dim)
    mixed = centres[rng.integers(0, len(centres), count)] + 0.6 * unit_vectors(rng, count, args.dim)
    return mixed / np.linalg.norm(mixed, axis=1, keepdims=True)


def _pct(values: list[float], q: int) -> float:
    return round(float(np.percentile(values, q)), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--online", type=int, default=200, help="articles added one by one after the bulk load")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--data", choices=("clustered", "uniform"), default="clustered")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    import pgserver  # PostgreSQL 16 + pgvector, thrown away at the end

    with tempfile.TemporaryDirectory() as folder:
        server = pgserver.get_server(Path(tempfile.mkdtemp(prefix="parallax-bench-")) / "data", cleanup_mode="delete")
        counter = iter(range(1_000_000))

        def open_stores() -> dict:
            n = next(counter)
            with psycopg.connect(server.get_uri(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE bench_{n}")
            return {"sqlite-exact": SQLiteStore(Path(folder) / f"bench_{n}.db"),
                    "pgvector-hnsw": PostgresStore(server.get_uri(f"bench_{n}"))}

        try:
            rows = measure(open_stores, sorted(args.sizes), args)
        finally:
            server.cleanup()
    for row in rows:
        print("  ".join(f"{key}={value}" for key, value in row.items()))
    print(json.dumps({"bench": "nn_latency", "data": args.data, "k": args.k, "dim": args.dim,
                      "queries": args.queries, "rows": rows}))


if __name__ == "__main__":
    main()
