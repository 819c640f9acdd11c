"""Experiment (not shipped): rule variants of the extractive summary against the shipped rules, on NeuS *train*.

    OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1 .venv/bin/python bench/summary_variants.py --half a   # then --half b

Train stories (those sharing a title with neus_val or allsides_2021 dropped, as in
``bench/summary_scorer.py``) are shuffled with a fixed seed and cut into halves a and b:
a variant is chosen on half a and must hold on half b. neus_val is never read. Per
variant: mean ROUGE-1/2/L, words, loaded-word rate, and the paired ROUGE-1 difference
to the shipped rules with its standard error. Result: BENCHMARKS.md, "Brief summaries".
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from parallax.eval.summary import rouge_f1, sentence_vectors, story_material
from parallax.write import pool as pool_module
from parallax.write.pool import SentencePool, sentence_pool
from parallax.write.sections import summary as summary_module
from parallax.write.sections.summary import SummaryRules, pick_sentences
from parallax.write.trim import strip_attribution_tail, strip_dateline
from parallax.write.wording import loadedness, stands_alone

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_scorer import train_rows

SEED = 1
RULES = SummaryRules()
# wire credits and news-letter labels ahead of a sentence: "(CNN) - ", "WASHINGTON—", "Why it matters: "
LEAD_IN = re.compile(
    r"^(?:(?:[A-Z][A-Za-z .,'’]{0,30}\s)?\((?:CNN|AP|Reuters|AFP)\)\s*(?:—|–|--|-)?\s*|[A-Z][A-Z .'’]{2,30}(?:—|–)"
    r"|(?:Why it matters|The big picture|Driving the news|Details|Between the lines|The bottom line|Bottom line"
    r"|The latest|What's next|What’s next|What's happening|What’s happening|What happened|The state of play"
    r"|Yes, but|Context|Topline|Go deeper|By the numbers|Editor’s note|EXCLUSIVE|Exclusive|VIDEO):\s*)(?=[\"“A-Z0-9])"
)
ENDS = re.compile(r"(?:[.!?…][\"'”’)]*|[\"”’])$")  # a sentence without closing punctuation was cut off


def strip_lead_in(text: str) -> str:
    text = strip_dateline(text)
    match = LEAD_IN.match(text)
    return text[match.end():] if match and len(text[match.end():].split()) >= 6 else text


def median_words(pool: SentencePool) -> float:
    return float(np.median([len(a.text.split()) for a in pool.material.articles]))


def by_length(pool: SentencePool) -> SummaryRules:
    """Length penalty by the story's median article length (terciles of half a: 38 and 74 words)."""
    m = median_words(pool)
    return dataclasses.replace(RULES, length_weight=0.0 if m < 38 else 0.5 if m < 74 else 1.0)


def follow_ups(pool: SentencePool) -> list[int]:
    """The shipped pick, plus a pointing-back sentence allowed right after its chosen predecessor."""
    ids = summary_module.candidates(pool, RULES)
    extra = [i for i, r in enumerate(pool.refs) if i > 0 and not r.reprint and not stands_alone(r.text)
             and RULES.min_words <= r.words <= RULES.max_words and not r.text.endswith("?")
             and pool.refs[i - 1].article.id == r.article.id]
    scores = {i: summary_module.fact_score(pool, i, RULES) for i in ids + extra}
    chosen: list[int] = []
    while not summary_module._long_enough(pool, chosen, RULES):
        left = ids + [i for i in extra if i - 1 in chosen]
        if not left:
            break
        best = max(left, key=lambda i: summary_module._mmr(pool, i, scores[i], chosen, RULES))
        after = chosen.index(best - 1) + 1 if best in extra and best - 1 in chosen else len(chosen)  # a follow-up reads after its lead-in
        ids = [i for i in ids if i != best and not summary_module._repeats(pool, i, [best], RULES)]
        extra = [i for i in extra if i != best]
        chosen.insert(after, best)
    return chosen


def complete_only(pool: SentencePool) -> list[int]:
    shipped = summary_module.candidates
    summary_module.candidates = lambda p, r: [i for i in shipped(p, r) if ENDS.search(p.refs[i].text.rstrip())] \
        if sum(bool(ENDS.search(p.refs[i].text.rstrip())) for i in shipped(p, r)) >= r.min_sentences else shipped(p, r)
    try:
        return pick_sentences(pool, RULES)
    finally:
        summary_module.candidates = shipped


