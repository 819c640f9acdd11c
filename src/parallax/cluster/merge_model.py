"""The learned same-event model that decides which stories the consolidation joins.

A hand threshold on the average-link score treats every pair of stories alike. What the score
means depends on who is compared: a cross-language pair of one event scores lower than a
same-language pair of two events on one topic (the language's residue and its words), and the
mean over many cross pairs of two large stories is a steadier figure than one pair of single
articles. A logistic regression over a few such features of a story pair, every one computed from
the running sums the consolidation keeps, gives the probability that the two stories report one
event; the consolidation joins the best pair while that probability reaches one half.

Trained by ``train/train_story_merge.py`` on NeuS *train* and the tune half of real_news_dev only
(``data/models/story_merge.json``, described in ``data/models/MODEL_CARD.md``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

from parallax.errors import ModelError

FEATURES = (
    "score",  # the average-link score of the hand rule: event-vector dot product, less language offset and time
    "cross_language",  # the mean embedding dot product times the share of cross pairs in two languages
    "same_language",  # the share of cross pairs written in one language
    "log_pairs",  # log of the number of cross pairs (the product of the two sizes)
)


@dataclass(frozen=True)
class MergeModel:
    """Coefficients of the features (in ``FEATURES`` order) and the intercept, in logits."""

    weights: tuple[float, ...]
    bias: float

    def logit(self, features: Mapping[str, np.ndarray]) -> np.ndarray:
        """The log-odds that each pair reports one event."""
        value = np.full(np.shape(features["score"]), self.bias, np.float64)
        for name, weight in zip(FEATURES, self.weights, strict=True):
            value = value + weight * features[name]
        return value


@cache
def merge_model(name: str) -> MergeModel:
    """The shipped model ``data/models/<name>.json``."""
    path = files("parallax.data").joinpath("models", f"{name}.json")
    if not path.is_file():
        raise ModelError(f"story merge model {name!r} not found (looked for {path})")
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURES:
        raise ModelError(f"story merge model {name!r} has features {data.get('features')}, expected {list(FEATURES)}")
    return MergeModel(tuple(float(w) for w in data["weights"]), float(data["bias"]))
