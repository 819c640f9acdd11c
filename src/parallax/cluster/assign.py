"""Story assignment over a whole batch: a pure function over articles and their vectors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from parallax.cluster.anchors import PLACE_KINDS
from parallax.cluster.consolidate import consolidate
from parallax.cluster.event import EventSpace, crowding, foreign_offsets
from parallax.cluster.index import StoryIndex
from parallax.cluster.signals import anchors_of, day_number, language_terms, lead_of, signals_of
from parallax.cluster.state import ClusterConfig, OpenStory
from parallax.dedupe import ReprintIndex, published_order
from parallax.models import Article, Story


@dataclass(frozen=True)
class ClusterResult:
    stories: list[Story]
    merged: dict[str, str] = field(default_factory=dict)  # retired story id -> surviving id
    held: dict[str, str] = field(default_factory=dict)  # article kept alone -> why


def assign_to_stories(
    articles: Sequence[Article], vectors: Mapping[str, np.ndarray], config: ClusterConfig | None = None
) -> ClusterResult:
    """Place ``articles`` into stories in published order, then join what belongs together (``consolidate``).

    Reprints join their original's story. The whole batch informs the language means and anchor
    frequencies of the event vectors before any article is placed.
    """
    index, originals, held = online_pass(articles, vectors, config or ClusterConfig())
    consolidate(index)
    by_id = {a.id: a for a in articles}
    stories = [to_story(s, by_id, originals) for s in index.stories.values()]
    merged = {old: index.resolve(old) for old in index.merged}
    return ClusterResult(sorted(stories, key=lambda s: s.id), merged, held)


def online_pass(
    articles: Sequence[Article], vectors: Mapping[str, np.ndarray], config: ClusterConfig
) -> tuple[StoryIndex, dict[str, str], dict[str, str]]:
    """The index after placing ``articles`` one at a time in published order, before consolidation;
    with the originals of reprints and the reasons of the articles kept alone."""
    index, reprints = StoryIndex(config), ReprintIndex()
    ordered = published_order(articles)
    events = event_vectors(ordered, vectors, config)
    originals, held = {}, {}
    for article in ordered:
        original = reprints.add(article)
        if original:
            originals[article.id] = original
        signals = signals_of(article, *events[article.id], words=config.reads_words)
        if signals.held and not original:
            held[article.id] = signals.held
        index.add(signals, join=original)
    return index, originals, held


def event_vectors(
    articles: Sequence[Article], vectors: Mapping[str, np.ndarray], config: ClusterConfig
) -> dict[str, tuple[np.ndarray, frozenset[str], float]]:
    """Each article's event vector (the vector as given when ``config.centre`` is off), its places and its crowding."""
    anchors = {a.id: anchors_of(a) for a in articles}
    places = {i: frozenset(x for x in found if x.startswith(PLACE_KINDS)) for i, found in anchors.items()}
    if not config.centre:
        rows = [np.asarray(vectors[a.id], np.float32) for a in articles]
    else:
        words = {a.id: language_terms(lead_of(a), a.language) for a in articles}
        space = EventSpace(config.anchor_weight, config.word_weight)
        for a in articles:
            space.observe(a.language, vectors[a.id], anchors[a.id], words[a.id])
        space.offsets = foreign_offsets([a.language for a in articles], np.stack([vectors[a.id] for a in articles]))
        rows = [space.vector(a.language, vectors[a.id], anchors[a.id], words[a.id]) for a in articles]
    crowd = crowding_of([a.language for a in articles], rows, config)
    return {a.id: (row, places[a.id], float(c)) for a, row, c in zip(articles, rows, crowd, strict=True)}


def crowding_of(languages: Sequence[str], rows: Sequence[np.ndarray], config: ClusterConfig) -> np.ndarray:
    """The articles' crowding (``event.crowding``) under ``config``; zeros when it weighs nothing."""
    if not config.crowd_weight or not len(rows):
        return np.zeros(len(rows))
    c = config
    return crowding(languages, np.stack(rows), c.language_offset, c.crowd_neighbours, c.crowd_floor, c.crowd_cap)


def to_story(state: OpenStory, articles: Mapping[str, Article], originals: Mapping[str, str]) -> Story:
    """The ``Story`` for an open story: members, representative title, dates and reprints."""
    members = [articles[a] for a in state.members]
    dates = [a.published for a in members if a.published is not None]
    reprints = tuple(sorted((a.id, originals[a.id]) for a in members if a.id in originals))
    return Story(
        id=state.id,
        article_ids=tuple(sorted(state.members)),
        title=representative_title(state.titles),
        first_published=min(dates, default=None, key=_sort_key),
        last_published=max(dates, default=None, key=_sort_key),
        reprints=reprints,
    )


def representative_title(titles: Sequence[str]) -> str:
    """The headline sharing most words with the others; the earliest wins ties."""
    words = [set(t.lower().split()) for t in titles]
    shared = [sum(len(w & other) for other in words) for w in words]
    return titles[max(range(len(titles)), key=lambda i: (shared[i], -i))]


def _sort_key(moment: datetime) -> float:
    return day_number(moment) or 0.0
