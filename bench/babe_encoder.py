"""Which sentence vectors should feed the BABE bias/opinion models of ``analyse.language.scoring``?

``score_article(article, embedder)`` uses the MiniLM-fed pair (``babe_*_minilm``) when given the MiniLM embedder
and the n-gram + cue pair otherwise. With MUSE the brief writer's default encoder, this measures the same logistic
recipe fed MUSE vectors, on the folds of ``parallax eval analysis`` (5 stratified, seed 0), beside the n-gram pair
and (with ``--minilm``, ≈ 1 CPU min more) the MiniLM-fed one:

    OMP_NUM_THREADS=1 python bench/babe_encoder.py --shared ../shared [--minilm]

Prints one JSON line of out-of-fold macro-F1 per task and feature set.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from parallax.analyse.language.features import DENSE_NAMES, dense_features
from parallax.analyse.language.linear import fit_linear_text_model
from parallax.analyse.language.training import RECIPES, hash_for
from parallax.embed import get_embedder
from parallax.eval.analysis import SEED, _f1, babe_task, read_babe


def out_of_fold(task: str, texts: list[str], labels: list[str], dense: np.ndarray, names: tuple[str, ...]) -> float:
    """Macro-F1 of recipe ``babe_<task>`` over n-grams and ``dense``, out of fold."""
    from sklearn.model_selection import StratifiedKFold

    recipe, name = RECIPES[f"babe_{task}"], f"babe_{task}"
    hashed, y = hash_for(name, texts), np.array(labels, dtype=object)
    predicted = np.empty(len(y), dtype=object)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, y):
        model = fit_linear_text_model(name, hashed[train], list(y[train]), ngram_max=recipe["ngram_max"], C=recipe["C"],
                                      min_df=recipe["min_df"], dense=dense[train], dense_names=names,
                                      class_weight="balanced")
        proba = model.proba_from_features(model.features([texts[i] for i in test], dense[test]))
        predicted[test] = np.array(model.classes, dtype=object)[proba.argmax(axis=1)]
    return round(_f1(labels, predicted), 4)


def with_vectors(texts: list[str], encoder: str) -> tuple[np.ndarray, tuple[str, ...]]:
    vectors = np.asarray(get_embedder(encoder).embed_batch(texts), dtype=np.float64)
    names = DENSE_NAMES + tuple(f"{encoder}_{i}" for i in range(vectors.shape[1]))
    return np.hstack([dense_features(texts), vectors]), names


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/babe_encoder.py")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--minilm", action="store_true", help="also the MiniLM-fed recipe")
    args = parser.parse_args()
    rows, result = read_babe(args.shared), {}
    for task, column in (("bias", "label_bias"), ("opinion", "label_opinion")):
        texts, gold = babe_task(rows, column)
        result[f"{task}_ngram"] = out_of_fold(task, texts, gold, dense_features(texts), DENSE_NAMES)
        for encoder in ("muse", "minilm") if args.minilm else ("muse",):
            result[f"{task}_{encoder}"] = out_of_fold(task, texts, gold, *with_vectors(texts, encoder))
        result[f"{task}_sentences"] = len(texts)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
