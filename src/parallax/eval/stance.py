"""Score stance classification on FNC-1 (``parallax eval stance [DIR]``).

Only the labelled competition test set is stored here, so it is split in two by
claim: pairs are grouped into components of headlines and bodies linked by a
related (non-"unrelated") pair; 70 % of the components train, 30 % test, and a
pair whose headline and body fall on different sides is dropped. No headline
and no body is seen on both sides.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from parallax.analyse.language.finetuned import load_base, states_proba
from parallax.analyse.who.stance import (
    LABELS,
    MODEL_DIR,
    RELATED_AT,
    StanceInputs,
    StanceModel,
    combine,
    decide,
    load_stance_model,
    stance_features,
    stance_inputs,
)
from parallax.analyse.who.stance_encoder import ENCODER_CONFIG, RELATED, StanceEncoder, train_encoder
from parallax.errors import InputError

SEED = 13
TEST_SHARE = 0.3


@dataclass(frozen=True)
class StancePair:
    headline: str
    body_id: str
    body: str
    stance: str


def load_fnc(fnc_dir: Path, prefix: str = "competition_test") -> list[StancePair]:
    """Pairs from ``{prefix}_stances.csv`` and ``{prefix}_bodies.csv``."""
    stances, bodies = fnc_dir / f"{prefix}_stances.csv", fnc_dir / f"{prefix}_bodies.csv"
    for path in (stances, bodies):
        if not path.exists():
            raise InputError(str(path), "missing FNC-1 file")
    with bodies.open(encoding="utf-8") as handle:
        texts = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    with stances.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    bad = [r for r in rows if r["Stance"] not in LABELS or r["Body ID"] not in texts]
    if bad:
        raise InputError(str(stances), f"{len(bad)} rows with an unknown stance or body id")
    return [StancePair(r["Headline"], r["Body ID"], texts[r["Body ID"]], r["Stance"]) for r in rows]


def _components(pairs: Sequence[StancePair]) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        a, b = find("h:" + pair.headline), find("b:" + pair.body_id)
        if pair.stance != "unrelated":
            parent[a] = b
    return {node: find(node) for node in list(parent)}


def split_by_claim(pairs: Sequence[StancePair], seed: int = SEED) -> tuple[list[StancePair], list[StancePair]]:
    """(train, test) with no headline or body on both sides (see the module docstring).

    ``seed`` shuffles the claim components; the shipped model uses ``SEED``, other seeds give
    fresh splits for checking that the recipe was not fitted to that one (bench/stance_resplit.py).
    """
    component = _components(pairs)
    roots = sorted(set(component.values()))
    random.Random(seed).shuffle(roots)
    test_roots = set(roots[: int(len(roots) * TEST_SHARE)])
    train, test = [], []
    for pair in pairs:
        sides = {component["h:" + pair.headline] in test_roots, component["b:" + pair.body_id] in test_roots}
        if sides == {True}:
            test.append(pair)
        elif sides == {False}:
            train.append(pair)
    return train, test


def feature_matrix(pairs: Sequence[StancePair]) -> np.ndarray:
    """``stance_features`` of each pair (the vocabulary-free half of the model's features)."""
    return np.array([stance_features(p.headline, p.body) for p in pairs])


def related_model() -> VotingClassifier:
    """Step 1, related or not: soft vote of gradient boosting and logistic regression over features + MiniLM cosines."""
    boosting = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=80,
                                              l2_regularization=1.0, random_state=SEED)
    linear = make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000))
    return VotingClassifier([("boosting", boosting), ("linear", linear)], voting="soft")


def boosting_model() -> HistGradientBoostingClassifier:
    """Step 2, agree / disagree / discuss: gradient boosting, classes weighted to their inverse frequency."""
    return HistGradientBoostingClassifier(max_iter=100, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40,
                                          l2_regularization=1.0, class_weight="balanced", random_state=SEED)


def linear_model() -> Pipeline:
    """Step 2: standardised logistic regression, classes weighted to their inverse frequency."""
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000, C=0.01, class_weight="balanced"))


def fit_feature_models(features: np.ndarray, labels: np.ndarray) -> tuple[object, object, object]:
    """(related, boosting, linear) fitted on ``features`` rows labelled with ``LABELS`` strings."""
    related = labels != "unrelated"
    return (related_model().fit(features, related), boosting_model().fit(features[related], labels[related]),
            linear_model().fit(features[related], labels[related]))


def _say(message: str) -> None:
    print(f"[stance] {message}", file=sys.stderr, flush=True)


