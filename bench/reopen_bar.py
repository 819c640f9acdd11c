"""Choosing the bar at which a new article reopens a frozen story: daily replays against gold, per bar.

    python bench/reopen_bar.py [--bars 0.3,0.4,0.5,0.6,0.7] [--warmup 0,200] [--sets real_news_dev,pac_train,basil]
        [--floor 0.5]

The choice is made on the tune half of real_news_dev (``data/splits/real_news_dev.json``) and the
curated training sets pac_train and BASIL; the report half is printed beside it and never chosen on.
Each set is replayed a day at a time (``persist.replay``: the state saved and restored between days,
the frozen stories kept as a store keeps them) with the bar set, and its stories are compared with gold
(B-cubed F1) and with one pass. Article vectors come from ``incremental_parity.py``'s cache. One JSON
line per (bar, warm-up, set), with how many reopenings the replay made and how many of them were right
(the reopening article's gold event holds most of the frozen story's articles).
"""

from __future__ import annotations

import argparse
import functools
import json
from collections import Counter
from pathlib import Path

from incremental_parity import batches, vectors_of

from parallax.cluster import ClusterConfig, assign_to_stories, persist, reopen
from parallax.eval.clustering import bcubed, read_labelled_articles

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT.parent / "shared"
FILES = {"real_news_dev": SETS / "datasets/real_news_dev/real_news_dev.jsonl",
         "pac_train": SETS / "eval/clustering/pac_train.jsonl", "basil": SETS / "eval/clustering/basil.jsonl"}


def halves(gold: dict[str, str]) -> dict[str, set[str]]:
    split = json.loads((ROOT / "src/parallax/data/splits/real_news_dev.json").read_text())
    return {half: {a for a, event in gold.items() if event in split[half]} for half in ("tune", "report")}


def counted_reopenings(gold: dict[str, str], log: list) -> Counter:
    """How many logged reopenings there were and how many joined the article to its gold event's story."""
    tally = Counter()
    for article, members in log:
        tally["reopened"] += 1
        tally["right"] += sum(gold.get(m) == gold.get(article) for m in members) * 2 > len(members)
    return tally


def _only(labels: dict[str, str], kept: set[str]) -> dict[str, str]:
    return {a: s for a, s in labels.items() if a in kept}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bars", default="0.3,0.4,0.5,0.6,0.7")
    parser.add_argument("--warmup", default="0,200")
    parser.add_argument("--floor", type=float, default=reopen.SKETCH_FLOOR, help="sketch cosine to thaw a candidate")
    parser.add_argument("--sets", default=",".join(FILES))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/parallax-parity-vectors"))
    args = parser.parse_args()
    config, log = ClusterConfig(), []
    reopen.SKETCH_FLOOR = args.floor
    chosen = reopen.best_frozen

    def logging_best(index, item, lookup, thaw):
        found = chosen(index, item, lookup, thaw)
        if found:
            log.append((item.id, list(index.stories[found].members)))
        return found

    persist.best_frozen = logging_best
    for name in args.sets.split(","):
        path = FILES[name]
        articles, gold, _ = read_labelled_articles(path)
        unique = list({a.id: a for a in articles}.values())
        vectors = vectors_of(unique, "e5", args.cache, path.stem)
        one = {a: s.id for s in assign_to_stories(unique, vectors, config).stories for a in s.article_ids}
        parts = halves(gold) if name == "real_news_dev" else {"all": set(gold)}
        for bar in map(float, args.bars.split(",")):
            reopen.REOPEN_THRESHOLD = bar
            for warmup in map(int, args.warmup.split(",")):
                log.clear()
                daily = persist.replay(batches(unique), vectors, config, warmup)
                for part, kept in parts.items():
                    pick = functools.partial(_only, kept=kept)
                    print(json.dumps({"set": name, "part": part, "bar": bar, "floor": args.floor, "warmup": warmup,
                                      "b3_daily_vs_gold": round(bcubed(pick(gold), pick(daily))[2], 4),
                                      "b3_one_pass_vs_gold": round(bcubed(pick(gold), pick(one))[2], 4),
                                      "b3_daily_vs_one_pass": round(bcubed(pick(one), pick(daily))[2], 4),
                                      **counted_reopenings({a: gold[a] for a in gold}, [r for r in log if r[0] in kept])}),
                          flush=True)


if __name__ == "__main__":
    main()
