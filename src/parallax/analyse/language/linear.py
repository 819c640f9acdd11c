"""Small linear text classifiers: hashed word n-grams (+ optional dense features).

Weights are stored as a compressed ``.npz`` of plain arrays (no pickles): the
hashed columns seen in training, their idf, the coefficients and intercepts.
Hashing matches scikit-learn's ``HashingVectorizer`` so training can use its
fast C path while inference can also explain a score word by word.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

from parallax.errors import ModelError

TOKEN = re.compile(r"(?u)\b\w\w+\b")


def hash_texts(texts: list[str], n_features: int, ngram_max: int) -> sp.csr_matrix:
    """Raw n-gram counts, hashed exactly like ``HashingVectorizer``."""
    vectorizer = HashingVectorizer(n_features=n_features, ngram_range=(1, ngram_max), alternate_sign=False, norm=None)
    return vectorizer.transform(texts).tocsr()


def text_tokens(text: str) -> list[str]:
    """The words ``HashingVectorizer`` reads in ``text``: ``TOKEN``'s matches in the lower-cased text."""
    return TOKEN.findall(text.lower())


def hash_tokens(token_lists: list[list[str]], n_features: int, ngram_max: int) -> sp.csr_matrix:
    """``hash_texts`` of texts given as their ``text_tokens``: the vectorizer's own hasher over the n-grams it would
    join from them, so the same matrix."""
    return _hasher(n_features).transform(_joined_ngrams(tokens, ngram_max) for tokens in token_lists)


