"""Language dimensions of an article (sensational, fearful, loaded, ...) with evidence, and leaning."""

from parallax.analyse.language.leaning import LEANING_CLASSES, LeaningEstimate, predict_leanings
from parallax.analyse.language.scoring import (
    DIMENSIONS,
    SCORER_VERSION,
    TITLE_INDEX,
    LanguageScores,
    Score,
    score_article,
    score_headline,
)

__all__ = [
    "DIMENSIONS",
    "LEANING_CLASSES",
    "SCORER_VERSION",
    "TITLE_INDEX",
    "LanguageScores",
    "LeaningEstimate",
    "Score",
    "predict_leanings",
    "score_article",
    "score_headline",
]
