"""Dense per-sentence features shared by training and scoring: cue counts and VADER tone."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from parallax.analyse.language.cues import cue_counts
from parallax.analyse.language.lexicons import LEXICONS

DENSE_NAMES = tuple(f"cues_{name}" for name in sorted(LEXICONS)) + ("vader_neg", "vader_pos", "vader_strength")
MINILM_DIMENSIONS = 384
_SORTED = tuple(sorted(LEXICONS))
MINILM_NAMES = DENSE_NAMES + tuple(f"minilm_{i}" for i in range(MINILM_DIMENSIONS))


@lru_cache(maxsize=1)
def vader():
    """The VADER analyser (it ships its lexicon, so this never downloads): ``FastVader``, the package's numbers."""
    from parallax.analyse.language.vader import FastVader

    return FastVader()


@lru_cache(maxsize=4096)
def tone(text: str) -> dict[str, float]:
    """VADER's neg / neu / pos / compound for ``text`` (cached: scoring asks more than once)."""
    return vader().polarity_scores(text)


def dense_row(text: str) -> list[float]:
    """Cue counts (log-scaled, in ``DENSE_NAMES`` order) and VADER negativity/positivity."""
    return dense_values(cue_counts(text), tone(text))


def dense_values(counts: dict[str, int], scores: dict[str, float]) -> list[float]:
    """``dense_row`` from a text's cue counts and VADER scores, for a caller that has them already."""
    cues = [math.log1p(counts[name]) for name in _SORTED]
    return cues + [scores["neg"], scores["pos"], abs(scores["compound"])]


def dense_features(texts: list[str]) -> np.ndarray:
    """``dense_row`` for every text, as a (len(texts), len(DENSE_NAMES)) array."""
    return np.array([dense_row(t) for t in texts], dtype=np.float64).reshape(len(texts), len(DENSE_NAMES))


def minilm_features(texts: list[str], embedder) -> np.ndarray:
    """``dense_features`` followed by the texts' unit-length MiniLM embeddings (``MINILM_NAMES``)."""
    if not texts:
        return np.zeros((0, len(MINILM_NAMES)))
    return np.hstack([dense_features(texts), np.asarray(embedder.embed_batch(texts), dtype=np.float64)])
