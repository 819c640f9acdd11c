"""Training recipes for the shipped models, shared by ``train/`` and ``parallax eval analysis``.

Each recipe takes hashed n-gram counts (``hash_texts``) so cross-validation hashes once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from parallax.analyse.language.features import DENSE_NAMES, MINILM_NAMES
from parallax.analyse.language.linear import LinearTextModel, fit_linear_text_model, hash_texts

RECIPES = {
    "babe_bias": {"n_features": 2**18, "ngram_max": 2, "C": 3.0, "min_df": 1},
    "babe_opinion": {"n_features": 2**18, "ngram_max": 1, "C": 1.0, "min_df": 1},
    "babe_bias_minilm": {"n_features": 2**18, "ngram_max": 2, "C": 3.0, "min_df": 1},
    "babe_opinion_minilm": {"n_features": 2**18, "ngram_max": 1, "C": 1.0, "min_df": 1},
    "clickbait": {"n_features": 2**18, "ngram_max": 2, "C": 30.0, "min_df": 2},
    "leaning": {"n_features": 2**18, "ngram_max": 2, "C": 3.0, "min_df": 5, "solver": "lbfgs"},
}


def hash_for(name: str, texts: Sequence[str]) -> sp.csr_matrix:
    """Hashed counts of ``texts`` with the n-gram settings of recipe ``name``."""
    recipe = RECIPES[name]
    return hash_texts(list(texts), recipe["n_features"], recipe["ngram_max"])


def train_sentence_model(name: str, hashed: sp.csr_matrix, labels: Sequence[str], dense: np.ndarray) -> LinearTextModel:
    """A BABE sentence model over n-grams + cue/tone features (+ MiniLM embeddings for ``*_minilm``)."""
    recipe = RECIPES[name]
    names = MINILM_NAMES if name.endswith("_minilm") else DENSE_NAMES
    return fit_linear_text_model(
        name,
        hashed,
        list(labels),
        ngram_max=recipe["ngram_max"],
        C=recipe["C"],
        min_df=recipe["min_df"],
        dense=dense,
        dense_names=names,
        class_weight="balanced",
    )


def train_clickbait(hashed: sp.csr_matrix, labels: Sequence[str]) -> LinearTextModel:
    """Headline model; labels are ``clickbait`` / ``news``."""
    recipe = RECIPES["clickbait"]
    return fit_linear_text_model(
        "clickbait", hashed, list(labels), ngram_max=recipe["ngram_max"], C=recipe["C"], min_df=recipe["min_df"]
    )


def outlet_balanced_weights(outlets: Sequence[str]) -> np.ndarray:
    """Sample weights giving every outlet the same total, so the model learns less house style."""
    counts = Counter(outlets)
    weights = np.array([1.0 / counts[o] for o in outlets])
    return weights * len(weights) / weights.sum()


def train_leaning(hashed: sp.csr_matrix, labels: Sequence[str], outlets: Sequence[str]) -> LinearTextModel:
    """Article leaning model (left / center / right), outlets weighted equally."""
    recipe = RECIPES["leaning"]
    return fit_linear_text_model(
        "leaning",
        hashed,
        list(labels),
        ngram_max=recipe["ngram_max"],
        C=recipe["C"],
        min_df=recipe["min_df"],
        solver=recipe["solver"],
        sample_weight=outlet_balanced_weights(outlets),
    )


def outlet_priors(
    catalog_leanings: Sequence[str], labels: Sequence[str], classes: Sequence[str], floor: float = 0.02
) -> dict[str, list[float]]:
    """P(article label | its outlet's catalog leaning), counted over articles, floored at ``floor``."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for leaning, label in zip(catalog_leanings, labels):
        if leaning:
            counts[leaning][label] += 1
    priors = {}
    for leaning, seen in counts.items():
        share = np.maximum(np.array([seen[c] for c in classes]) / sum(seen.values()), floor)
        priors[leaning] = [round(float(p), 4) for p in share / share.sum()]
    return priors
