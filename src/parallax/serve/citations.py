"""Resolve a brief's citations to the exact sentences they point at.

The brief is plain JSON (``parallax.brief/1``); these functions walk it without
knowing every section's shape, so a new section needs no change here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from parallax.models import Article

Annotator = Callable[[dict], dict]


def cited_sentence(citation: Mapping[str, Any], articles: Mapping[str, Article]) -> str | None:
    """``article.text[start:end]`` for a citation, or None when it does not resolve."""
    article = articles.get(str(citation.get("article_id", "")))
    start, end = citation.get("start"), citation.get("end")
    if article is None or not isinstance(start, int) or not isinstance(end, int):
        return None
    if not 0 <= start < end <= len(article.text):
        return None
    return article.text[start:end]


def annotate_citations(node: Any, extra: Annotator) -> Any:
    """A copy of ``node`` where every citation dict gains the keys ``extra(citation)`` returns."""
    if isinstance(node, dict):
        return {key: _annotate_value(key, value, extra) for key, value in node.items()}
    if isinstance(node, list):
        return [annotate_citations(item, extra) for item in node]
    return node


def _annotate_value(key: str, value: Any, extra: Annotator) -> Any:
    if key == "citations" and isinstance(value, list):
        return [{**c, **extra(c)} if isinstance(c, dict) else c for c in value]
    return annotate_citations(value, extra)


def with_sentences(body: dict, articles: Mapping[str, Article]) -> dict:
    """The brief with each citation's resolved ``sentence`` text (None if it does not resolve)."""
    return annotate_citations(body, lambda c: {"sentence": cited_sentence(c, articles)})


def cited_items(node: Any) -> Iterator[dict]:
    """Every ``{"text", "citations"}`` item inside ``node``, in document order."""
    if isinstance(node, dict):
        if isinstance(node.get("text"), str) and isinstance(node.get("citations"), list):
            yield node
        for value in node.values():
            yield from cited_items(value)
    elif isinstance(node, list):
        for item in node:
            yield from cited_items(item)


def cited_article_ids(body: Mapping[str, Any]) -> list[str]:
    """Ids of every article a brief cites or lists as a source, first mention first."""
    ids = [str(s.get("article_id")) for s in body.get("sources", []) if isinstance(s, dict)]
    for item in cited_items(body):
        ids.extend(str(c.get("article_id")) for c in item["citations"] if isinstance(c, dict))
    return list(dict.fromkeys(i for i in ids if i and i != "None"))


def marker_annotator(articles: Mapping[str, Article], numbers: Mapping[str, int]) -> Annotator:
    """Annotator for the HTML page: sentence text, a unique ``ref`` id and the source number."""
    counter = itertools.count(1)

    def extra(citation: dict) -> dict:
        return {
            "sentence": cited_sentence(citation, articles),
            "ref": f"cite-{next(counter)}",
            "number": numbers.get(str(citation.get("article_id", ""))),
        }

    return extra
