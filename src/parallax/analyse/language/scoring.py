"""Score an article's language on every dimension, with the phrases that drove each score.

Sentence values are in [0, 1]; an article's value is the mean over its title
and sentences (the share of loaded language, not its mere presence), except
``clickbait``, which reads the headline only. Evidence points at
``(sentence_index, phrase)``; index ``TITLE_INDEX`` (-1) is the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from parallax.analyse.language.cues import all_cues
from parallax.analyse.language.features import DENSE_NAMES, dense_values, tone, vader
from parallax.analyse.language.lexicons import LEXICONS, STOPWORDS
from parallax.analyse.language.linear import text_tokens
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


@dataclass(frozen=True)
class _Read:
    """What a unit's text gives once, for its features and its scores alike: cue spans per dimension, VADER."""

    cues: dict[str, tuple[tuple[int, int], ...]]
    tone: dict[str, float]

    @classmethod
    def of(cls, unit: _Unit) -> _Read:
        return cls(all_cues(unit.text), tone(unit.text))

    def dense(self) -> list[float]:
        return dense_values({d: len(spans) for d, spans in self.cues.items()}, self.tone)


def _units(article: Article) -> list[_Unit]:
    units = [_Unit(TITLE_INDEX, article.title)] if article.title.strip() else []
    return units + [_Unit(s.index, article.sentence_text(s.index)) for s in article.sentences]


def _saturating(hits: int) -> float:
    return 1.0 - 0.5**hits


def _lexicon_unit(unit: _Unit, spans: tuple[tuple[int, int], ...]) -> tuple[float, list[tuple[int, str]]]:
    if not spans:  # most units of most lexicons: _saturating(0) is 0.0
        return 0.0, []
    return _saturating(len(spans)), [(unit.index, unit.text[s:e]) for s, e in spans]


def _tone_units(unit: _Unit, compound: float) -> tuple[tuple[float, list], tuple[float, list]]:
    """(negative, positive) tone of a unit: VADER's compound either side of 0, and the words whose lexicon value
    has that sign."""
    lexicon = vader().lexicon
    valued = [(w, v) for w in _WORD.findall(unit.text) if (v := lexicon.get(w.lower(), 0.0))]  # 0 has no sign
    negative = [(unit.index, w) for w, v in valued if -1 * v > 0]
    positive = [(unit.index, w) for w, v in valued if +1 * v > 0]
    return (max(0.0, -1 * compound), negative), (max(0.0, +1 * compound), positive)


def _model_unit(model_name: str, label: str, unit: _Unit, value: float) -> list[tuple[int, str]]:
    if value < 0.5:
        return []
    spans = shipped_model(model_name).drivers(unit.text, label, top=8)
    phrases = [unit.text[s:e] for s, e in spans]
    telling = [p for p in phrases if not set(_WORD.findall(p.lower())) <= STOPWORDS]
    return [(unit.index, p) for p in telling[:3]]


def _combine(values: list[float], found: list[list[tuple[int, str]]]) -> Score:
    if not values:
        return Score(0.0, ())
    return _combined(np.mean(values), np.argsort(values)[::-1], found)


def _combined(mean: float, order, found: list[list[tuple[int, str]]]) -> Score:
    """An article's score: the mean of its units' values, and their evidence, highest-valued unit first."""
    evidence: list[tuple[int, str]] = []
    for i in order:
        if found[i]:
            evidence.extend(p for p in found[i] if p not in evidence)
    return Score(float(mean), tuple(evidence[:MAX_EVIDENCE]))


def _combine_all(per_unit: list[dict], dims: list[str]) -> dict[str, Score]:
    """``_combine`` of every dimension, the means and orders of all taken over one (dimension x unit) array: a row's
    mean and sort are the ones its values get alone."""
    if not per_unit:
        return {d: Score(0.0, ()) for d in dims}
    values = np.array([[p[d][0] for p in per_unit] for d in dims], dtype=np.float64)
    means, orders = np.mean(values, axis=1), np.argsort(values, axis=1)[:, ::-1]
    return {d: _combined(means[k], orders[k], [p[d][1] for p in per_unit]) for k, d in enumerate(dims)}


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


def _dense(groups: list[list[_Unit]], reads: list[_Read], minilm, embedder) -> np.ndarray:
    """Every unit's dense features (cues, VADER; then its MiniLM vector for the MiniLM-fed pair, each article's
    units embedded as one batch, as one article alone would be)."""
    rows = np.array([r.dense() for r in reads], dtype=np.float64).reshape(len(reads), len(DENSE_NAMES))
    if not minilm:
        return rows
    vectors = [np.asarray(embedder.embed_batch([u.text for u in units]), dtype=np.float64) for units in groups if units]
    return np.hstack([rows, np.vstack(vectors)])


