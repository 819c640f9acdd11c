"""Score an article's language on every dimension, with the phrases that drove each score.

Sentence values are in [0, 1]; an article's value is the mean over its title
and sentences (the share of loaded language, not its mere presence), except
``clickbait``, which reads the headline only. Evidence points at
``(sentence_index, phrase)``; index ``TITLE_INDEX`` (-1) is the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from parallax.analyse.language.cues import find_cues
from parallax.analyse.language.features import dense_features, minilm_features, tone, vader
from parallax.analyse.language.lexicons import LEXICONS, STOPWORDS
from parallax.analyse.language.trained import shipped_model
from parallax.models import Article

SCORER_VERSION = "language-1"
TITLE_INDEX = -1
MAX_EVIDENCE = 8
DIMENSIONS = tuple(LEXICONS) + ("biased", "negative_tone", "positive_tone", "clickbait")
_WORD = re.compile(r"[\w'’-]+")
_OPINION_WEIGHTS = {"Entirely factual": 0.0, "Somewhat factual but also opinionated": 0.5}


@dataclass(frozen=True)
class Score:
    """A value in [0, 1] and the ``(sentence_index, phrase)`` pairs that drove it."""

    value: float
    evidence: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class LanguageScores:
    """Every dimension's score for one article, plus per-sentence values."""

    article_id: str
    scores: dict[str, Score] = field(hash=False)
    sentences: tuple[dict[str, float], ...] = field(default=(), hash=False)
    version: str = SCORER_VERSION

    def __getitem__(self, dimension: str) -> Score:
        return self.scores[dimension]

    def values(self) -> dict[str, float]:
        return {name: score.value for name, score in self.scores.items()}


@dataclass(frozen=True)
class _Unit:
    """A scored piece of text: the headline (index -1) or one sentence."""

    index: int
    text: str


def _units(article: Article) -> list[_Unit]:
    units = [_Unit(TITLE_INDEX, article.title)] if article.title.strip() else []
    return units + [_Unit(s.index, article.sentence_text(s.index)) for s in article.sentences]


def _saturating(hits: int) -> float:
    return 1.0 - 0.5**hits


def _lexicon_unit(dimension: str, unit: _Unit) -> tuple[float, list[tuple[int, str]]]:
    spans = find_cues(dimension, unit.text)
    return _saturating(len(spans)), [(unit.index, unit.text[s:e]) for s, e in spans]


def _tone_unit(unit: _Unit, sign: int) -> tuple[float, list[tuple[int, str]]]:
    compound = tone(unit.text)["compound"]
    lexicon = vader().lexicon
    words = [w for w in _WORD.findall(unit.text) if sign * lexicon.get(w.lower(), 0.0) > 0]
    return max(0.0, sign * compound), [(unit.index, w) for w in words]


def _model_unit(model_name: str, label: str, unit: _Unit, value: float) -> list[tuple[int, str]]:
    if value < 0.5:
        return []
    spans = shipped_model(model_name).drivers(unit.text, label, top=8)
    phrases = [unit.text[s:e] for s, e in spans]
    telling = [p for p in phrases if not set(_WORD.findall(p.lower())) <= STOPWORDS]
    return [(unit.index, p) for p in telling[:3]]


def _combine(values: list[float], found: list[list[tuple[int, str]]]) -> Score:
    order = np.argsort(values)[::-1] if values else []
    evidence: list[tuple[int, str]] = []
    for i in order:
        evidence.extend(p for p in found[i] if p not in evidence)
    return Score(float(np.mean(values)) if values else 0.0, tuple(evidence[:MAX_EVIDENCE]))


