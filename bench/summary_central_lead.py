"""Experiment (not shipped): the central-lead baseline against the shipped summary, on neus_val or a train half.

    OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1 .venv/bin/python bench/summary_central_lead.py --split val   # or a / b

The central article is the one whose mean sentence vector lies nearest the story's centroid (wire reprints
left out); its lead is its first sentences, by count or up to a word floor. Each line: mean ROUGE-1/2/L,
words, loaded-word rate and the paired ROUGE-1 difference to the shipped summary with its standard error
(``bench/summary_variants.py``'s report). Result: BENCHMARKS.md, "Brief summaries".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from parallax.eval.summary import read_stories, sentence_vectors
from parallax.write.pool import SentencePool

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_variants import VARIANTS, Memo, build_pools, half_rows, report


def central_sentences(pool: SentencePool) -> list[int]:
    """Pool positions of the central article's sentences, in article order."""
    by_article: dict[str, list[int]] = {}
    for i, r in enumerate(pool.refs):
        if not r.reprint:
            by_article.setdefault(r.article.id, []).append(i)
    ids = list(by_article)
    means = np.stack([pool.vectors[by_article[a]].mean(0) for a in ids])
    means /= np.linalg.norm(means, axis=1, keepdims=True).clip(1e-9)
    return by_article[ids[int(np.argmax(means @ means.mean(0)))]]


def first_sentences(count: int) -> Callable[[SentencePool], str]:
    return lambda pool: " ".join(pool.refs[i].text for i in central_sentences(pool)[:count])


def up_to_words(floor: int) -> Callable[[SentencePool], str]:
    def lead(pool: SentencePool) -> str:
        taken: list[str] = []
        for i in central_sentences(pool):
            taken.append(pool.refs[i].text)
            if sum(len(t.split()) for t in taken) >= floor:
                break
        return " ".join(taken)
    return lead


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--split", choices=["val", "a", "b"], default="val")
    args = parser.parse_args()
    vectors, embedder = sentence_vectors("minilm")
    rows = (list(read_stories(args.shared / "eval/summaries/neus_val.jsonl")) if args.split == "val"
            else half_rows(args.shared, args.split, None))
    pools = build_pools(rows, Memo(vectors), embedder)
    base = report("shipped", pools, VARIANTS["shipped"], None)
    for count in (2, 3):
        report(f"central lead, first {count} sentences", pools, first_sentences(count), base)
    for floor in (40, 55, 66):
        report(f"central lead, up to >= {floor} words", pools, up_to_words(floor), base)


if __name__ == "__main__":
    main()
