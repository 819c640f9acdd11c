"""Choose a sentence encoder's same-fact and support cuts (``write.pool.SAME_FACT`` / ``SUPPORT``) where it agrees
with MiniLM's (0.60 / 0.70), on the brief audit's tune halves only (real_news_dev tune, PAC fresh_tune, BASIL tune).

    OMP_NUM_THREADS=1 python bench/encoder_cuts.py ../shared muse

The pairs are the pool sentences (``write.pool.sentence_pool``) of different articles of one story, both English
(MiniLM reads only English, so it is the reference there). Same fact: the cut with the best F1 against MiniLM at its
0.60; support: the cut that joins the same share of pairs as MiniLM at its 0.70 (how e5's cuts were chosen).
Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from parallax.embed import get_embedder
from parallax.eval.brief import _stories, material_of
from parallax.write.pool import SAME_FACT, SUPPORT, sentence_pool

TUNE = ("tune", "fresh_tune")
GRID = np.round(np.arange(0.30, 0.99, 0.005), 3)


def _unit(vectors) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float64)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


def pair_cosines(shared: Path, encoder: str) -> tuple[np.ndarray, np.ndarray]:
    """(MiniLM's, the encoder's) cosines of every English cross-article pair of the tune halves' pools."""
    reference, other = get_embedder("minilm"), get_embedder(encoder)
    ref_all, other_all = [], []
    for story in (s for s in _stories(shared, ("basil", "real_news_dev", "pac"), None) if s.half in TUNE):
        refs = [r for r in sentence_pool(material_of(story, None, "tfidf")).refs if r.article.language == "en"]
        if len(refs) < 2:
            continue
        texts = [r.text for r in refs]
        a, b = _unit(reference.embed_batch(texts)), _unit(other.embed_batch(texts))
        ids = np.array([r.article.id for r in refs])
        upper = np.triu(np.ones((len(refs), len(refs)), dtype=bool), 1) & (ids[:, None] != ids[None, :])
        ref_all.append((a @ a.T)[upper])
        other_all.append((b @ b.T)[upper])
    return np.concatenate(ref_all), np.concatenate(other_all)


def f1(truth: np.ndarray, guess: np.ndarray) -> float:
    hits = float(np.sum(truth & guess))
    return 2 * hits / max(1.0, float(truth.sum() + guess.sum()))


def main(argv: list[str]) -> None:
    shared, encoder = Path(argv[0]), argv[1]
    ref, other = pair_cosines(shared, encoder)
    same = ref >= SAME_FACT["dense"]
    scores = [f1(same, other >= cut) for cut in GRID]
    same_cut = float(GRID[int(np.argmax(scores))])
    share = float(np.mean(ref >= SUPPORT["dense"]))
    support_cut = float(np.quantile(other, 1 - share))
    print(json.dumps({"encoder": encoder, "pairs": int(ref.size), "minilm_same_share": round(float(same.mean()), 4),
                      "same_fact": same_cut, "same_fact_f1": round(max(scores), 3),
                      "support_share": round(share, 4), "support": round(support_cut, 3),
                      "support_f1": round(f1(ref >= SUPPORT["dense"], other >= support_cut), 3)}))


if __name__ == "__main__":
    main(sys.argv[1:])
