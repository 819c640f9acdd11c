"""The title: the plainest of the headlines that best represent the story."""

from __future__ import annotations

import numpy as np

from parallax.models import Article, Citation, CitedSentence
from parallax.write.base import quoted_phrases
from parallax.write.material import StoryMaterial
from parallax.write.pool import SentencePool, embed_texts
from parallax.write.wording import headline_penalty


def headline_centrality(material: StoryMaterial, articles: list[Article]) -> list[float]:
    """Mean cosine of each headline to the other headlines."""
    vectors = embed_texts(material, [a.title for a in articles])
    sim = vectors @ vectors.T
    n = len(articles)
    return [float((sim[i].sum() - sim[i, i]) / (n - 1)) if n > 1 else 1.0 for i in range(n)]


def _usable(article: Article) -> bool:
    # A headline whose quote is not in the lead sentence would fail the quote check.
    if not article.sentences or not article.title.strip():
        return False
    lead = article.sentence_text(0)
    return all(q in lead for q in quoted_phrases(article.title))


def lead_spread(pool: SentencePool | None, article: Article) -> float:
    """Share of the story's countries and leanings that report what the article's lead says (0 without a pool)."""
    if pool is None:
        return 0.0
    where = {(r.article.id, r.index): k for k, r in enumerate(pool.refs)}
    return round(pool.spread(where[(article.id, 0)]), 1) if (article.id, 0) in where else 0.0


def voice(pool: SentencePool | None, article: Article) -> float:
    """How opinionated the article reads: its sentences' mean opinion score, scaled so 0.2 counts as one loaded word."""
    if pool is None:
        return 0.0
    scores = [float(pool.opinion[k]) for k, r in enumerate(pool.refs) if r.article.id == article.id]
    return round(5 * float(np.mean(scores)), 1) if scores else 0.0


def build_title(material: StoryMaterial, pool: SentencePool | None = None) -> CitedSentence | None:
    """The most neutral of the central two thirds of headlines, cited to its article's lead sentence.

    Neutral: fewest loaded words and least opinionated article, less the share of
    camps that report its lead's fact (a state agency's "fully under control"
    loses to what several sides report); ties go to the most central headline.
    """
    articles = [a for a in material.independent_articles() if _usable(a)]
    if not articles:
        return None
    centrality = headline_centrality(material, articles)
    order = list(np.argsort([-c for c in centrality], kind="stable"))
    central = order[: max(2, -(-2 * len(order) // 3))]  # the central two thirds
    best = min(central, key=lambda k: (headline_penalty(articles[k].title) + voice(pool, articles[k])
                                       - lead_spread(pool, articles[k]), -centrality[k]))
    return cited_headline(articles[best])


def cited_headline(article: Article) -> CitedSentence | None:
    """The article's headline cited to its lead sentence; None when it has none, or quotes what the lead does not."""
    if not _usable(article):
        return None
    s = article.sentences[0]
    return CitedSentence(article.title, (Citation(article.id, article.outlet or article.id, 0, s.start, s.end),))