def _joined_ngrams(tokens: list[str], ngram_max: int) -> list[str]:
    """The n-grams ``HashingVectorizer`` makes of ``tokens``: the words, then each run of 2 to ``ngram_max``."""
    grams = list(tokens)
    for n in range(2, min(ngram_max, len(tokens)) + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


@lru_cache(maxsize=8)
def _hasher(n_features: int) -> FeatureHasher:
    return FeatureHasher(n_features=n_features, input_type="string", dtype=np.float64, alternate_sign=False)


def located_ngrams(text: str, ngram_max: int) -> list[tuple[str, int, int]]:
    """Every word n-gram of ``text`` with its character span, as the hasher sees it."""
    tokens = _located_tokens(text)
    grams = list(tokens) if ngram_max >= 1 else []  # the unigrams, as a chunk of one gives them
    for n in range(2, ngram_max + 1):
        for chunk in zip(*(tokens[k:] for k in range(n))):
            grams.append((" ".join([t for t, _, _ in chunk]), chunk[0][1], chunk[-1][2]))
    return grams


@lru_cache(maxsize=16)
def _located_tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each ``TOKEN`` of ``text``, lower-cased, with its span (remembered a moment: one sentence's drivers are asked
    of two models in a row)."""
    if text.isascii():  # lower-casing keeps every ASCII character where it is
        lowered = text.lower()
        return tuple((lowered[s:e], s, e) for s, e in (m.span() for m in TOKEN.finditer(text)))
    return tuple((m.group().lower(), m.start(), m.end()) for m in TOKEN.finditer(text))


def hashed_column(gram: str, n_features: int) -> int:
    return abs(murmurhash3_32(gram, seed=0)) % n_features


@dataclass(frozen=True, eq=False)
class LinearTextModel:
    """A softmax (or logistic) model over tf-idf hashed n-grams and dense features."""

    name: str
    classes: tuple[str, ...]
    n_features: int
    ngram_max: int
    columns: np.ndarray  # sorted hashed columns kept from training
    idf: np.ndarray
    coef: np.ndarray  # (1 or k, len(columns) + len(dense_names))
    intercept: np.ndarray
    dense_names: tuple[str, ...] = ()

    def weigh(self, hashed: sp.csr_matrix) -> sp.csr_matrix:
        """Sublinear tf x idf over the kept columns, rows scaled to unit length."""
        kept = hashed[:, self.columns].tocsr().astype(np.float64)
        kept.data = 1.0 + np.log(kept.data)
        weighted = kept @ sp.diags(self.idf.astype(np.float64))
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1))).ravel()
        return sp.diags(1.0 / np.maximum(norms, 1e-12)) @ weighted

    def features(self, texts: list[str], dense: np.ndarray | None = None, tokens: list | None = None) -> sp.csr_matrix:
        """The model's input rows; ``tokens`` (``text_tokens`` of each text), when given, spare tokenising again."""
        if tokens is None:
            hashed = hash_texts(texts, self.n_features, self.ngram_max)
        else:
            hashed = hash_tokens(tokens, self.n_features, self.ngram_max)
        text_part = self.weigh(hashed)
        if not self.dense_names:
            return text_part
        if dense is None or dense.shape != (len(texts), len(self.dense_names)):
            raise ModelError(f"model {self.name!r} needs dense features {self.dense_names}")
        return sp.hstack([text_part, sp.csr_matrix(dense)]).tocsr()

    def proba_from_features(self, features: sp.csr_matrix) -> np.ndarray:
        scores = np.asarray(features @ self.coef.T.astype(np.float64)) + self.intercept
        if scores.shape[1] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict_proba(self, texts: list[str], dense: np.ndarray | None = None, tokens: list | None = None) -> np.ndarray:
        """Class probabilities, one row per text, columns in ``classes`` order (``tokens``: see ``features``)."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        return self.proba_from_features(self.features(texts, dense, tokens))

    def class_direction(self, label: str) -> np.ndarray:
        """Per-feature weight pushing towards ``label`` (against the mean of the others)."""
        return _direction(self, label)

    def drivers(self, text: str, label: str, top: int = 3) -> list[tuple[int, int]]:
        """Spans of the n-grams of ``text`` that push most towards ``label``: the ``top`` by direction x idf (0 for a
        column not kept), first seen first among equals, those above 0."""
        grams = located_ngrams(text, self.ngram_max)
        weighing = _gram_weights(self, label)
        weights = [weighing(g) for g, _, _ in grams]
        # ranking only the grams above 0 keeps their order: they come first in a ranking of all
        best = sorted([i for i, w in enumerate(weights) if w > 0], key=lambda i: -weights[i])[:top]
        return [(grams[i][1], grams[i][2]) for i in best]


@lru_cache(maxsize=32)
def _direction(model: LinearTextModel, label: str) -> np.ndarray:
    k = model.classes.index(label)
    if model.coef.shape[0] == 1:
        return model.coef[0] if k == 1 else -model.coef[0]
    return model.coef[k] - np.delete(model.coef, k, axis=0).mean(axis=0)


class _GramWeights:
    """A gram's direction towards a label times its idf (float32, as a Python float; 0.0 for a column the model does
    not keep): what ``drivers`` ranks n-grams by. Remembered per gram, as the same words recur."""

    def __init__(self, model: LinearTextModel, label: str) -> None:
        weights = model.class_direction(label)[: len(model.columns)] * model.idf
        self.by_column = dict(zip(model.columns.tolist(), weights.tolist()))
        self.by_gram: dict[str, float] = {}
        self.n_features = model.n_features

    def __call__(self, gram: str) -> float:
        weight = self.by_gram.get(gram)
        if weight is None:
            if len(self.by_gram) >= _GRAMS_MAX:
                self.by_gram.clear()
            weight = self.by_gram[gram] = self.by_column.get(hashed_column(gram, self.n_features), 0.0)
        return weight


_GRAMS_MAX = 1 << 16  # grams remembered per model and label (bigrams seldom recur: a bound, not a vocabulary)


@lru_cache(maxsize=32)
def _gram_weights(model: LinearTextModel, label: str) -> _GramWeights:
    return _GramWeights(model, label)


def fit_linear_text_model(name: str, hashed: sp.csr_matrix, labels: list[str], **options) -> LinearTextModel:
    """Fit on hashed counts (see ``hash_texts``); options: ngram_max, dense, dense_names,
    C, min_df, sample_weight, class_weight, solver (saga by default)."""
    from sklearn.linear_model import LogisticRegression

    df = np.bincount(hashed.indices, minlength=hashed.shape[1])
    columns = np.flatnonzero(df >= options.get("min_df", 2)).astype(np.int32)
    idf = (np.log((1 + hashed.shape[0]) / (1 + df[columns])) + 1).astype(np.float32)
    draft = LinearTextModel(
        name,
        (),
        hashed.shape[1],
        options["ngram_max"],
        columns,
        idf,
        np.zeros((1, 0)),
        np.zeros(1),
        tuple(options.get("dense_names", ())),
    )
    features = draft.weigh(hashed)
    if draft.dense_names:
        features = sp.hstack([features, sp.csr_matrix(options["dense"])]).tocsr()
    # saga converges in a second on short texts where lbfgs needs a minute; long articles favour lbfgs
    solver = options.get("solver", "saga")
    classifier = LogisticRegression(
        C=options.get("C", 1.0),
        solver=solver,
        tol=1e-3 if solver == "saga" else 1e-4,
        max_iter=1000,
        class_weight=options.get("class_weight"),
        random_state=0,
    )
    classifier.fit(features, labels, sample_weight=options.get("sample_weight"))
    return LinearTextModel(
        name,
        tuple(str(c) for c in classifier.classes_),
        hashed.shape[1],
        options["ngram_max"],
        columns,
        idf,
        classifier.coef_.astype(np.float32),
        classifier.intercept_.astype(np.float64),
        draft.dense_names,
    )


def save_model(model: LinearTextModel, path: Path) -> None:
    """Write ``model`` as a compressed npz (float16 weights keep it small)."""
    meta = {
        "name": model.name,
        "classes": list(model.classes),
        "n_features": model.n_features,
        "ngram_max": model.ngram_max,
        "dense_names": list(model.dense_names),
    }
    np.savez_compressed(
        path,
        meta=np.array(json.dumps(meta)),
        columns=model.columns,
        idf=model.idf.astype(np.float16),
        coef=model.coef.astype(np.float16),
        intercept=model.intercept,
    )


def load_model(path: Path) -> LinearTextModel:
    """Read a model written by ``save_model``; raises ``ModelError`` if it is missing or broken."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            return LinearTextModel(
                meta["name"],
                tuple(meta["classes"]),
                meta["n_features"],
                meta["ngram_max"],
                stored["columns"],
                stored["idf"].astype(np.float32),
                stored["coef"].astype(np.float32),
                stored["intercept"],
                tuple(meta["dense_names"]),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot load language model {path}: {exc}") from exc
