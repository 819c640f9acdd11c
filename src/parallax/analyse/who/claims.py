"""Claims of a story: statements several articles make, with who asserts, disputes or leaves them out.

Sentences from different articles that say the same thing (TF-IDF cosine, or
the caller's sentence vectors) form one claim. A related sentence that denies
or rebuts it ("denied", "absurd", "utter nonsense") — or that the stance model
calls "disagree" — makes its outlet a disputer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from parallax.analyse.who.stance import classify_stance
from parallax.errors import ModelError
from parallax.models import Article, Citation

TFIDF_THRESHOLD = 0.45  # same-claim similarity for TF-IDF vectors
VECTOR_THRESHOLD = 0.75  # same-claim similarity for sentence-embedding vectors
RELATED_SHARE = 0.45  # a disputing sentence must be at least this share as similar as a same-claim one
MIN_WORDS = 6
DISPUTE = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:e|es|ed)|rebut(?:s|ted)?|absurd|"
    r"nonsense|baseless|false|untrue|fabricat\w+|lie|lies|no evidence|without evidence|disput(?:e|es|ed)|"
    r"groundless|ridiculous|propaganda)\b",
    re.I,
)


@dataclass(frozen=True)
class Claim:
    """One statement and where the story's outlets stand on it."""

    text: str
    citations: tuple[Citation, ...]  # sentences that assert it
    asserted_by: tuple[str, ...]
    disputed_by: tuple[str, ...]
    omitted_by: tuple[str, ...]
    disputes: tuple[Citation, ...]  # sentences that dispute it


@dataclass(frozen=True)
class _Statement:
    citation: Citation
    text: str


def _statements(articles: Sequence[Article], outlets_by_article: Mapping[str, str]) -> list[_Statement]:
    found = []
    for article in articles:
        outlet = outlets_by_article.get(article.id, article.outlet)
        for s in article.sentences:
            found.append(_Statement(Citation(article.id, outlet, s.index, s.start, s.end), article.text[s.start : s.end]))
    return found


def _similarity(statements: list[_Statement], vectors: Mapping[str, np.ndarray] | None) -> tuple[np.ndarray, float]:
    if vectors is not None:
        rows = np.array([vectors[s.citation.article_id][s.citation.sentence_index] for s in statements], dtype=float)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True) + 1e-12
        return rows @ rows.T, VECTOR_THRESHOLD
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([s.text for s in statements])
    return (matrix @ matrix.T).toarray(), TFIDF_THRESHOLD


def _groups(statements: list[_Statement], sim: np.ndarray, threshold: float) -> list[list[int]]:
    groups: list[list[int]] = []
    for i, statement in enumerate(statements):
        if len(statement.text.split()) < MIN_WORDS or DISPUTE.search(statement.text):
            continue
        home = next((g for g in groups if sim[i, g[0]] >= threshold
                     and statement.citation.article_id not in {statements[j].citation.article_id for j in g}), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    return [g for g in groups if len({statements[j].citation.outlet for j in g}) >= 2]


def _disputes_claim(claim: str, sentence: str) -> bool:
    if DISPUTE.search(sentence):
        return True
    try:
        label, probability = classify_stance(claim, sentence)
    except ModelError:
        return False
    return label == "disagree" and probability >= 0.5


def _claim(group: list[int], statements: list[_Statement], sim: np.ndarray, threshold: float,
           outlets: Sequence[str]) -> Claim:
    lead = statements[group[0]]
    related = np.where(sim[group].max(axis=0) >= threshold * RELATED_SHARE)[0]
    disputes = tuple(statements[j].citation for j in related
                     if j not in group and _disputes_claim(lead.text, statements[j].text))
    asserted = tuple(sorted({statements[j].citation.outlet for j in group}))
    disputed = tuple(sorted({c.outlet for c in disputes}))
    omitted = tuple(o for o in outlets if o not in asserted and o not in disputed)
    return Claim(lead.text, tuple(statements[j].citation for j in group), asserted, disputed, omitted, disputes)


def map_claims(
    articles: Sequence[Article],
    outlets_by_article: Mapping[str, str],
    vectors: Mapping[str, np.ndarray] | None = None,
) -> tuple[Claim, ...]:
    """Claims made by at least two outlets, most widely asserted first.

    ``vectors[article_id][i]`` is sentence i's vector when given; TF-IDF over the
    story's sentences otherwise.
    """
    statements = _statements(articles, outlets_by_article)
    if not statements:
        return ()
    sim, threshold = _similarity(statements, vectors)
    outlets = sorted({s.citation.outlet for s in statements})
    claims = [_claim(g, statements, sim, threshold, outlets) for g in _groups(statements, sim, threshold)]
    return tuple(sorted(claims, key=lambda c: (-len(c.asserted_by), c.citations[0].article_id,
                                               c.citations[0].sentence_index)))
