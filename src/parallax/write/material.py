"""What a writer reads: one story, its articles, their outlets and wire copies."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from parallax.models import Article, Outlet, Story

SentenceVectors = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class StoryMaterial:
    """A story with everything a writer needs; ``sentence_vectors`` None means TF-IDF."""

    story: Story
    articles: tuple[Article, ...]
    outlets: Mapping[str, Outlet] = field(default_factory=dict)
    reprints: Mapping[str, str] = field(default_factory=dict)  # reprint article id -> original id
    sentence_vectors: SentenceVectors | None = None
    embedder: str = "tfidf"
    generated_at: datetime | None = None  # fixed clock for reproducible briefs; None = now
    # per article id, its sentences' language values as the analyse stage stored them (``score_article``'s)
    sentence_scores: Mapping[str, tuple[dict[str, float], ...]] = field(default_factory=dict)

    def outlet_of(self, article: Article) -> Outlet:
        """The article's outlet from the catalog, or a bare ``Outlet(name=...)``."""
        return self.outlets.get(article.outlet) or Outlet(name=article.outlet)

    def is_reprint(self, article: Article) -> bool:
        return article.id in self.reprints

    def source_key(self, article: Article) -> str:
        """Who really wrote it: the original's outlet for a reprint; the id when no outlet is known."""
        by_id = {a.id: a for a in self.articles}
        original = by_id.get(self.reprints.get(article.id, ""), article)
        return original.outlet or original.id

    def independent_articles(self) -> tuple[Article, ...]:
        """Articles that are not wire copies of another article in the story."""
        return tuple(a for a in self.articles if not self.is_reprint(a))


def material_for(
    story: Story,
    articles: Sequence[Article],
    outlets: Sequence[Outlet] | Mapping[str, Outlet] = (),
    sentence_vectors: SentenceVectors | None = None,
    embedder: str = "tfidf",
) -> StoryMaterial:
    """Build ``StoryMaterial`` from a stored story (its reprint pairs become the mapping)."""
    by_name = dict(outlets) if isinstance(outlets, Mapping) else {o.name: o for o in outlets}
    return StoryMaterial(
        story=story,
        articles=tuple(articles),
        outlets=by_name,
        reprints=dict(story.reprints),
        sentence_vectors=sentence_vectors,
        embedder=embedder if sentence_vectors is not None else "tfidf",
    )
