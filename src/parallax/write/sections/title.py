"""The title: the plainest of the headlines that best represent the story."""

from __future__ import annotations

import numpy as np

from parallax.models import Article, Citation, CitedSentence
from parallax.write.base import quoted_phrases
from parallax.write.material import StoryMaterial
from parallax.write.pool import embed_texts
from parallax.write.wording import loaded_words, shouting


def headline_penalty(title: str) -> float:
    """Loaded words, shouting, and the question form all count against a headline."""
    return len(loaded_words(title)) + shouting(title) + (1 if title.rstrip().endswith("?") else 0)


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


def build_title(material: StoryMaterial) -> CitedSentence | None:
    """The most neutral of the central half of headlines, cited to its article's lead sentence."""
    articles = [a for a in material.independent_articles() if _usable(a)]
    if not articles:
        return None
    centrality = headline_centrality(material, articles)
    order = list(np.argsort([-c for c in centrality], kind="stable"))
    central = order[: max(2, (len(order) + 1) // 2)]
    best = min(central, key=lambda k: (headline_penalty(articles[k].title), -centrality[k]))
    article = articles[best]
    s = article.sentences[0]
    return CitedSentence(article.title, (Citation(article.id, article.outlet or article.id, 0, s.start, s.end),))
