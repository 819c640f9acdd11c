"""Backfill throughput: the same stream through the serial executor and a Dask LocalCluster.

    python bench/backfill_executor.py [--stream ../shared/eval/stream/abp_valid.jsonl.gz] [--limit N]
        [--executors serial dask-local:2] [--embedder minilm]

Each executor backfills the first ``--limit`` records (all by default) into a fresh SQLite
store: extraction, embedding and language analysis through the executor, story assignment
serially. Prints seconds per stage and articles per second for each, whether both runs
produced the same stories, then one JSON line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
import warnings
from itertools import islice
from pathlib import Path

from parallax.execute import get_executor
from parallax.execute.backfill import backfill
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

STREAM = Path(__file__).resolve().parents[2] / "shared/eval/stream/abp_valid.jsonl.gz"


def records(path: Path, limit: int | None) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in islice(lines, limit)]


def run_one(spec: str, items: list[dict], embedder: str, folder: Path) -> tuple[dict, list]:
    store = SQLiteStore(folder / f"{spec.replace(':', '_')}.db")
    began = time.perf_counter()
    with get_executor(spec) as executor:
        report = backfill(items, store, Settings(), executor, embedder_name=embedder)
    seconds = time.perf_counter() - began
    stories = sorted((s.id, s.article_ids) for s in store.stories(limit=10**6))
    store.close()
    row = {"executor": spec, "articles": report.articles, "seconds": round(seconds, 1),
           "articles_per_s": round(report.articles / seconds, 1), "stages": report.seconds,
           "stories": report.stories, "failures": len(report.failures)}
    return row, stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream", type=Path, default=STREAM)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--executors", nargs="+", default=["serial", "dask-local:2"])
    parser.add_argument("--embedder", default="minilm")
    args = parser.parse_args()
    items = records(args.stream, args.limit)
    rows, outcomes = [], []
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for spec in args.executors:
            row, stories = run_one(spec, items, args.embedder, Path(folder))
            rows.append(row)
            outcomes.append(stories)
            print(f"{spec:>16}: {row['articles']} articles in {row['seconds']} s = {row['articles_per_s']}/s"
                  f"  stages {row['stages']}  stories {row['stories']}")
    same = all(o == outcomes[0] for o in outcomes)
    print(f"same stories for every executor: {same}")
    print(json.dumps({"bench": "backfill_executor", "records": len(items), "embedder": args.embedder,
                      "same_stories": same, "runs": rows}))


if __name__ == "__main__":
    main()
