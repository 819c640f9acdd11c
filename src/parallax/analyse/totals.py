"""Outlet profiles from running totals: a run adds its new articles, the outlet is never rescanned.

Per outlet the totals keep, for every language dimension and leaning class, the count, sum and
sum of squares of the articles' values (enough for a mean and its t-interval), and how many
articles used each evidence phrase. ``profile`` gives the ``OutletProfile`` that pooling all of
the outlet's articles at once (``profile_outlet``) gives, up to floating-point rounding.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scipy import stats

from parallax.analyse.language.leaning import LEANING_CLASSES, LeaningEstimate
from parallax.analyse.language.scoring import DIMENSIONS, LanguageScores
from parallax.analyse.profiles import CONFIDENCE, TOP_PHRASES, Interval, OutletProfile
from parallax.models import Article

if TYPE_CHECKING:
    from parallax.store import Store

_SEP = "\t"  # between a phrase's dimension and the phrase, in the phrase counts' keys


@dataclass
class OutletTotals:
    """Sums over one outlet's analysed articles."""

    articles: int = 0
    dimensions: dict[str, list[float]] = field(default_factory=dict)  # dimension -> [n, sum, sum of squares]
    leanings: dict[str, list[float]] = field(default_factory=dict)  # class -> [n, sum, sum of squares]
    phrases: Counter = field(default_factory=Counter)  # "dimension<TAB>phrase" -> articles using it

    def add(self, scores: LanguageScores, leaning: LeaningEstimate) -> None:
        """Count one article in."""
        self.articles += 1
        for dimension, score in scores.scores.items():
            _add(self.dimensions, dimension, score.value)
        for name, p in zip(LEANING_CLASSES, leaning.probabilities):
            _add(self.leanings, name, float(p))
        self.phrases.update({f"{d}{_SEP}{p.lower()}" for d, s in scores.scores.items() for _, p in s.evidence})

    def profile(self, outlet: str, n_stories: int) -> OutletProfile:
        """The outlet's profile as pooling its articles gives it."""
        dims = {d: interval_from_sums(*self.dimensions.get(d, (0, 0.0, 0.0))) for d in DIMENSIONS}
        leanings = {c: interval_from_sums(*self.leanings[c]) for c in LEANING_CLASSES if c in self.leanings}
        leaning = max(leanings, key=lambda c: leanings[c].mean) if leanings else ""
        ranked = sorted(self.phrases.items(), key=lambda item: (-item[1], tuple(item[0].split(_SEP, 1))))
        phrases = tuple((*key.split(_SEP, 1), n) for key, n in ranked[:TOP_PHRASES])
        return OutletProfile(outlet, self.articles, dims, leaning, leanings, phrases, n_stories)

    def to_body(self) -> dict:
        return {"articles": self.articles, "dimensions": self.dimensions, "leanings": self.leanings,
                "phrases": dict(self.phrases)}

    @classmethod
    def from_body(cls, body: dict) -> OutletTotals:
        return cls(body["articles"], body["dimensions"], body["leanings"], Counter(body["phrases"]))


def _add(sums: dict[str, list[float]], key: str, value: float) -> None:
    row = sums.setdefault(key, [0, 0.0, 0.0])
    row[0], row[1], row[2] = row[0] + 1, row[1] + value, row[2] + value * value


def interval_from_sums(n: int, total: float, squares: float, confidence: float = CONFIDENCE) -> Interval:
    """``mean_interval`` from a count, a sum and a sum of squares instead of the values."""
    n = int(n)
    if n == 0:
        return Interval(0.0, 0.0, 0.0, 0)
    mean = total / n
    if n == 1:
        return Interval(mean, mean, mean, 1)
    variance = max(0.0, (squares - n * mean * mean) / (n - 1))
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * math.sqrt(variance) / math.sqrt(n)
    return Interval(mean, max(0.0, mean - half), min(1.0, mean + half), n)


def outlet_totals(store: Store, articles: Sequence[Article], fresh: bool) -> list[tuple[str, str, int, dict]]:
    """The running profile totals of the outlets of ``articles`` with those articles added.

    ``fresh``: the run reads the archive from its start, so the totals start from zero.
    """
    from parallax.analyse import predict_leanings
    from parallax.analyse.language import SCORER_VERSION
    from parallax.analyse.language.stored import LANGUAGE_KIND, scores_from_body

    bodies = store.article_analysis(LANGUAGE_KIND, SCORER_VERSION, articles)
    group = [a for a in articles if a.outlet and a.id in bodies]
    outlets = sorted({a.outlet for a in group})
    stored = {} if fresh else store.outlet_totals(outlets, SCORER_VERSION)
    totals = {o: OutletTotals.from_body(stored[o]) if o in stored else OutletTotals() for o in outlets}
    facts = {o: store.outlet(o) for o in outlets}
    leanings = predict_leanings(group, [facts[a.outlet].leaning if facts[a.outlet] else "" for a in group])
    for article, leaning in zip(group, leanings):
        totals[article.outlet].add(scores_from_body(article.id, bodies[article.id]), leaning)
    return [(o, SCORER_VERSION, t.articles, t.to_body()) for o, t in totals.items()]


def profile_stage(store: Store) -> int:
    """Rewrite the profiles whose outlet's totals moved on; how many were rewritten."""
    from dataclasses import asdict

    from parallax.analyse.language import SCORER_VERSION

    stale = store.stale_outlet_profiles()
    for outlet, body in store.outlet_totals(stale, SCORER_VERSION).items() if stale else ():
        profile = OutletTotals.from_body(body).profile(outlet, store.outlet_story_count(outlet))
        store.save_outlet_profile(outlet, SCORER_VERSION, asdict(profile))
    return len(stale)
