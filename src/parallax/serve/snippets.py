"""Search results: the sentence that best shows why an article matched, with the hits marked."""

from __future__ import annotations

import re

from parallax.models import Article

SNIPPET_CHARS = 280


def query_terms(query: str) -> list[str]:
    """The words of a query, as the full-text index sees them."""
    return re.findall(r"\w+", query.lower())


def best_sentence(article: Article, terms: list[str]) -> str:
    """The first sentence holding the most query terms (the opening one if none does)."""
    sentences = [article.sentence_text(s.index) for s in article.sentences] or [article.text]
    scored = [(sum(t in s.lower() for t in terms), -i, s) for i, s in enumerate(sentences)]
    text = max(scored)[2]
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rstrip() + "…"


def mark_terms(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (part, is_hit) pieces; templates escape each part."""
    if not terms:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [(text[last : match.start()], False), (match.group(), True)]
        last = match.end()
    parts.append((text[last:], False))
    return [p for p in parts if p[0]]


def search_result(article: Article, terms: list[str], story_id: str | None) -> dict:
    """One search hit as JSON-ready data."""
    snippet = best_sentence(article, terms)
    return {
        "article_id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "story_id": story_id, "story_url": f"/stories/{story_id}" if story_id else None,
        "snippet": snippet, "snippet_parts": mark_terms(snippet, terms),
    }
