"""Story assignment that resumes: the open state is read from the store, fed the new articles, saved.

A run reads only the articles ingested after the state's watermark. The state holds what
assigning a later article reads (open stories with their running sums, document frequencies,
the density structure over the open window, the stream clock, the reprint window) and, for the
open stories' members, their dates and originals, so a changed story is rebuilt without reading
its older articles. Closed stories are dropped from it: they are frozen in the store and cost
nothing until a wire copy of one of their articles reopens one, which is recorded.
Fed the same articles in published order, the state gives the stories one pass gives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime

import numpy as np

from parallax.cluster.assign import to_story
from parallax.cluster.codec import dumps, loads
from parallax.cluster.index import StoryIndex, drop_closed
from parallax.cluster.signals import signals_of
from parallax.cluster.state import ClusterConfig, OpenStory
from parallax.dedupe import ReprintIndex
from parallax.models import Article, Story

Thaw = Callable[[str], tuple[Story, list[Article], Mapping[str, np.ndarray]] | None]  # article -> its frozen story


@dataclass
class Stream:
    """The assignment state between runs."""

    index: StoryIndex
    reprints: ReprintIndex = field(default_factory=ReprintIndex)
    published: dict[str, datetime | None] = field(default_factory=dict)  # open stories' members
    originals: dict[str, str] = field(default_factory=dict)  # reprint -> original, open stories' members


@dataclass
class Batch:
    """What feeding one batch changed."""

    stories: list[Story]
    merged: dict[str, str]  # retired id -> surviving id
    reopened: list[tuple[str, str]]  # (frozen story id, article that reopened it)


def state_name(algorithm: str, vectors: str, config: ClusterConfig) -> str:
    """The state's key: a different algorithm, embedder or configuration starts afresh."""
    digest = hashlib.sha1(repr(sorted(asdict(config).items())).encode()).hexdigest()[:12]
    return f"{algorithm}/{vectors}/{digest}"


def new_stream(config: ClusterConfig) -> Stream:
    return Stream(StoryIndex(config))


def restore(blob: bytes, config: ClusterConfig) -> Stream:
    """The stream saved by ``save``, scoring with ``config``."""
    index = StoryIndex(config)
    state = loads(blob, index)
    for name, value in state["index"].items():
        setattr(index, name, value)
    return Stream(index, state["reprints"], state["published"], state["originals"])


def save(stream: Stream) -> bytes:
    """Drop the closed stories and encode the rest."""
    drop_closed(stream.index)
    live = stream.index.story_of
    stream.published = {a: d for a, d in stream.published.items() if a in live}
    stream.originals = {a: o for a, o in stream.originals.items() if a in live}
    fields = {k: v for k, v in vars(stream.index).items() if k != "config"}
    state = {"index": fields, "reprints": stream.reprints, "published": stream.published,
             "originals": stream.originals}
    return dumps(state, stream.index)


def feed(stream: Stream, articles: Sequence[Article], vectors: Mapping[str, np.ndarray], thaw: Thaw) -> Batch:
    """Place ``articles`` (in published order) into the stream's stories."""
    index, touched, reopened = stream.index, set(), []
    merged_before = dict(index.merged)
    for article in articles:
        original = stream.reprints.add(article)
        if original:
            stream.originals[article.id] = original
            if original not in index.story_of and _thaw(stream, original, thaw):
                reopened.append((index.story_of[original], article.id))
        stream.published[article.id] = article.published
        touched.add(index.add(signals_of(article, vectors[article.id]), join=original))
    merged = {old: index.resolve(old) for old in index.merged if old not in merged_before}
    standing = {index.resolve(s) for s in touched | set(merged.values())}
    stories = [_story(stream, index.stories[s]) for s in sorted(standing)]
    return Batch(stories, merged, reopened)


def replay(batches: Sequence[Sequence[Article]], vectors: Mapping[str, np.ndarray], config: ClusterConfig) -> dict[str, str]:
    """``{article id: story id}`` after feeding ``batches`` one run each, the state saved and restored between."""
    standing: dict[str, Story] = {}
    blob = None
    for articles in batches:
        stream = new_stream(config) if blob is None else restore(blob, config)
        batch = feed(stream, articles, vectors, lambda article_id: None)
        standing.update((s.id, s) for s in batch.stories)
        for old in batch.merged:
            standing.pop(old, None)
        blob = save(stream)
    return {a: s.id for s in standing.values() for a in s.article_ids}


def _story(stream: Stream, state: OpenStory) -> Story:
    members = {a: _Member(a, stream.published.get(a)) for a in state.members}
    return to_story(state, members, stream.originals)


@dataclass(frozen=True)
class _Member:
    """What ``to_story`` reads of a member article."""

    id: str
    published: datetime | None


def _thaw(stream: Stream, article_id: str, thaw: Thaw) -> bool:
    """Bring back the frozen story holding ``article_id`` as a closed story would stand in one pass."""
    found = thaw(article_id)
    if found is None:
        return False
    story, members, vectors = found
    index = stream.index
    state = OpenStory(story.id, [], np.zeros_like(next(iter(vectors.values()))), born=index._born())
    for article in members:
        state.absorb(signals_of(article, vectors[article.id]), {})
        stream.published[article.id] = article.published
        index.story_of[article.id] = story.id
    state.close()
    stream.originals.update(story.reprints)
    index.stories[story.id] = state
    return True


__all__ = ["Batch", "Stream", "feed", "new_stream", "replay", "restore", "save", "state_name"]