def rules(**change) -> Callable[[SentencePool], list[int]]:
    return lambda pool: pick_sentences(pool, dataclasses.replace(RULES, **change))


Summariser = Callable[[SentencePool], str]


def joined(pick: Callable[[SentencePool], list[int]], clean: Callable[[str], str] = str) -> Summariser:
    return lambda pool: " ".join(clean(pool.refs[i].text) for i in pick(pool))


VARIANTS: dict[str, Summariser] = {
    "shipped": joined(lambda pool: pick_sentences(pool, RULES)),
    "follow-up sentence after its chosen predecessor": joined(follow_ups),
    "drop sentences without closing punctuation": joined(complete_only),
    "strip closing attribution tail": joined(lambda pool: pick_sentences(pool, RULES), strip_attribution_tail),
    "length penalty by median article length": joined(lambda pool: pick_sentences(pool, by_length(pool))),
    "max_words 45": joined(rules(max_words=45)),
    "min_words 10": joined(rules(min_words=10)),
    "min_sentences 2, budget 40": joined(rules(min_sentences=2, word_budget=40)),
    "min_sentences 2, budget 50": joined(rules(min_sentences=2, word_budget=50)),
}
LEAD_IN_VARIANT = "strip wire credits and section labels (pool text)"


class Memo:
    """The embedder's vectors, once per distinct sentence (pools are built twice)."""

    def __init__(self, embed):
        self.embed, self.seen = embed, {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if missing:
            self.seen.update(zip(missing, np.asarray(self.embed(missing), dtype=np.float32)))
        return np.stack([self.seen[t] for t in texts])


def half_rows(shared: Path, half: str, limit: int | None) -> list[dict]:
    rows = train_rows(shared)
    random.Random(SEED).shuffle(rows)
    mid = len(rows) // 2
    return (rows[:mid] if half == "a" else rows[mid:])[:limit]


def build_pools(rows: list[dict], embed: Memo, embedder: str) -> list[tuple[SentencePool, str]]:
    pools = [(sentence_pool(story_material(row, embed, embedder)), row["reference"]) for row in rows]
    return [(pool, reference) for pool, reference in pools if len(pool.refs) >= 3]


def report(name: str, pools: list[tuple[SentencePool, str]], summarise: Summariser, base: np.ndarray | None) -> np.ndarray:
    from rouge_score.rouge_scorer import RougeScorer

    scorer = RougeScorer(["rouge1"], use_stemmer=True)
    texts = [summarise(pool) for pool, _ in pools]
    per_story = np.array([scorer.score(ref, text)["rouge1"].fmeasure for text, (_, ref) in zip(texts, pools)]) * 100
    line = {"variant": name, **rouge_f1([(text, ref) for text, (_, ref) in zip(texts, pools)]),
            "words": round(float(np.mean([len(t.split()) for t in texts])), 1),
            "loaded": round(float(np.mean([loadedness(t) for t in texts])), 3)}
    if base is not None:
        diff = per_story - base
        line |= {"r1_diff": round(float(diff.mean()), 3), "se": round(float(diff.std() / np.sqrt(len(diff))), 3)}
    print(json.dumps(line), flush=True)
    return per_story


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--half", choices=["a", "b"], default="a")
    parser.add_argument("--stories", type=int, help="at most this many stories of the half")
    args = parser.parse_args()
    vectors, embedder = sentence_vectors("minilm")
    embed = Memo(vectors)
    rows = half_rows(args.shared, args.half, args.stories)
    pools = build_pools(rows, embed, embedder)
    print(f"half {args.half}: {len(pools)} stories", file=sys.stderr)
    base = report("shipped", pools, VARIANTS["shipped"], None)
    for name, summarise in list(VARIANTS.items())[1:]:
        report(name, pools, summarise, base)
    pool_module.strip_dateline = strip_lead_in  # the pool's text: sentence_pool reads it through this name
    try:
        report(LEAD_IN_VARIANT, build_pools(rows, embed, embedder), VARIANTS["shipped"], base)
    finally:
        pool_module.strip_dateline = strip_dateline


if __name__ == "__main__":
    main()
