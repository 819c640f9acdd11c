"""How ingest time grows with the store: 10k against 100k articles, SQLite and PostgreSQL.

    python bench/ingest_growth.py [--stream ../shared/eval/stream/abp_valid.jsonl.gz] [--size 100000]
        [--block 10000] [--stores sqlite postgres]

Real pages from the stream are built into articles once (extraction and sentence splitting,
timed: that cost does not depend on the store's size). The store then grows to ``--size`` with
synthetic copies of them (new URL, id and content hash each, same text) upserted in batches of
1,000 through ``upsert_articles``; the seconds of every ``--block`` articles show whether a write
slows down as the tables and their full-text indexes grow. PostgreSQL comes from a throwaway
pgserver. Prints one line per block and store, then one JSON line.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice
from pathlib import Path

import psycopg

from parallax.errors import InputError
from parallax.ingest.records import record_page
from parallax.models import Article
from parallax.store.postgres import PostgresStore
from parallax.store.sqlite import SQLiteStore
from parallax.text.article import build_article

STREAM = Path(__file__).resolve().parents[2] / "shared/eval/stream/abp_valid.jsonl.gz"
BATCH = 1000


def real_articles(path: Path, limit: int) -> tuple[list[Article], float]:
    """Articles built from the stream's first ``limit`` records, and the seconds spent per article."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in islice(lines, limit)]
    began, built = time.perf_counter(), []
    for n, record in enumerate(records):
        try:
            built.append(build_article(record_page(record, f"record {n}")))
        except InputError:
            continue
    return built, (time.perf_counter() - began) / max(len(built), 1)


def synthetic(base: list[Article], n: int) -> Article:
    """The n-th article of the grown corpus: a copy of a real one under a new URL, id and hash."""
    a = base[n % len(base)]
    digest = hashlib.sha1(f"{a.content_hash}/{n}".encode()).hexdigest()[:16]
    return replace(a, id=f"g{n:08d}", url=f"https://growth.example/{n}", content_hash=digest)


def grow(store, base: list[Article], size: int, block: int) -> list[float]:
    """Seconds taken by each block of ``block`` articles while the store grows to ``size``."""
    seconds, began = [], time.perf_counter()
    for first in range(0, size, BATCH):
        store.upsert_articles([synthetic(base, n) for n in range(first, min(first + BATCH, size))])
        if (first + BATCH) % block == 0:
            seconds.append(round(time.perf_counter() - began, 2))
            began = time.perf_counter()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream", type=Path, default=STREAM)
    parser.add_argument("--real", type=int, default=2000, help="real records to build articles from")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--block", type=int, default=10_000)
    parser.add_argument("--stores", nargs="+", default=["sqlite", "postgres"])
    args = parser.parse_args()
    base, build_s = real_articles(args.stream, args.real)
    print(f"extraction: {build_s * 1000:.2f} ms per article ({len(base)} real articles)")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name in args.stores:
            with open_store(name, Path(folder)) as store:
                blocks = grow(store, base, args.size, args.block)
            per_article = [round(s / args.block * 1000, 3) for s in blocks]
            print(f"{name:>9}: ms per article stored, by block of {args.block}: {per_article}")
            rows.append({"store": name, "block_seconds": blocks, "first_block_ms": per_article[0],
                         "last_block_ms": per_article[-1], "total_s": round(sum(blocks), 1)})
    print(json.dumps({"bench": "ingest_growth", "size": args.size, "block": args.block,
                      "extract_ms": round(build_s * 1000, 3), "rows": rows}))


@contextmanager
def open_store(name: str, folder: Path) -> Iterator:
    """A fresh store of one backend; PostgreSQL from a throwaway pgserver, removed afterwards."""
    if name == "sqlite":
        store = SQLiteStore(folder / "growth.db")
        yield store
        store.close()
        return
    import pgserver

    server = pgserver.get_server(Path(tempfile.mkdtemp(prefix="parallax-growth-")) / "d", cleanup_mode="delete")
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE growth")
        store = PostgresStore(server.get_uri("growth"))
        yield store
        store.close()
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
