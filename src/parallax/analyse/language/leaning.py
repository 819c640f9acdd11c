"""Political leaning of an article: a text model, sharpened by the outlet's catalog leaning.

Text alone transfers poorly to outlets never seen in training (it learns house
style), so when the outlet's leaning is known the catalog value is a prior the
text model can only tip within: ``P(leaning) ∝ prior(outlet) × P_text(leaning)``.
The priors map the catalog's five-point leaning to article labels and are
estimated on training data (``train/train_language_models.py --only leaning_priors``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from parallax.analyse.language.trained import MODELS_DIR, shipped_model
from parallax.errors import ModelError
from parallax.models import Article

LEANING_CLASSES = ("left", "center", "right")
TEXT_CHARS = 4000


@lru_cache(maxsize=1)
def outlet_priors() -> dict[str, tuple[float, ...]]:
    """Catalog leaning -> P(left, center, right), estimated on the ABP media-based train split."""
    path = MODELS_DIR / "leaning_priors.json"
    try:
        return {k: tuple(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load outlet leaning priors {path}: {exc}") from exc


@dataclass(frozen=True)
class LeaningEstimate:
    """The most likely leaning, its probabilities and whether an outlet prior shaped it."""

    leaning: str
    probabilities: tuple[float, float, float]  # in LEANING_CLASSES order
    outlet_prior: str = ""


def leaning_text(title: str, text: str) -> str:
    """What the leaning model reads: the headline and the first ``TEXT_CHARS`` characters."""
    return f"{title}\n{text[:TEXT_CHARS]}"


def text_leaning_probabilities(texts: Sequence[str]) -> np.ndarray:
    """Text-model probabilities, one row per text, columns in ``LEANING_CLASSES`` order."""
    model = shipped_model("leaning")
    proba = model.predict_proba(list(texts))
    return proba[:, [model.classes.index(c) for c in LEANING_CLASSES]]


def with_outlet_prior(probabilities: np.ndarray, outlet_leaning: str) -> np.ndarray:
    """Multiply by the outlet's prior (if its leaning is known) and renormalise."""
    prior = outlet_priors().get(outlet_leaning)
    if prior is None:
        return probabilities
    combined = probabilities * np.array(prior)
    return combined / combined.sum(axis=-1, keepdims=True)


def estimate(probabilities: np.ndarray, outlet_leaning: str = "") -> LeaningEstimate:
    """A ``LeaningEstimate`` from one row of text probabilities and the outlet's leaning."""
    final = with_outlet_prior(probabilities, outlet_leaning)
    prior = outlet_leaning if outlet_leaning in outlet_priors() else ""
    return LeaningEstimate(LEANING_CLASSES[int(np.argmax(final))], tuple(float(p) for p in final), prior)


def predict_leanings(articles: Sequence[Article], outlet_leanings: Sequence[str] = ()) -> list[LeaningEstimate]:
    """Leaning of each article; ``outlet_leanings[i]`` is its outlet's catalog leaning or ""."""
    priors = list(outlet_leanings) or [""] * len(articles)
    proba = text_leaning_probabilities([leaning_text(a.title, a.text) for a in articles])
    return [estimate(row, prior) for row, prior in zip(proba, priors)]
