"""How likely a sentence is a key claim, learned: a logistic model over what the parse and any language show of it.

A key claim states who did what, when, where or how many, in the outlet's own
voice, and reads on its own. Which sentences do is learned from our labels of
real articles (``train/train_claims.py``: US political news of PAC outside the
audit and the tune half of the real_news_dev audit; weights and model card in
``data/models/claims/``). The features: where the sentence stands in its article
(news puts its facts first), its length, the names and numbers it holds, how
many independent outlets state the same fact, how close it is to the story's
centre and headlines, how opinionated it and its article read, whether it
reports someone's words (for a story one outlet tells, the features that compare outlets take their mean over
the training examples), whether it names a year other than the one its article was published in (background of
another time: an earlier deal, a past figure, a target for a later year), and, where the parser reads the language,
the parse's signals of a self-contained statement (``analyse.statements``: a finite verb,
a subject that names someone or points back, a joining opener, a would/might,
the first or second person). The hard gates (a whole sentence, no quotation, no
denial, not commentary) stay in ``sections.claims.plain_statement``; the model
ranks what passes them and drops what it gives less than the threshold chosen in
training.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from parallax.analyse.statements import SIGNALS, signals
from parallax.data import logistic, logistic_weights
from parallax.write.pool import SentencePool

WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "models" / "claims" / "weights.json"
# The centrality, headline and sources features are cosines of the brief's sentence encoder (the ``embedder``
# setting), so each encoder with weights fitted on its own cosines names its file here; any other (MiniLM, TF-IDF)
# takes ``WEIGHTS``, fitted on MiniLM's.
ENCODER_WEIGHTS = {"muse": "weights_muse.json"}
FEATURES = ("bias", "lead", "position", "words", "digits", "names", "sources", "centrality", "headline", "opinion",
            "article_opinion", "article_personal", "article_past", "reported", "colon", "paren", "other_year", "parsed",
            *SIGNALS)
NAME_CAP = 5
ACROSS_OUTLETS = ("sources", "centrality")  # what one outlet alone cannot show: its training mean stands in
# a year of four digits standing alone ("in 2015", "by 2030"), not part of a longer number ("12,019", "2015.5")
YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|20\d\d)(?![\d]|[.,]\d)")


def _attributed(article) -> frozenset[int]:
    """The article's sentences that report what someone said (the analyse stage's attributions)."""
    from parallax.write.sections.claims import attributed_sentences

    return attributed_sentences(article)


def _names(text: str) -> int:
    """Capitalised words after the first: who and where, in any script with capitals."""
    words = text.split()[1:]
    return sum(1 for w in words if w[:1].isupper())


def other_year(text: str, published) -> float:
    """1 when the sentence names a year other than the one its article was published in (0 when the date is unknown):
    what another time did ("… when the two were negotiating the 2015 deal") or what a later one should."""
    if published is None:
        return 0.0
    return float(any(int(y) != published.year for y in YEAR.findall(text)))


def article_voice(pool: SentencePool, article) -> tuple[float, float]:
    """Shares of the article's parsed sentences in the first or second person and in a past tense: a column argues
    with "we" and "you" in the present, a report tells what happened (0, 0 where the language is not parsed)."""
    def compute() -> tuple[float, float]:
        read = [s for s in (signals(article, k) for k in range(len(article.sentences))) if s]
        if not read:
            return 0.0, 0.0
        return sum(s["personal"] for s in read) / len(read), sum(s["past"] for s in read) / len(read)
    return pool.derived(("article_voice", article.id), compute)


def features(pool: SentencePool, i: int) -> tuple[float, ...]:
    """The feature vector of sentence ``i`` of the pool (in ``FEATURES`` order)."""
    r = pool.refs[i]
    count = max(1, len(r.article.sentences) - 1)
    parsed = signals(r.article, r.index)
    text = r.text
    values = {
        "bias": 1.0, "lead": float(r.index < 2), "position": r.index / count, "words": min(r.words, 60) / 30,
        "digits": float(any(c.isdigit() for c in text)), "names": min(_names(text), NAME_CAP) / NAME_CAP,
        "sources": math.log1p(len(pool.supporters(i)) - 1), "centrality": float(pool.centralities[i]),
        "headline": float(pool.headline_affinity[i]), "opinion": float(pool.opinion[i]),
        "article_opinion": pool.article_opinion.get(r.article.id, 0.0),
        **dict(zip(("article_personal", "article_past"), article_voice(pool, r.article))),
        "reported": float(r.index in _attributed(r.article)), "colon": float(":" in text),
        "paren": float("(" in text), "other_year": other_year(text, r.article.published),
        "parsed": float(parsed is not None), **(parsed or dict.fromkeys(SIGNALS, 0.0)),
    }
    if len(pool.sources) < 2:
        values |= {k: weights(pool.material.embedder)["neutral"][k] for k in ACROSS_OUTLETS}
    return tuple(values[k] for k in FEATURES)


def weights_file(embedder: str = "") -> Path:
    """The weights fitted on ``embedder``'s cosines (``ENCODER_WEIGHTS``), else the MiniLM-fitted ``WEIGHTS``."""
    return WEIGHTS.parent / ENCODER_WEIGHTS[embedder] if embedder in ENCODER_WEIGHTS else WEIGHTS


@lru_cache(maxsize=4)
def weights(embedder: str = "") -> dict:
    """The shipped weights for the brief's encoder: {"features": [...], "coef": [...], "threshold": p,
    "neutral": {feature: mean}}, and "cut" where the head has a cut of its own. A head names the features it weighs:
    one fitted before a feature was added keeps working without it."""
    return logistic_weights(weights_file(embedder), FEATURES, "claim model", "train/train_claims.py", some=True)


def claim_worthiness(pool: SentencePool, i: int) -> float:
    """The model's chance that sentence ``i`` is a key claim (0–1), worked out once per pool and sentence."""
    cache = pool.derived("claimworthy", dict)
    if i not in cache:
        found = weights(pool.material.embedder)
        values = dict(zip(FEATURES, features(pool, i)))
        cache[i] = logistic(tuple(values[k] for k in found["features"]), found["coef"])
    return cache[i]
