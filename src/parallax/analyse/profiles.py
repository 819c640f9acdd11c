"""Outlet profiles: an outlet's articles' language scores pooled, with 95% t-intervals."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from parallax.analyse.language.leaning import LEANING_CLASSES, LeaningEstimate
from parallax.analyse.language.scoring import DIMENSIONS, LanguageScores

CONFIDENCE = 0.95
TOP_PHRASES = 10


@dataclass(frozen=True)
class Interval:
    """A mean with the bounds of its confidence interval, clipped to [0, 1]."""

    mean: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class OutletProfile:
    """How one outlet writes: mean scores with intervals, leaning, phrases, coverage."""

    outlet: str
    n_articles: int
    dimensions: dict[str, Interval] = field(hash=False)
    leaning: str = ""  # "" when no article leaning was given
    leaning_probabilities: dict[str, Interval] = field(default_factory=dict, hash=False)
    phrases: tuple[tuple[str, str, int], ...] = ()  # (dimension, phrase, articles using it)
    n_stories: int = 0


def mean_interval(values: Sequence[float], confidence: float = CONFIDENCE) -> Interval:
    """Student-t interval of the mean (a single value gives a zero-width interval)."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return Interval(0.0, 0.0, 0.0, 0)
    mean = float(data.mean())
    if data.size == 1:
        return Interval(mean, mean, mean, 1)
    half = stats.t.ppf(0.5 + confidence / 2, data.size - 1) * data.std(ddof=1) / math.sqrt(data.size)
    return Interval(mean, max(0.0, mean - half), min(1.0, mean + half), int(data.size))


def characteristic_phrases(article_scores: Sequence[LanguageScores], top: int = TOP_PHRASES) -> tuple:
    """Evidence phrases used by the most articles: ``(dimension, phrase, n_articles)``."""
    counts: Counter[tuple[str, str]] = Counter()
    for scores in article_scores:
        seen = {(d, p.lower()) for d, s in scores.scores.items() for _, p in s.evidence}
        counts.update(seen)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple((d, p, n) for (d, p), n in ranked[:top])


def _leaning(leanings: Sequence[LeaningEstimate]) -> tuple[str, dict[str, Interval]]:
    if not leanings:
        return "", {}
    columns = np.array([e.probabilities for e in leanings])
    intervals = {c: mean_interval(columns[:, i]) for i, c in enumerate(LEANING_CLASSES)}
    return max(intervals, key=lambda c: intervals[c].mean), intervals


def profile_outlet(
    name: str,
    article_scores: Sequence[LanguageScores],
    leanings: Sequence[LeaningEstimate] = (),
    story_ids: Sequence[str] = (),
) -> OutletProfile:
    """Pool ``article_scores`` (and optional article leanings and story ids) of outlet ``name``."""
    dims = {d: mean_interval([s.scores[d].value for s in article_scores if d in s.scores]) for d in DIMENSIONS}
    leaning, probabilities = _leaning(leanings)
    return OutletProfile(
        outlet=name,
        n_articles=len(article_scores),
        dimensions=dims,
        leaning=leaning,
        leaning_probabilities=probabilities,
        phrases=characteristic_phrases(article_scores),
        n_stories=len(set(story_ids)),
    )
