"""Analyse stories: language scores per article, outlet profiles (and, beside them, attribution and claims)."""

from parallax.analyse.language import (
    DIMENSIONS,
    LEANING_CLASSES,
    LanguageScores,
    LeaningEstimate,
    Score,
    predict_leanings,
    score_article,
    score_headline,
)
from parallax.analyse.profiles import Interval, OutletProfile, mean_interval, profile_outlet

__all__ = [
    "DIMENSIONS",
    "LEANING_CLASSES",
    "Interval",
    "LanguageScores",
    "LeaningEstimate",
    "OutletProfile",
    "Score",
    "mean_interval",
    "predict_leanings",
    "profile_outlet",
    "score_article",
    "score_headline",
]
