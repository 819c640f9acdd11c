"""How likely a sentence is a key claim, learned: a logistic model over what any language shows of a sentence.

A key claim states who did what, when, where or how many, in the outlet's own
voice, and reads on its own. Which sentences do is learned from our labels of
the tune half of the brief audit (``train/train_claims.py``; weights and model
card in ``data/models/claims/``) over features every language has — where the
sentence stands in its article (news puts its facts first), its length, the
names and numbers it holds, how many independent outlets state the same fact,
how close it is to the story's centre and headlines, how opinionated it reads,
whether it reports someone's words — plus, for English, the parse's verdict
(``analyse.statements``: a finite verb with an identified subject). The hard
gates (a whole sentence, no quotation, no denial, not commentary) stay in
``sections.claims.is_claim``; the model ranks what passes them and drops what
it gives less than the threshold chosen on the tune half.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from parallax.analyse.statements import self_contained
from parallax.data import logistic, logistic_weights
from parallax.write.pool import SentencePool

WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "models" / "claims" / "weights.json"
FEATURES = ("bias", "lead", "position", "words", "digits", "names", "parsed_yes", "parsed_no", "sources",
            "centrality", "headline", "opinion", "reported", "colon", "paren")
NAME_CAP = 5


def _attributed(article) -> frozenset[int]:
    """The article's sentences that report what someone said (the analyse stage's attributions)."""
    from parallax.write.sections.claims import attributed_sentences

    return attributed_sentences(article)


def _names(text: str) -> int:
    """Capitalised words after the first: who and where, in any script with capitals."""
    words = text.split()[1:]
    return sum(1 for w in words if w[:1].isupper())


def features(pool: SentencePool, i: int) -> tuple[float, ...]:
    """The feature vector of sentence ``i`` of the pool (in ``FEATURES`` order)."""
    r = pool.refs[i]
    count = max(1, len(r.article.sentences) - 1)
    parsed = self_contained(r.article, r.index)
    text = r.text
    values = {
        "bias": 1.0, "lead": float(r.index < 2), "position": r.index / count, "words": min(r.words, 60) / 30,
        "digits": float(any(c.isdigit() for c in text)), "names": min(_names(text), NAME_CAP) / NAME_CAP,
        "parsed_yes": float(parsed is True), "parsed_no": float(parsed is False),
        "sources": math.log1p(len(pool.supporters(i)) - 1), "centrality": float(pool.centralities[i]),
        "headline": float(pool.headline_affinity[i]), "opinion": float(pool.opinion[i]),
        "reported": float(r.index in _attributed(r.article)), "colon": float(":" in text),
        "paren": float("(" in text),
    }
    return tuple(values[k] for k in FEATURES)


@lru_cache(maxsize=1)
def weights() -> dict:
    """The shipped weights: {"features": [...], "coef": [...], "threshold": p}."""
    return logistic_weights(WEIGHTS, FEATURES, "claim model", "train/train_claims.py")


def claim_worthiness(pool: SentencePool, i: int) -> float:
    """The model's chance that sentence ``i`` is a key claim (0–1), worked out once per pool and sentence."""
    cache = pool.derived("claimworthy", dict)
    if i not in cache:
        cache[i] = logistic(features(pool, i), weights()["coef"])
    return cache[i]
