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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from parallax.analyse.who.stance import LABELS, MODEL_DIR, load_stance_model, stance_features
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


def split_by_claim(pairs: Sequence[StancePair]) -> tuple[list[StancePair], list[StancePair]]:
    """(train, test) with no headline or body on both sides (see the module docstring)."""
    component = _components(pairs)
    roots = sorted(set(component.values()))
    random.Random(SEED).shuffle(roots)
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
    return np.array([stance_features(p.headline, p.body) for p in pairs])


def stance_model() -> VotingClassifier:
    """Soft vote of gradient boosting and logistic regression, classes weighted to their inverse frequency.

    The pair was chosen by 4-fold cross-validation grouped by claim on the train side only.
    """
    boosting = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=80,
                                              l2_regularization=1.0, class_weight="balanced", random_state=SEED)
    linear = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, class_weight="balanced"))
    return VotingClassifier([("boosting", boosting), ("linear", linear)], voting="soft")


def fit_stance_model(pairs: Sequence[StancePair]) -> VotingClassifier:
    """``stance_model`` fitted on ``pairs``."""
    return stance_model().fit(feature_matrix(pairs), [p.stance for p in pairs])


def cross_validate(pairs: Sequence[StancePair], folds: int = 4) -> float:
    """Macro-F1 of ``stance_model`` over ``folds`` folds grouped by claim component (train side only)."""
    component = _components(pairs)
    groups = [component["h:" + p.headline] for p in pairs]
    features, labels = feature_matrix(pairs), np.array([p.stance for p in pairs])
    predicted = np.empty(len(pairs), dtype=object)
    for fit, held in GroupKFold(folds).split(features, labels, groups):
        predicted[held] = stance_model().fit(features[fit], labels[fit]).predict(features[held])
    return float(f1_score(labels, list(predicted), labels=list(LABELS), average="macro", zero_division=0))


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
    ``retrain`` is set or no model is shipped.
    """
    train, test = split_by_claim(load_fnc(Path(fnc_dir)))
    model = fit_stance_model(train) if retrain or not (MODEL_DIR / "model.pkl").exists() else load_stance_model()
    predicted = list(model.predict(feature_matrix(test)))
    gold = [p.stance for p in test]
    per_class = f1_score(gold, predicted, labels=list(LABELS), average=None)
    return {
        "split": f"competition_test, held-out {TEST_SHARE:.0%} of claims (seed {SEED}); train {len(train)} pairs",
        "pairs": len(test),
        "fnc_score": round(fnc_score(gold, predicted), 4),
        "stance_macro_f1": round(float(np.mean(per_class)), 4),
        **{f"f1_{label}": round(float(v), 4) for label, v in zip(LABELS, per_class)},
    }