def sentence_model_names(embedder=None) -> tuple[str, str]:
    """The (bias, opinion) models to use: the MiniLM-fed pair when a ``minilm`` embedder is given.

    That pair's weights read MiniLM's own 384 dimensions, so it follows the embedder passed, not the brief's
    ``embedder`` setting: any other (the default MUSE too) takes the n-gram + cue pair. The analyse stage passes
    none. (The same logistic recipe fed MUSE vectors scores as the MiniLM-fed one on BABE's folds, bias 0.764 vs
    0.762, opinion 0.660 vs 0.668, n-grams 0.730 / 0.627: ``bench/babe_encoder.py``, BENCHMARKS session 19 — muse;
    no MUSE-fed pair is shipped.)"""
    if embedder is not None and getattr(embedder, "name", "") == "minilm":
        return "babe_bias_minilm", "babe_opinion_minilm"
    return "babe_bias", "babe_opinion"


def _model_values(units: list[_Unit], embedder=None) -> dict[str, list[float]]:
    texts = [u.text for u in units]
    bias_name, opinion_name = sentence_model_names(embedder)
    dense = minilm_features(texts, embedder) if bias_name.endswith("_minilm") else dense_features(texts)
    bias, opinion = shipped_model(bias_name), shipped_model(opinion_name)
    biased = bias.predict_proba(texts, dense)[:, bias.classes.index("Biased")]
    opinion_p = opinion.predict_proba(texts, dense)
    weights = np.array([_OPINION_WEIGHTS.get(c, 1.0) for c in opinion.classes])
    return {"biased": list(biased), "opinion_model": list(opinion_p @ weights)}


def _blended(lexicon: tuple[float, list], model_value: float, model_evidence: list) -> tuple[float, list]:
    value, found = lexicon
    return 0.5 * value + 0.5 * model_value, found + [p for p in model_evidence if p not in found]


def _unit_scores(unit: _Unit, models: dict[str, float], names: tuple[str, str]) -> dict[str, tuple[float, list]]:
    result = {name: _lexicon_unit(name, unit) for name in LEXICONS}
    bias_name, opinion_name = names
    opinion_label = next(c for c in shipped_model(opinion_name).classes if c not in _OPINION_WEIGHTS)
    opinion_drivers = _model_unit(opinion_name, opinion_label, unit, models["opinion_model"])
    bias_drivers = _model_unit(bias_name, "Biased", unit, models["biased"])
    result["opinionated"] = _blended(result["opinionated"], models["opinion_model"], opinion_drivers)
    result["subjective"] = _blended(result["subjective"], models["biased"], bias_drivers)
    result["biased"] = (models["biased"], bias_drivers)
    result["negative_tone"] = _tone_unit(unit, -1)
    result["positive_tone"] = _tone_unit(unit, +1)
    return result


def score_headline(title: str) -> Score:
    """Probability that ``title`` is a clickbait headline, with the words that say so."""
    if not title.strip():
        return Score(0.0)
    model = shipped_model("clickbait")
    value = float(model.predict_proba([title])[0, model.classes.index("clickbait")])
    evidence = _model_unit("clickbait", "clickbait", _Unit(TITLE_INDEX, title), value)
    return Score(value, tuple(evidence))


def score_article(article: Article, embedder=None) -> LanguageScores:
    """Every dimension of ``article``'s language in [0, 1], with the phrases behind each.

    Pass the ``minilm`` embedder (``parallax.embed.get_embedder("minilm")``) for the more
    accurate bias/opinion models; without it scoring needs no neural model at all.
    """
    units = _units(article)
    models = _model_values(units, embedder) if units else {"biased": [], "opinion_model": []}
    names = sentence_model_names(embedder)
    per_unit = [_unit_scores(u, {k: v[i] for k, v in models.items()}, names) for i, u in enumerate(units)]
    dims = [d for d in DIMENSIONS if d != "clickbait"]
    scores = {d: _combine([p[d][0] for p in per_unit], [p[d][1] for p in per_unit]) for d in dims}
    scores["clickbait"] = score_headline(article.title)
    sentences = tuple({d: round(p[d][0], 4) for d in dims} for u, p in zip(units, per_unit) if u.index != TITLE_INDEX)
    return LanguageScores(article.id, {d: scores[d] for d in DIMENSIONS}, sentences, f"{SCORER_VERSION}+{names[0]}")