def _model_values(groups: list[list[_Unit]], reads: list[_Read], names: tuple[str, str], embedder) -> dict:
    """Per unit of all articles in one call per model: bias probability and opinion strength.

    A row's value depends on that row alone (hashing, tf-idf, the sparse product), so scoring a batch's units
    together gives each the number it gets scored alone."""
    texts = [u.text for units in groups for u in units]
    if not texts:
        return {"biased": np.zeros(0), "opinion_model": np.zeros(0)}
    dense = _dense(groups, reads, names[0].endswith("_minilm"), embedder)
    bias, opinion = shipped_model(names[0]), shipped_model(names[1])
    tokens = [text_tokens(t) for t in texts]  # read once for both models
    biased = bias.predict_proba(texts, dense, tokens)[:, bias.classes.index("Biased")]
    opinion_p = opinion.predict_proba(texts, dense, tokens)
    weights = np.array([_OPINION_WEIGHTS.get(c, 1.0) for c in opinion.classes])
    return {"biased": biased, "opinion_model": opinion_p @ weights}


def _blended(lexicon: tuple[float, list], model_value: float, model_evidence: list) -> tuple[float, list]:
    value, found = lexicon
    return 0.5 * value + 0.5 * model_value, found + [p for p in model_evidence if p not in found]


def _unit_scores(unit: _Unit, read: _Read, models: dict[str, float], names: tuple[str, str]) -> dict[str, tuple]:
    result = {name: _lexicon_unit(unit, spans) if spans else (0.0, []) for name, spans in read.cues.items()}
    bias_name, opinion_name = names
    opinion_drivers = _model_unit(opinion_name, _opinion_label(opinion_name), unit, models["opinion_model"])
    bias_drivers = _model_unit(bias_name, "Biased", unit, models["biased"])
    result["opinionated"] = _blended(result["opinionated"], models["opinion_model"], opinion_drivers)
    result["subjective"] = _blended(result["subjective"], models["biased"], bias_drivers)
    result["biased"] = (models["biased"], bias_drivers)
    result["negative_tone"], result["positive_tone"] = _tone_units(unit, read.tone["compound"])
    return result


@cache
def _opinion_label(opinion_name: str) -> str:
    return next(c for c in shipped_model(opinion_name).classes if c not in _OPINION_WEIGHTS)


def score_headline(title: str) -> Score:
    """Probability that ``title`` is a clickbait headline, with the words that say so."""
    return _headline_scores([title])[0]


def _headline_scores(titles: list[str]) -> list[Score]:
    """``score_headline`` of every title, the model run once over all of them."""
    model = shipped_model("clickbait")
    given = [t for t in titles if t.strip()]
    probabilities = model.predict_proba(given, tokens=[text_tokens(t) for t in given])
    values = iter(probabilities[:, model.classes.index("clickbait")])
    scores = []
    for title in titles:
        value = float(next(values)) if title.strip() else 0.0
        evidence = _model_unit("clickbait", "clickbait", _Unit(TITLE_INDEX, title), value) if title.strip() else []
        scores.append(Score(value, tuple(evidence)))
    return scores


def score_article(article: Article, embedder=None) -> LanguageScores:
    """Every dimension of ``article``'s language in [0, 1], with the phrases behind each.

    Pass the ``minilm`` embedder (``parallax.embed.get_embedder("minilm")``) for the more
    accurate bias/opinion models; without it scoring needs no neural model at all.
    """
    return score_articles([article], embedder)[0]


def score_articles(articles: list[Article], embedder=None) -> list[LanguageScores]:
    """``score_article`` of each article, the models run once over all their headlines and sentences."""
    names = sentence_model_names(embedder)
    groups = [_units(a) for a in articles]
    reads = [_Read.of(u) for units in groups for u in units]
    models = _model_values(groups, reads, names, embedder)
    headlines = _headline_scores([a.title for a in articles])
    scored, start = [], 0
    for article, units, headline in zip(articles, groups, headlines):
        end = start + len(units)
        per_unit = [
            _unit_scores(u, reads[start + i], {k: v[start + i] for k, v in models.items()}, names)
            for i, u in enumerate(units)
        ]
        scored.append(_article_scores(article, units, per_unit, headline, names))
        start = end
    return scored


def _rounded(values: list) -> list:
    """``round(v, 4)`` of each value: NumPy's rounding over an array when all are NumPy floats (the models' values;
    the same arithmetic, once), Python's one by one otherwise (plain floats round their own way)."""
    if values and all(type(v) is np.float64 for v in values):
        return list(np.round(np.array(values), 4))
    return [round(v, 4) for v in values]


def _article_scores(article: Article, units: list[_Unit], per_unit: list, headline: Score, names) -> LanguageScores:
    dims = [d for d in DIMENSIONS if d != "clickbait"]
    scores = _combine_all(per_unit, dims)
    scores["clickbait"] = headline
    kept = [p for u, p in zip(units, per_unit) if u.index != TITLE_INDEX]
    rounded = {d: _rounded([p[d][0] for p in kept]) for d in dims}
    sentences = tuple({d: rounded[d][k] for d in dims} for k in range(len(kept)))
    return LanguageScores(article.id, {d: scores[d] for d in DIMENSIONS}, sentences, f"{SCORER_VERSION}+{names[0]}")