@dataclass
class TrainingSide:
    """The train-side pairs with their model inputs, computed once (MiniLM embeddings are the slow part)."""

    pairs: list[StancePair]
    inputs: StanceInputs
    labels: np.ndarray
    encoder: StanceEncoder  # base model only (no fine-tuned top yet)
    cached: dict[int, object] = field(default_factory=dict)  # lower-layer states by row

    @classmethod
    def of(cls, pairs: Sequence[StancePair]) -> TrainingSide:
        tokenizer, base = load_base()
        encoder = StanceEncoder(tokenizer, base, None, ENCODER_CONFIG)
        started = time.time()
        inputs = stance_inputs(encoder, [p.headline for p in pairs], [p.body for p in pairs])
        _say(f"features and MiniLM vectors of {len(pairs)} pairs in {time.time() - started:.0f}s")
        return cls(list(pairs), inputs, np.array([p.stance for p in pairs]), encoder)

    def states(self, rows: Sequence[int]) -> dict[int, object]:
        """Lower-layer states of the cross-encoder input of ``rows`` (each computed once, then kept)."""
        missing = [i for i in rows if i not in self.cached]
        if missing:
            started = time.time()
            self.cached.update(zip(missing, self.encoder.states([self.inputs.evidence[i] for i in missing]), strict=True))
            _say(f"cross-encoder lower states of {len(missing)} pairs in {time.time() - started:.0f}s")
        return {i: self.cached[i] for i in rows}

    def train_top(self, rows: Sequence[int], states: dict[int, object]):
        """The cross-encoder's top trained on the related pairs among ``rows``."""
        started = time.time()
        chosen = [i for i in rows if self.labels[i] != "unrelated"]
        top = train_encoder(self.encoder.base, [states[i] for i in chosen],
                            np.array([RELATED.index(self.labels[i]) for i in chosen]))
        _say(f"cross-encoder trained on {len(chosen)} related pairs in {time.time() - started:.0f}s")
        return top


def fit_stance_model(pairs: Sequence[StancePair] | TrainingSide) -> StanceModel:
    """The full two-step model fitted on ``pairs`` (the train side)."""
    side = pairs if isinstance(pairs, TrainingSide) else TrainingSide.of(pairs)
    related, boosting, linear = fit_feature_models(side.inputs.features, side.labels)
    rows = [int(i) for i in np.flatnonzero(side.labels != "unrelated")]
    top = side.train_top(rows, side.states(rows))
    return StanceModel(related, boosting, linear, replace(side.encoder, top=top))


def cross_validate(pairs: Sequence[StancePair] | TrainingSide, folds: int = 4) -> dict[str, float]:
    """Macro-F1 (and per class, FNC score) of the full model over ``folds`` folds grouped by claim component.

    Train side only. The cross-encoder of each fold is trained on that fold's training part.
    """
    side = pairs if isinstance(pairs, TrainingSide) else TrainingSide.of(pairs)
    component = _components(side.pairs)
    groups = [component["h:" + p.headline] for p in side.pairs]
    features, labels = side.inputs.features, side.labels
    splits = list(GroupKFold(folds).split(features, labels, groups))
    related, split = np.zeros(len(labels)), np.zeros((len(labels), len(RELATED)))
    for fit, held in splits:
        model = StanceModel(*fit_feature_models(features[fit], labels[fit]), side.encoder)
        related[held], split[held] = model.feature_parts(features[held])
    states = side.states([int(i) for i in np.flatnonzero((labels != "unrelated") | (related >= RELATED_AT))])
    probabilities = np.zeros((len(labels), len(LABELS)))
    for fold, (fit, held) in enumerate(splits):
        top = side.train_top([int(i) for i in fit], states)
        chosen = held[related[held] >= RELATED_AT]
        tuned = states_proba(top, [states[int(i)] for i in chosen])
        probabilities[held] = combine(related, split, chosen, tuned)[held]
        _say(f"fold {fold} done")
    predicted = [label for label, _ in decide(probabilities)]
    return _figures(list(labels), predicted)


def _figures(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    per_class = f1_score(gold, predicted, labels=list(LABELS), average=None, zero_division=0)
    return {
        "fnc_score": round(fnc_score(gold, predicted), 4),
        "stance_macro_f1": round(float(np.mean(per_class)), 4),
        **{f"f1_{label}": round(float(v), 4) for label, v in zip(LABELS, per_class, strict=True)},
    }


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Official FNC-1 score as a share of the best possible score."""
    def points(g: str, p: str) -> float:
        related_ok = (g == "unrelated") == (p == "unrelated")
        return 0.25 * related_ok + (0.75 if related_ok and g != "unrelated" and g == p else 0.0)

    best = sum(points(g, g) for g in gold)
    return sum(points(g, p) for g, p in zip(gold, predicted)) / best if best else 0.0


def evaluate_stance(fnc_dir: Path, retrain: bool = False) -> dict[str, object]:
    """FNC score and 4-class macro-F1 on the held-out claim split of the competition test set.

    Uses the shipped model (trained on the train side of the same split) unless
    ``retrain`` is set or no model is shipped (retraining takes ~10 minutes on 2 cores).
    """
    train, test = split_by_claim(load_fnc(Path(fnc_dir)))
    model = fit_stance_model(train) if retrain or not (MODEL_DIR / "model.pkl").exists() else load_stance_model()
    predicted = [label for label, _ in model.predict([p.headline for p in test], [p.body for p in test])]
    return {
        "split": f"competition_test, held-out {TEST_SHARE:.0%} of claims (seed {SEED}); train {len(train)} pairs",
        "pairs": len(test),
        **_figures([p.stance for p in test], predicted),
    }
