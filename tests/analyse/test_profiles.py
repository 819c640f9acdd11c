"""Outlet profiles pool article scores with intervals that hold their means."""

from __future__ import annotations

import numpy as np

from parallax.analyse.language.leaning import LeaningEstimate, estimate, with_outlet_prior
from parallax.analyse.language.scoring import DIMENSIONS, LanguageScores, Score
from parallax.analyse.profiles import mean_interval, profile_outlet


def scores(article_id: str, value: float, phrase: str) -> LanguageScores:
    return LanguageScores(article_id, {d: Score(value, ((0, phrase),)) for d in DIMENSIONS})


def test_intervals_contain_the_mean_and_narrow_with_more_data():
    few = mean_interval([0.1, 0.5, 0.3])
    many = mean_interval([0.1, 0.5, 0.3] * 20)
    for interval in (few, many):
        assert interval.low <= interval.mean <= interval.high
    assert (many.high - many.low) < (few.high - few.low)
    assert mean_interval([0.4]).low == mean_interval([0.4]).high == 0.4


def test_profile_pools_scores_phrases_leaning_and_coverage():
    articles = [scores("a", 0.2, "Shocking"), scores("b", 0.6, "shocking"), scores("c", 0.4, "calm")]
    leanings = [LeaningEstimate("left", (0.7, 0.2, 0.1)), LeaningEstimate("center", (0.3, 0.6, 0.1))]
    profile = profile_outlet("Example Times", articles, leanings, story_ids=["s1", "s1", "s2"])
    assert profile.n_articles == 3 and profile.n_stories == 2
    sensational = profile.dimensions["sensational"]
    assert abs(sensational.mean - 0.4) < 1e-9 and sensational.low <= 0.4 <= sensational.high
    assert profile.leaning == "left"
    assert profile.phrases[0][1:] == ("shocking", 2)


def test_outlet_prior_tips_a_close_text_call():
    text = np.array([0.4, 0.35, 0.25])
    assert estimate(text).leaning == "left"
    assert estimate(text, "center").leaning == "center"
    assert estimate(text, "unknown").outlet_prior == ""
    assert abs(with_outlet_prior(text, "right").sum() - 1) < 1e-9
