"""The clustering stage: resume the saved assignment state, place the new articles, save what changed.

``cluster/`` holds the assignment itself (pure, no store); this module reads and writes its state, the stories
and the outlet totals through the store, in one commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parallax.analyse.totals import outlet_totals
from parallax.models import Article, Failure, Story
from parallax.settings import Settings
from parallax.store import Store


def cluster_config(settings: Settings):
    from parallax.cluster import ClusterConfig

    return ClusterConfig(threshold=settings.cluster_threshold, window_days=settings.cluster_window_days,
                         merge_model=settings.cluster_merge_model)


@dataclass
class Resumed:
    """The assignment state a run starts from: saved by the last run, or empty (``fresh``)."""

    name: str
    watermark: int
    stream: object
    fresh: bool


def resume_stream(store: Store, settings: Settings) -> Resumed:
    """The saved state for the current algorithm, story embedder and configuration, or a fresh one.

    A state that has seen fewer than ``cluster_warmup`` articles is not resumed: its language means
    and anchor counts rest on too few articles to fix stories by, so the run re-clusters the
    (still small) archive in one pass.
    """
    from parallax.cluster import ALGORITHM
    from parallax.cluster.persist import new_stream, restore, state_name
    from parallax.embed import get_embedder

    config = cluster_config(settings)
    name = state_name(ALGORITHM, get_embedder(settings.story_embedder).article_key, config)
    saved = store.cluster_state(name)
    stream = restore(saved[1], config) if saved else None
    if stream is None or stream.fed < settings.cluster_warmup:
        return Resumed(name, 0, new_stream(config), True)
    return Resumed(name, saved[0], stream, False)


def place(store: Store, resumed: Resumed, articles: Sequence[Article], vectors, vector_key: str):
    """Feed new articles to the open stories (``cluster.persist.feed``): what changed, nothing saved yet."""
    from parallax.cluster.persist import feed

    return feed(resumed.stream, articles, vectors, StoredArchive(store, vector_key, resumed))


def cluster_stage(store: Store, resumed: Resumed, articles: Sequence[Article], vectors, watermark: int,
                  vector_key: str, batch=None) -> list[Story]:
    """Feed new articles to the open stories (unless ``place`` did: ``batch``); save changed stories, merges, outlet
    totals and the state at once."""
    from parallax.cluster.persist import frozen, save

    batch = batch or place(store, resumed, articles, vectors, vector_key)
    merged = dict(batch.merged)
    if resumed.fresh:  # a stored story this assignment does not produce was absorbed into others: retire it
        standing = {s.id for s in batch.stories}
        merged = {**{old: "" for old in store.story_ids() if old not in standing}, **merged}
    totals = outlet_totals(store, articles, resumed.fresh)
    held = {a: reason for a, reason in batch.held.items() if store.story_of_article(a) is None}  # first placed now
    sketches = frozen(resumed.stream)
    state = (resumed.name, watermark, save(resumed.stream))
    saved = store.commit_stories(batch.stories, merged, state, batch.reopened, totals, sketches)
    if sketches:  # frozen stories: no brief of theirs is due, their articles' stored analysis can go
        store.drop_article_blobs([story_id for story_id, _, _ in sketches])
    for article_id, reason in sorted(held.items()):
        store.record_failure(Failure("cluster", article_id, f"kept alone as its own story: {reason}"))
    return saved


@dataclass(frozen=True)
class StoredArchive:
    """The frozen stories as the assignment reads them from the store (``cluster.persist.Archive``). A run that
    re-clusters the archive from its start (``fresh``) looks none up: its own pass holds every story."""

    store: Store
    vector_key: str
    resumed: Resumed

    def story_of(self, article_id: str) -> str | None:
        return self.store.story_of_article(article_id)

    def frozen(self, story_id: str):
        """The stored story ``story_id``, its articles and their vectors; None if any is missing."""
        story = self.store.story(story_id)
        if story is None:
            return None
        articles = self.store.articles(story.article_ids)
        vectors = self.store.embeddings(self.vector_key, articles)
        return (story, articles, vectors) if articles and len(vectors) == len(articles) else None

    def nearest(self, query, day: float | None) -> list[tuple[str, float]]:
        from parallax.cluster.reopen import CANDIDATES, HORIZON_DAYS

        if self.resumed.fresh:
            return []
        since = None if day is None else day - HORIZON_DAYS
        return self.store.frozen_nearest(self.resumed.name, query, since, CANDIDATES)
