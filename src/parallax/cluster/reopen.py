"""Reopening a frozen story: a new article that joined no open story may be the same event's later development.

A story frozen when it went cold (or when the open window was full) leaves the assignment state. What
is kept for it is a sketch of its mean event vector: the dense block (the centred embedding) projected
onto ``SKETCH_DIMENSIONS`` fixed random directions and made unit length, beside the day of its last
article. The store indexes the sketches (pgvector's HNSW on PostgreSQL; on SQLite the sketches of the
stories that ended within ``HORIZON_DAYS``, read once a run), so a lookup never scans the archive.

An article that starts a story of its own asks the index for the ``CANDIDATES`` nearest frozen stories
whose sketch cosine reaches ``SKETCH_FLOOR``; each is thawed (its members read back and projected into
the event space as it now stands) and scored as joining scores, with the time between them counted
as ``GAP_WEIGHT`` times the log of the windows between. At ``REOPEN_THRESHOLD`` or above, well over
the join bar, the article's new story merges into the frozen one, which keeps its id, opens again,
and the reopening is recorded in the store.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from parallax.cluster.event import LEXICAL_DIMENSIONS
from parallax.cluster.index import StoryIndex
from parallax.cluster.signals import Signals
from parallax.cluster.state import OpenStory, day_gap
from parallax.models import Story

SKETCH_DIMENSIONS = 256  # the index's width, whatever the embedder (pgvector's HNSW takes at most 2,000)
HORIZON_DAYS = 400.0  # a frozen story is looked up until this long after its last article (a year's anniversary)
CANDIDATES = 3  # frozen stories thawed and scored in full, at most, per article
SKETCH_FLOOR = 0.5  # the sketch cosine a frozen story needs to be thawed at all (0.2 thaws more and, at the
# bar below, reopens nothing more on the tune half)
REOPEN_THRESHOLD = 0.5  # the score (join score, time counted as below) that reopens a frozen story; join bar 0.2.
# Chosen (bench/reopen_bar.py, e5, daily replays) as the lowest bar at which no reopening on the tune half of
# real_news_dev, pac_train or BASIL is wrong: 0.4 (sketch floor 0.2) and 0.3 reopen more on the tune half, all
# rightly, but join pac_train articles to other events' stories
GAP_WEIGHT = 0.1  # the time between: this times log2(1 + windows between the article and the story's span)
# (not fitted: of the labelled sets only real_news_dev has developments past a window, two: Wagner, Kerch)

Lookup = Callable[[np.ndarray, float | None], list[tuple[str, float]]]  # (sketch, day) -> (frozen story, cosine)
Thaw = Callable[[str], OpenStory | None]  # frozen story id -> the story in the event space as it now stands
Frozen = tuple[str, float | None, np.ndarray]  # (story id, day of its last article, sketch)


def sketch(vector: np.ndarray) -> np.ndarray:
    """The unit-length sketch of an event vector's (or a story mean's) dense block."""
    dense = np.asarray(vector[: max(0, len(vector) - LEXICAL_DIMENSIONS)], np.float32)
    projected = dense @ _directions(len(dense))
    norm = float(np.linalg.norm(projected))
    return projected / norm if norm else projected


def _directions(width: int, cache: dict[int, np.ndarray] = {}) -> np.ndarray:  # noqa: B006 - a per-width memo
    if width not in cache:
        rng = np.random.default_rng(20261207)  # fixed: stored sketches and later queries must agree
        cache[width] = (rng.standard_normal((width, SKETCH_DIMENSIONS)) / math.sqrt(SKETCH_DIMENSIONS)).astype(np.float32)
    return cache[width]


def frozen_sketches(index: StoryIndex, still_open: set[str]) -> list[Frozen]:
    """The sketches of the stories about to leave the state (not open, not held alone)."""
    return [(s.id, s.last_day, sketch(s.vector_sum / len(s.members)))
            for s in index.stories.values() if s.id not in still_open and not s.held and s.members]


def reopen_score(index: StoryIndex, item: Signals, story: OpenStory) -> float:
    """The join score of ``item`` for a thawed ``story``, its time penalty replaced by a logarithmic one."""
    c = index.config
    cosine = float(item.vector @ (story.vector_sum / len(story.members)))
    gap = day_gap(item.day, story) / c.window_days
    plain = index.score(item, story, cosine, {}) + c.time_weight * gap
    return plain - GAP_WEIGHT * math.log2(1.0 + gap)


def best_frozen(index: StoryIndex, item: Signals, lookup: Lookup, thaw: Thaw) -> str | None:
    """The frozen story ``item`` reopens: the best-scoring candidate at ``REOPEN_THRESHOLD`` or above."""
    found = [s for s, cosine in lookup(sketch(item.vector), item.day) if cosine >= SKETCH_FLOOR][:CANDIDATES]
    stories = [story for story in map(thaw, found) if story is not None]
    scored = [(reopen_score(index, item, story), story.id) for story in stories]
    best = max(scored, default=None)
    return best[1] if best and best[0] >= REOPEN_THRESHOLD else None


class FrozenSketches:
    """The sketches of frozen stories, held in memory: the index of replays without a store (the stores search
    their own table: pgvector's HNSW index, SQLite an exact product over the sketches read once a run)."""

    def __init__(self, rows: Sequence[Frozen] = ()):
        self.ids: list[str] = []
        self.days = np.zeros(0)
        self.matrix = np.zeros((0, SKETCH_DIMENSIONS), np.float32)
        self.add(rows)

    def add(self, rows: Sequence[Frozen]) -> None:
        fresh = {r[0] for r in rows}
        keep = [i for i, s in enumerate(self.ids) if s not in fresh]
        self.ids = [self.ids[i] for i in keep] + [r[0] for r in rows]
        days = [np.nan if r[1] is None else r[1] for r in rows]
        self.days = np.concatenate([self.days[keep], np.asarray(days, float)])
        self.matrix = np.vstack([self.matrix[keep], *[r[2][None, :] for r in rows]]) if rows else self.matrix[keep]

    def drop(self, story_ids: set[str]) -> None:
        keep = [i for i, s in enumerate(self.ids) if s not in story_ids]
        self.ids, self.days, self.matrix = [self.ids[i] for i in keep], self.days[keep], self.matrix[keep]

    def nearest(self, query: np.ndarray, day: float | None, count: int = CANDIDATES) -> list[tuple[str, float]]:
        """Up to ``count`` frozen stories by sketch cosine, highest first, that ended within the horizon of
        ``day`` (undated articles and stories: any)."""
        if not self.ids:
            return []
        cosines = self.matrix @ query
        if day is not None:
            with np.errstate(invalid="ignore"):
                cosines = np.where(self.days < day - HORIZON_DAYS, -np.inf, cosines)
        top = np.argsort(-cosines, kind="stable")[:count]
        return [(self.ids[i], float(cosines[i])) for i in top if np.isfinite(cosines[i])]


class MemoryArchive:
    """The standing and frozen stories of a replay, held in memory as a store holds them."""

    def __init__(self, vectors: Mapping[str, np.ndarray]):
        self.vectors, self.articles = vectors, {}
        self.clear()

    def clear(self) -> None:
        self.standing: dict[str, Story] = {}
        self.holder: dict[str, str] = {}  # article -> its standing story
        self.sketches = FrozenSketches()

    def story_of(self, article_id: str) -> str | None:
        return self.holder.get(article_id)

    def frozen(self, story_id: str):
        story = self.standing.get(story_id)
        return story and (story, [self.articles[a] for a in story.article_ids], self.vectors)

    def nearest(self, query: np.ndarray, day: float | None) -> list[tuple[str, float]]:
        return self.sketches.nearest(query, day)

    def commit(self, batch, sketches: Sequence[Frozen]) -> None:
        """Save what a run fed (``persist.Batch``) and the sketches of the stories it froze."""
        for old in batch.merged:
            self.standing.pop(old, None)
        self.standing.update((s.id, s) for s in batch.stories)
        self.holder.update((a, s.id) for s in batch.stories for a in s.article_ids)
        self.sketches.drop(set(batch.merged) | {s for s, _ in batch.reopened})
        self.sketches.add(sketches)


__all__ = ["FrozenSketches", "Lookup", "MemoryArchive", "best_frozen", "frozen_sketches", "sketch"]
