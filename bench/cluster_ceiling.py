"""How far can story clustering go on these signals? An offline upper bound.

Builds the full pairwise matrix of the signals the online index combines
(MiniLM cosine and TF-IDF cosine with ClusterConfig's weights, the same lead
text), optionally rescales it by local density (CSLS over the k nearest
articles), runs offline average-link clustering, and reports the best B-cubed
F1 over a sweep of cut thresholds. The sweep reads the gold labels, so the
figure is a ceiling for any threshold rule on these signals, not a result to
report as the method's score; compare it with ``parallax eval clustering``.

    python bench/cluster_ceiling.py ../shared/eval/clustering/neus_val.jsonl [--k 5]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from parallax.cluster import ClusterConfig, signals_of
from parallax.cluster.signals import DocumentFrequencies
from parallax.embed import article_texts, get_embedder
from parallax.eval.clustering import bcubed, read_labelled_articles


def term_matrix(signals: list) -> np.ndarray:
    """Pairwise cosine of the articles' TF-IDF lead vectors (document frequencies over the whole set)."""
    frequencies = DocumentFrequencies()
    for s in signals:
        frequencies.add(s.terms)
    weights = [frequencies.weigh(s.terms) for s in signals]
    vocabulary = {w: i for i, w in enumerate(sorted({w for row in weights for w in row}))}
    rows = [i for i, row in enumerate(weights) for _ in row]
    cols = [vocabulary[w] for row in weights for w in row]
    vals = [v for row in weights for v in row.values()]
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(weights), len(vocabulary)))
    return (matrix @ matrix.T).toarray()


def csls(similarity: np.ndarray, k: int) -> np.ndarray:
    """Similarity less the mean density (mean of the k best other similarities) of both ends."""
    others = similarity.copy()
    np.fill_diagonal(others, -np.inf)
    density = np.sort(others, axis=1)[:, -k:].mean(axis=1)
    return similarity - (density[:, None] + density[None, :]) / 2


def best_cut(similarity: np.ndarray, ids: list[str], gold: dict[str, str]) -> dict:
    """Average-link tree over ``similarity``; the best B-cubed F1 over 80 cuts in its top decile."""
    top = float(similarity.max())
    distance = np.clip(top - similarity, 0, None)
    np.fill_diagonal(distance, 0)
    tree = linkage(squareform(distance, checks=False), "average")
    off_diagonal = similarity[~np.eye(len(similarity), dtype=bool)]
    best = {"bcubed_f1": -1.0}
    for cut in np.quantile(off_diagonal, np.linspace(0.9, 0.9999, 80)):
        labels = fcluster(tree, top - cut, "distance")
        precision, recall, f1 = bcubed(gold, {ids[i]: str(labels[i]) for i in range(len(ids))})
        if f1 > best["bcubed_f1"]:
            best = {"bcubed_f1": round(f1, 4), "bcubed_precision": round(precision, 4),
                    "bcubed_recall": round(recall, 4), "stories_predicted": int(labels.max())}
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--k", type=int, default=5, help="neighbours in the CSLS density")
    parser.add_argument("--embedder", default="minilm")
    args = parser.parse_args()
    articles, gold, _ = read_labelled_articles(args.file)
    vectors = np.asarray(get_embedder(args.embedder).article_vectors([article_texts(a) for a in articles]))
    signals = [signals_of(a, vectors[i]) for i, a in enumerate(articles)]
    config = ClusterConfig()
    combined = config.embedding_weight * (vectors @ vectors.T) + config.term_weight * term_matrix(signals)
    ids = [a.id for a in articles]
    print(json.dumps({"file": args.file.name, "articles": len(ids), "k": args.k,
                      "ceiling_raw": best_cut(combined, ids, gold),
                      "ceiling_csls": best_cut(csls(combined, args.k), ids, gold)}))


if __name__ == "__main__":
    main()
