"""Choose the summary's ranking rules on NeuS *train*, so the reported neus_val figure is untouched.

    .venv/bin/python train/tune_summary_rules.py [--shared ../shared] [--stories 600]

Coordinate search (two passes over a small grid per rule, starting from the current
``SummaryRules``) on a seeded sample of NeuS train stories; a change is kept only when
it raises mean ROUGE-1 by more than 0.05. Prints each kept change and the final rules;
copy them into ``parallax.write.sections.summary.SummaryRules``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from pathlib import Path

from parallax.eval.summary import rouge_f1, sentence_vectors, story_material
from parallax.write.pool import SentencePool, sentence_pool
from parallax.write.sections.summary import SummaryRules, pick_sentences

GRID = {
    "word_budget": [50, 60, 70, 80],
    "support_weight": [0.0, 0.5, 1.0, 2.0],
    "position_weight": [0.0, 0.3, 0.6, 1.0],
    "position_decay": [0.5, 1.0],
    "loaded_weight": [0.0, 0.2, 0.5],
    "opinion_weight": [0.0, 0.5, 1.0],
    "headline_weight": [0.0, 0.5, 1.0, 2.0],
    "length_weight": [0.0, 0.2, 0.5],
    "mmr_lambda": [0.5, 0.7, 0.9],
    "spread_weight": [0.0, 0.3],
}
MIN_GAIN = 0.05


def train_rows(shared: Path, count: int) -> list[dict]:
    """A seeded sample of NeuS train stories in the summary-set format."""
    path = shared / "datasets" / "allsides_neus" / "neus_train_stories.jsonl"
    stories = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    random.Random(0).shuffle(stories)
    return [{"story": s["story_id"], "reference": s["roundup_text"],
             "articles": [{"id": f"{s['story_id']}-{k}", "title": a["title"], "text": a["lead"]}
                          for k, a in enumerate(s["articles"])]} for s in stories[:count]]


def pools_of(rows: list[dict]) -> list[tuple[SentencePool, str]]:
    """Each story's sentence pool (embedded once) with its reference."""
    vectors, embedder = sentence_vectors("minilm")
    pools = [(sentence_pool(story_material(row, vectors, embedder)), row["reference"]) for row in rows]
    return [(pool, reference) for pool, reference in pools if len(pool.refs) >= 3]


def rouge1(pools: list[tuple[SentencePool, str]], rules: SummaryRules) -> float:
    pairs = [(" ".join(pool.refs[i].text for i in pick_sentences(pool, rules)), ref) for pool, ref in pools]
    return rouge_f1(pairs)["rouge1"]


def coordinate_search(pools: list[tuple[SentencePool, str]], start: SummaryRules, passes: int = 2) -> SummaryRules:
    best, score = start, rouge1(pools, start)
    print(f"start: ROUGE-1 {score}", file=sys.stderr)
    for _ in range(passes):
        for name, values in GRID.items():
            for value in values:
                if getattr(best, name) == value:
                    continue
                candidate = dataclasses.replace(best, **{name: value})
                candidate_score = rouge1(pools, candidate)
                if candidate_score > score + MIN_GAIN:
                    best, score = candidate, candidate_score
                    print(f"kept {name}={value}: ROUGE-1 {score}", file=sys.stderr)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--stories", type=int, default=600)
    args = parser.parse_args()
    pools = pools_of(train_rows(args.shared, args.stories))
    best = coordinate_search(pools, SummaryRules())
    print(json.dumps({"stories": len(pools), "rouge1_train": rouge1(pools, best), "rules": dataclasses.asdict(best)}))


if __name__ == "__main__":
    main()
