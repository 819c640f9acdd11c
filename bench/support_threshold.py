"""Measure the support threshold of the LLM writer's semantic check on data/support_pairs.jsonl.

The labelled set holds hand-written (sentence, cited source sentences, supported) pairs about
the demo corpus. Stories are split in two: the threshold is chosen on the dev half (highest
balanced accuracy of the whole verifier: facts, quotes and similarity) and reported on the test
half, for each embedder and scoring mode; the embedder and mode are also chosen on dev (``max``: best single cited sentence; ``joined``: all
cited sentences as one text).

    HF_HUB_OFFLINE=1 .venv/bin/python bench/support_threshold.py [--embedders minilm,tfidf]

Prints a table per embedder and mode, then one JSON line with the chosen figures.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources

import numpy as np

from parallax.embed import get_embedder
from parallax.write.llm.verify import SupportCheck, check_facts, check_quotes, common_words

DEV_STORIES = {"a1-lannick-blast", "a3-media-law", "a5-rate-hike", "b7-harrow-fever", "b9-tolven-fishing-talks"}
GRID = np.round(np.arange(0.0, 0.96, 0.01), 2)


def load_pairs() -> list[dict]:
    text = (resources.files("parallax") / "data" / "support_pairs.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def fact_failures(pairs: list[dict]) -> np.ndarray:
    """True where the number/name/quote checks alone already reject the pair."""
    common = common_words(c for p in pairs for c in p["cited"])
    return np.array([bool(check_quotes(p["sentence"], p["cited"]) + check_facts(p["sentence"], p["cited"], common))
                     for p in pairs])


def figures(accepted: np.ndarray, truth: np.ndarray) -> dict:
    """Precision and recall of acceptance (supported = positive), and the share of unsupported caught."""
    tp = int(np.sum(accepted & truth))
    precision = tp / max(1, int(accepted.sum()))
    recall = tp / max(1, int(truth.sum()))
    caught = int(np.sum(~accepted & ~truth)) / max(1, int((~truth).sum()))
    return {"precision": round(precision, 3), "recall": round(recall, 3), "unsupported_caught": round(caught, 3),
            "balanced_accuracy": round((recall + caught) / 2, 3)}


def choose(scores: np.ndarray, facts_fail: np.ndarray, truth: np.ndarray) -> float:
    """The threshold with the best balanced accuracy of the whole verifier (ties: the higher threshold)."""
    best = max(GRID, key=lambda t: (figures((scores >= t) & ~facts_fail, truth)["balanced_accuracy"], t))
    return float(best)


def by_kind(accepted: np.ndarray, pairs: list[dict]) -> dict:
    kinds = sorted({p["kind"] for p in pairs})
    return {k: f"{sum(1 for a, p in zip(accepted, pairs) if p['kind'] == k and a)}/"
               f"{sum(1 for p in pairs if p['kind'] == k)} accepted" for k in kinds}


def measure(pairs: list[dict], embedder_name: str, mode: str) -> dict:
    embedder = get_embedder(embedder_name)
    scores = np.array(SupportCheck(embedder.embed_batch, 0.0, mode).scores([(p["sentence"], p["cited"]) for p in pairs]))
    truth = np.array([p["supported"] for p in pairs])
    dev = np.array([p["story"] in DEV_STORIES for p in pairs])
    facts_fail = fact_failures(pairs)
    threshold = choose(scores[dev], facts_fail[dev], truth[dev])
    test_pairs = [p for p, d in zip(pairs, dev) if not d]
    accepted = (scores[~dev] >= threshold) & ~facts_fail[~dev]
    return {
        "embedder": embedder.name, "mode": mode, "threshold": threshold, "dev_pairs": int(dev.sum()),
        "dev_verifier": figures((scores[dev] >= threshold) & ~facts_fail[dev], truth[dev]),
        "test_pairs": int((~dev).sum()),
        "test_similarity_only": figures(scores[~dev] >= threshold, truth[~dev]),
        "test_verifier": figures(accepted, truth[~dev]),
        "test_by_kind": by_kind(accepted, test_pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/support_threshold.py")
    parser.add_argument("--embedders", default="minilm,tfidf")
    args = parser.parse_args()
    pairs = load_pairs()
    results = [measure(pairs, name, mode) for name in args.embedders.split(",") for mode in ("max", "joined")]
    for r in results:
        print(f"{r['embedder']:>7} {r['mode']:>6} threshold {r['threshold']:.2f}  test similarity-only "
              f"{r['test_similarity_only']}  verifier {r['test_verifier']}")
        print(f"{'':>15}by kind {r['test_by_kind']}")
    # chosen on dev, never on test; a tie goes to "joined", which scores a sentence merging several cited ones whole
    chosen = max(results, key=lambda r: (r["dev_verifier"]["balanced_accuracy"], r["mode"] == "joined"))
    print(json.dumps({"pairs": len(pairs), "chosen": {k: chosen[k] for k in ("embedder", "mode", "threshold")},
                      "results": results}))


if __name__ == "__main__":
    main()
