"""Train the story merge model (``cluster/merge_model.py``) on training sets only.

    python train/train_story_merge.py --cache /tmp/merge_vectors SET.jsonl[:tune] ...

Sets: the NeuS *train* chunks that ``bench/cluster_train_chunks.py`` writes (train stories sharing no
headline or lead with an eval set) and ``real_news_dev.jsonl:tune`` (the tune half of its committed
split). Never an eval set's figures: not neus_val, not the report half, not BASIL, pac_train or
allsides_2021. Vectors are computed as ``parallax eval clustering`` computes them (the e5 story
embedder over the whole set) and cached per set under ``--cache``.

Examples come from the decisions the consolidation faces (teacher forcing): each set goes through
the online pass of the shipped configuration; then its stories are joined greedily, best hand score
first, down to ``LOWEST``, and every pair considered is an example (same event: most of the cross
pairs share a gold story); only the true pairs are merged, as a perfect consolidation would. A
logistic regression over ``merge_model.FEATURES`` (standardised, C = 1) weighs each example by the
square root of its cross pairs. Writes src/parallax/data/models/story_merge.json.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from parallax.cluster import ClusterConfig
from parallax.cluster.assign import online_pass
from parallax.cluster.consolidate import StoryLinks
from parallax.cluster.merge_model import FEATURES
from parallax.embed import article_texts, get_embedder
from parallax.eval.clustering import LabelledSet, read_labelled_set, split_stories

OUT = Path(__file__).resolve().parents[1] / "src/parallax/data/models/story_merge.json"
LOWEST = -0.05  # hand score below which no pair is considered
C = 1.0


def labelled(spec: str) -> tuple[str, LabelledSet]:
    """``path`` or ``path:half``: the set (one half of its split) and a name for its cache."""
    path, _, half = spec.partition(":")
    found = read_labelled_set(Path(path))
    if half:
        found = found.only(split_stories(Path(path), half))
    return f"{Path(path).stem}{'_' + half if half else ''}", found


def vectors(name: str, found: LabelledSet, cache: Path) -> dict[str, np.ndarray]:
    """The set's e5 vectors by article id, embedded once and kept under ``cache``."""
    path = cache / f"e5_{name}.npz"
    if not path.exists():
        rows = get_embedder("e5").article_vectors([article_texts(a) for a in found.articles])
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(path, ids=np.array([a.id for a in found.articles]), v=rows)
    with np.load(path) as data:
        return dict(zip(data["ids"].tolist(), data["v"], strict=True))


def examples(found: LabelledSet, vectors_of: dict[str, np.ndarray], config: ClusterConfig) -> tuple[list, list, list]:
    """Features, labels and weights of the pairs a perfect consolidation of the online pass considers."""
    index = online_pass(found.articles, vectors_of, config)[0]
    stories = [s for s in index.stories.values() if not s.held]
    links = StoryLinks(stories, replace(config, merge_model=""))  # the hand score orders the decisions
    golds = [Counter(found.gold[m] for m in s.members) for s in stories]
    scores = links.against(np.arange(len(stories)))
    np.fill_diagonal(scores, -np.inf)
    rows, labels, weights = [], [], []
    while True:
        i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
        if scores[i, j] < LOWEST:
            return rows, labels, weights
        features = links.features(np.array([i]))
        rows.append([float(features[name][0, j]) for name in FEATURES])
        labels.append(_shared(golds[i], golds[j]) >= 0.5)
        weights.append(float(np.sqrt(golds[i].total() * golds[j].total())))
        if not labels[-1]:
            scores[i, j] = scores[j, i] = -np.inf
            continue
        links.join(i, j, _joined(stories[i], stories[j]))
        golds[i] += golds[j]
        scores[j, :] = scores[:, j] = -np.inf
        fresh = links.against(np.array([i]))[0]
        fresh[i] = -np.inf
        scores[i, :] = scores[:, i] = fresh


def _shared(a: Counter, b: Counter) -> float:
    return sum(n * b[g] for g, n in a.items()) / (a.total() * b.total())


def _joined(a, b):
    a.take(b)
    return a


def fit(rows: list, labels: list, weights: list) -> tuple[np.ndarray, float]:
    """Logistic regression on standardised features; coefficients in the features' own units."""
    x, y = np.array(rows), np.array(labels)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=C, max_iter=2000).fit((x - mean) / scale, y, sample_weight=np.array(weights))
    coef = model.coef_[0] / scale
    return coef, float(model.intercept_[0] - coef @ mean)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", help="eval-format JSONL files, path[:tune]")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/parallax_merge_vectors"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--threshold", type=float, default=ClusterConfig().threshold, help="the online join's bar")
    args = parser.parse_args()
    config = replace(ClusterConfig(), merge_model="", threshold=args.threshold)
    rows, labels, weights, counts = [], [], [], {}
    for spec in args.sets:
        name, found = labelled(spec)
        r, y, w = examples(found, vectors(name, found, args.cache), config)
        rows, labels, weights = rows + r, labels + y, weights + w
        counts[name] = {"articles": len(found.articles), "pairs": len(y), "same_event": int(sum(y))}
        print(json.dumps({"set": name, **counts[name]}), flush=True)
    coef, bias = fit(rows, labels, weights)
    model = {"features": list(FEATURES), "weights": [round(float(c), 4) for c in coef], "bias": round(bias, 4),
             "trained_on": counts, "teacher_config": {k: v for k, v in asdict(config).items() if k != "merge_model"},
             "recipe": "train/train_story_merge.py: logistic regression, standardised, C=1, weights sqrt(pairs)"}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: model[k] for k in ("features", "weights", "bias")}))


if __name__ == "__main__":
    main()
