"""Day-by-day runs against one pass: B-cubed F1 between the two stories, and of each against gold.

    python bench/incremental_parity.py [--embedder e5|minilm|tfidf] [--warmup N] [--cache DIR] FILE.jsonl...

Each labelled set is clustered once in one pass (``assign_to_stories``) and once a day at a time,
the assignment state saved to bytes and restored between days, as incremental runs do (undated
articles come last, in batches of 50, where one pass places them). Article vectors are cached
in ``--cache`` (one ``.npz`` per set and embedder). Prints one JSON line per set.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

import numpy as np

from parallax.cluster import ClusterConfig, assign_to_stories
from parallax.cluster.persist import replay
from parallax.dedupe import published_order
from parallax.embed import article_texts, get_embedder
from parallax.eval.clustering import bcubed, read_labelled_articles


def batches(articles):
    ordered = published_order(articles)
    dated = [a for a in ordered if a.published]
    undated = [a for a in ordered if not a.published]
    days = [list(g) for _, g in itertools.groupby(dated, key=lambda a: a.published.date())]
    return days + [undated[i : i + 50] for i in range(0, len(undated), 50)]


def vectors_of(articles, name: str, cache: Path, label: str) -> dict:
    path = cache / f"{label}.{name}.npz"
    if path.exists():
        with np.load(path) as saved:
            return {key: saved[key] for key in saved.files}
    rows = get_embedder(name).article_vectors([article_texts(a) for a in articles])
    vectors = dict(zip((a.id for a in articles), rows))
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, **vectors)
    return vectors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--warmup", type=int, default=0, help="articles before runs resume the state (settings: 2000)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/parallax-parity-vectors"))
    args = parser.parse_args()
    config = ClusterConfig()
    for path in args.files:
        articles, gold, _ = read_labelled_articles(path)
        unique = list({a.id: a for a in articles}.values())
        vectors = vectors_of(unique, args.embedder, args.cache, path.stem)
        one = {a: s.id for s in assign_to_stories(unique, vectors, config).stories for a in s.article_ids}
        daily = replay(batches(unique), vectors, config, args.warmup)
        print(json.dumps({"set": path.name, "embedder": args.embedder, "articles": len(unique),
                          "batches": len(batches(unique)), "warmup": args.warmup, "b3_daily_vs_one_pass": round(bcubed(one, daily)[2], 4),
                          "same_ids": one == daily, "b3_one_pass_vs_gold": round(bcubed(gold, one)[2], 4),
                          "b3_daily_vs_gold": round(bcubed(gold, daily)[2], 4)}), flush=True)


if __name__ == "__main__":
    main()
