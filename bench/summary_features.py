"""Features of a summary candidate sentence for ``bench/summary_scorer.py`` (an experiment, not shipped)."""

from __future__ import annotations

import math
import re

import numpy as np

from parallax.write.pool import SentencePool, embed_texts
from parallax.write.wording import headline_penalty, loadedness, own_words, stands_alone

_CAPITAL = re.compile(r"\b[A-Z][a-z]+")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_REPORTED = re.compile(r"\b(said|says|told|according to|stated|added)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(I|we|our|us|my|me)\b")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b")

FEATURES = (
    "index", "lead", "position", "relative_position", "words", "log_words", "support", "spread",
    "centrality", "headline", "own_title", "centroid", "centroid_rank", "centrality_rank", "loaded",
    "opinion", "numbers", "capitals", "quoted", "reported", "first_person", "weekday", "stands_alone",
    "sentences", "articles", "article_centroid", "article_rank", "central_lead", "title_loaded",
    "article_words", "article_sentences", "centrality_gap", "headline_gap", "own_title_gap", "centroid_gap",
    "lexical_support", "lexical_any", "title_words", "lexical_gap",
)
_TOKEN = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "them", "we", "our", "you", "your", "i", "not", "no", "after", "before", "over", "about", "into", "than", "then", "will", "would", "could", "should", "can", "may", "might", "also", "who", "whom", "which", "what", "when", "where", "while", "said", "says"]
)


def content_words(text: str) -> set[str]:
    """Lower-case content words, crudely stemmed (trailing s dropped), stop words out."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _TOKEN.findall(text.lower()) if w not in _STOP}


def sentence_features(pool: SentencePool, ids: list[int]) -> np.ndarray:
    """One row of ``FEATURES`` per sentence position in ``ids``."""
    if not ids:
        return np.zeros((0, len(FEATURES)))
    story = _story_context(pool, ids)
    return np.array([_row(pool, i, ids, story) for i in ids], dtype=np.float64)


def _story_context(pool: SentencePool, ids: list[int]) -> dict:
    """What every candidate's row compares against: story-wide scores, article ranks and word sets."""
    refs, articles = pool.refs, pool.material.articles
    titles = [a.title for a in articles]
    title_vectors = embed_texts(pool.material, titles) if any(t.strip() for t in titles) else None
    title_of = {a.id: k for k, a in enumerate(articles)}
    originals = [j for j, r in enumerate(refs) if not r.reprint] or list(range(len(refs)))
    centre = pool.vectors[originals].mean(axis=0)
    centroid = pool.vectors @ (centre / (np.linalg.norm(centre) or 1.0))
    members: dict[str, list[int]] = {}
    for j, r in enumerate(refs):
        members.setdefault(r.article.id, []).append(j)
    article_centroid = {a: float(np.mean(centroid[js])) for a, js in members.items()}
    ranked = sorted(article_centroid, key=lambda a: -article_centroid[a])
    own_titles = np.array([float(pool.vectors[j] @ title_vectors[title_of[r.article.id]])
                           if title_vectors is not None and r.article.id in title_of else 0.0
                           for j, r in enumerate(refs)])
    story = {
        "per_article": {a.id: max(1, len(a.sentences)) for a in articles},
        "centroid": centroid,
        "centrality": np.array([pool.centrality(j) for j in range(len(refs))]),
        "headline": np.asarray(pool.headline_affinity, dtype=np.float64),
        "own_title": own_titles,
        "article_centroid": article_centroid,
        "article_rank": {a: k / max(1, len(ranked) - 1) for k, a in enumerate(ranked)},
        "title_words": set().union(*(content_words(a.title) for a in articles)) if articles else set(),
    }
    story["best"] = {name: float(story[name][ids].max()) for name in ("centrality", "headline", "own_title", "centroid")}
    words_of = {a.id: content_words(f"{a.title} {a.text}") for a in articles}
    story["lexical"] = {i: _lexical(content_words(refs[i].text), refs[i].article.id, words_of) for i in ids}
    story["top_lexical"] = max(v[0] for v in story["lexical"].values())
    return story


def _row(pool: SentencePool, i: int, ids: list[int], story: dict) -> list[float]:
    """The ``FEATURES`` of candidate ``i``, in order."""
    r, refs, best = pool.refs[i], pool.refs, story["best"]
    text, words, article = r.text, max(1, r.words), r.article.id
    own = own_words(text)
    quoted = sum(len(q) for q in _QUOTED.findall(text)) / max(1, len(text))
    centroid, centrality, headline = story["centroid"], story["centrality"], story["headline"]
    own_title, lexical, per_article = float(story["own_title"][i]), story["lexical"][i], story["per_article"]
    rank = story["article_rank"][article]
    return [
        r.index, float(r.index == 0), 1.0 / math.sqrt(1 + r.index), r.index / per_article.get(article, 1),
        words, math.log(words), (len(pool.supporters(i)) - 1) / max(1, len(pool.sources) - 1), pool.spread(i),
        centrality[i], float(pool.headline_affinity[i]), own_title, float(centroid[i]),
        _rank(centroid, i, ids), _rank(centrality, i, ids), loadedness(own_words(text)),
        float(pool.opinion[i]), len(r.numbers), len(_CAPITAL.findall(text[1:])) / words, quoted,
        float(bool(_REPORTED.search(text))), len(_FIRST_PERSON.findall(own)), float(bool(_WEEKDAY.search(text))),
        float(stands_alone(text)), len(refs), len(pool.material.articles),
        story["article_centroid"][article], rank, float(r.index == 0 and rank == 0),
        headline_penalty(r.article.title), len(r.article.text.split()), per_article.get(article, 1),
        centrality[i] - best["centrality"], headline[i] - best["headline"], own_title - best["own_title"],
        centroid[i] - best["centroid"], lexical[0], lexical[1],
        len(content_words(text) & story["title_words"]) / max(1, len(content_words(text))),
        lexical[0] - story["top_lexical"],
    ]


def _lexical(mine: set[str], article: str, words_of: dict[str, set[str]]) -> tuple[float, float]:
    """(mean over the other articles, any other article): share of the sentence's content words they also use."""
    others = [w for a, w in words_of.items() if a != article]
    if not mine or not others:
        return 0.0, 0.0
    return (float(np.mean([len(mine & w) / len(mine) for w in others])),
            len(mine & set().union(*others)) / len(mine))


def _rank(values: np.ndarray, i: int, ids: list[int]) -> float:
    """Share of the other candidates that score above sentence ``i`` (0: the best)."""
    others = [values[j] for j in ids if j != i]
    return sum(v > values[i] for v in others) / len(others) if others else 0.0
