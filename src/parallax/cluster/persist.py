"""Story assignment that resumes: the open state is read from the store, fed the new articles, saved.

A run reads only the articles ingested after the state's watermark. The state holds what
placing a later article reads: the open stories with their running sums (event-vector sums,
places, outlets, dates), the event space (language means and anchor document counts, so event
vectors go on from where the last run left them), the document frequencies, the stream clock,
the reprint window and, for the open stories' members, their dates and originals, so a changed
story is rebuilt without reading its older articles. Each batch is placed as one pass places
it (the batch observed into the event space first, then the online pass in published order),
then the open stories and the batch's new ones are consolidated (``consolidate.py``). Closed
stories leave the state: they are frozen in the store and cost nothing until a wire copy of one
of their articles, or a new article that matches one strongly (``reopen.py``), reopens one, which
is recorded.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Protocol

import numpy as np

from parallax.cluster.anchors import PLACE_KINDS
from parallax.cluster.assign import crowding_of, to_story
from parallax.cluster.codec import dumps, loads
from parallax.cluster.consolidate import consolidate
from parallax.cluster.event import EventSpace, foreign_offsets
from parallax.cluster.index import StoryIndex, drop_closed, story_id_for
from parallax.cluster.reopen import MemoryArchive, best_frozen, frozen_sketches
from parallax.cluster.signals import anchors_of, language_terms, lead_of, signals_of
from parallax.cluster.state import ClusterConfig, OpenStory
from parallax.dedupe import ReprintIndex, published_order
from parallax.models import Article, Story


class Archive(Protocol):
    """What the stream reads of the frozen stories: the stored story of an article, a stored story with its
    articles and their vectors, and the frozen stories nearest a sketch (``reopen.py``)."""

    def story_of(self, article_id: str) -> str | None: ...
    def frozen(self, story_id: str) -> tuple[Story, list[Article], Mapping[str, np.ndarray]] | None: ...
    def nearest(self, query: np.ndarray, day: float | None) -> list[tuple[str, float]]: ...


@dataclass
class Stream:
    """The assignment state between runs."""

    index: StoryIndex
    space: EventSpace
    reprints: ReprintIndex = field(default_factory=ReprintIndex)
    published: dict[str, datetime | None] = field(default_factory=dict)  # open stories' members
    originals: dict[str, str] = field(default_factory=dict)  # reprint -> original, open stories' members
    raw: dict[str, tuple] = field(default_factory=dict)  # member -> (language, vector, anchors, words): ``_raw``
    fed: int = 0  # articles placed since the stream began


@dataclass
class Batch:
    """What feeding one batch changed."""

    stories: list[Story]
    merged: dict[str, str]  # retired id -> surviving id
    reopened: list[tuple[str, str]]  # (frozen story id, article that reopened it)
    held: dict[str, str] = field(default_factory=dict)  # article kept alone -> why


def state_name(algorithm: str, vectors: str, config: ClusterConfig) -> str:
    """The state's key: a different algorithm, embedder or configuration starts afresh."""
    digest = hashlib.sha1(repr(sorted(asdict(config).items())).encode()).hexdigest()[:12]
    return f"{algorithm}/{vectors}/{digest}"


def new_stream(config: ClusterConfig) -> Stream:
    return Stream(StoryIndex(config), EventSpace(config.anchor_weight, config.word_weight))


def restore(blob: bytes, config: ClusterConfig) -> Stream:
    """The stream saved by ``save``, scoring with ``config``."""
    index = StoryIndex(config)
    state = loads(blob, index)
    for name, value in state["index"].items():
        setattr(index, name, value)
    index.refresh_vectors()
    return Stream(index, state["space"], state["reprints"], state["published"], state["originals"], state["raw"], state["fed"])


def save(stream: Stream) -> bytes:
    """Drop the closed stories and encode the rest."""
    drop_closed(stream.index)
    live = stream.index.story_of
    stream.published = {a: d for a, d in stream.published.items() if a in live}
    stream.originals = {a: o for a, o in stream.originals.items() if a in live}
    stream.raw = {a: r for a, r in stream.raw.items() if a in live}
    fields = {k: v for k, v in vars(stream.index).items() if k not in ("config", "_vectors")}  # vectors: derived
    state = {"index": fields, "space": stream.space, "reprints": stream.reprints, "published": stream.published,
             "originals": stream.originals, "raw": stream.raw,
             "fed": stream.fed}
    return dumps(state, stream.index)


def feed(stream: Stream, articles: Sequence[Article], vectors: Mapping[str, np.ndarray], archive: Archive) -> Batch:
    """Place ``articles`` into the stream's stories, as one pass over them would, then consolidate.

    An article that would start a story of its own may reopen a frozen story instead (``reopen.py``).
    """
    index, touched, reopened, held = stream.index, set(), [], {}
    merged_before = dict(index.merged)
    ordered = [a for a in published_order(articles) if a.id not in index.story_of]
    events = _event_vectors(stream, ordered, vectors)
    stream.fed += len(ordered)
    for article in ordered:
        original = stream.reprints.add(article)
        if original:
            stream.originals[article.id] = original
            if original not in index.story_of and _thaw(stream, archive.story_of(original), archive):
                reopened.append((index.story_of[original], article.id))
        stream.published[article.id] = article.published
        signals = signals_of(article, *events[article.id], words=index.config.reads_words)
        if signals.held and not original:
            held[article.id] = signals.held
        target = index.add(signals, join=original)
        if target == story_id_for(article.id) and not signals.held and not original:
            target = _reopen(stream, signals, archive, reopened) or target
        touched.add(target)
    consolidate(index)
    merged = {old: index.resolve(old) for old in index.merged if old not in merged_before}
    standing = {index.resolve(s) for s in touched | set(merged.values())}
    stories = [_story(stream, index.stories[s]) for s in sorted(standing)]
    return Batch(stories, merged, reopened, held)


def _reopen(stream: Stream, item, archive: Archive, reopened: list) -> str | None:
    """Merge ``item``'s new story into the frozen story it matches strongly, which opens again; its id or None.
    The candidates thawed to be scored and not taken leave the index again (nothing else may join them)."""
    index, thawed = stream.index, []

    def thaw(story_id: str) -> OpenStory | None:
        if story_id not in index.stories:
            thawed.append(story_id)
        return _thaw(stream, story_id, archive)

    lookup = lambda query, day: [(s, c) for s, c in archive.nearest(query, day) if s not in index._open]
    found = best_frozen(index, item, lookup, thaw)
    for story_id in thawed:
        if story_id != found and story_id in index.stories:
            for member in index.stories.pop(story_id).members:
                index.story_of.pop(member, None)
    if found is None:
        return None
    reopened.append((found, item.id))
    return index.merge(index.stories[found], index.stories[index.story_of[item.id]])


def frozen(stream: Stream):
    """The sketches of the stories that leave the state at the next ``save`` (``reopen.frozen_sketches``)."""
    return frozen_sketches(stream.index, set(stream.index._open))


def _event_vectors(stream: Stream, articles: Sequence[Article], vectors: Mapping[str, np.ndarray]):
    """Each article's event vector, places and crowding; the batch is counted into the event space first, as one
    pass does, and its crowding is read among the open stories' members and the batch."""
    anchors = {a.id: anchors_of(a) for a in articles}
    stream.raw.update((a.id, _raw(a, vectors[a.id], anchors[a.id])) for a in articles)
    projected = {}
    if stream.index.config.centre:
        for article in articles:
            stream.space.observe(*stream.raw[article.id])
        raws = list(stream.raw.values())  # the open stories' members and the batch stand in for the archive
        stream.space.offsets = foreign_offsets([r[0] for r in raws], np.stack([r[1] for r in raws]))
        projected = _reproject(stream)
    events = _project(stream, articles, vectors, anchors)
    crowd = _recrowd(stream, events, projected)
    return {i: (*event, crowd[i]) for i, event in events.items()}


def _recrowd(stream: Stream, events: Mapping[str, tuple], projected: Mapping[str, np.ndarray]) -> dict[str, float]:
    """The crowding of the batch and of the open stories' members, read among them all; the open stories' sums
    take their members' new values (as ``_reproject`` does for the vectors). Nothing is projected when crowding
    weighs nothing; the members ``_reproject`` just projected (``projected``) are not projected again."""
    if not stream.index.config.crowd_weight:
        return dict.fromkeys(events, 0.0)
    members = [i for i in stream.raw if i not in events]
    project = stream.space.vector if stream.index.config.centre else lambda _, vector, *rest: vector
    rows = [projected[i] if i in projected else project(*stream.raw[i]) for i in members]
    rows += [event[0] for event in events.values()]
    ids = [*members, *events]
    crowd = dict(zip(ids, crowding_of([stream.raw[i][0] for i in ids], rows, stream.index.config).tolist(), strict=True))
    for story in stream.index.stories.values():
        if not story.held and all(m in crowd for m in story.members):
            story.crowding, story.dated_languages, story.dated_crowding = Counter(), Counter(), Counter()
            for member in story.members:
                language = stream.raw[member][0]
                story.crowding[language] += crowd[member]
                if stream.published.get(member) is not None:
                    story.dated_languages[language] += 1
                    story.dated_crowding[language] += crowd[member]
    return crowd


def _reproject(stream: Stream) -> dict[str, np.ndarray]:
    """Recompute the open stories' vector sums in the event space as it now stands.

    One pass computes every event vector in the space of the whole archive; a run can only use
    the space so far, so the stories it continues are brought up to the current space first. Returns each
    projected member's event vector (the crowding reads them).
    """
    space, projected = stream.space, {}
    for story in stream.index.stories.values():
        if story.held or not all(m in stream.raw for m in story.members):
            continue
        rows = [space.vector(*stream.raw[m]) for m in story.members]
        story.vector_sum = np.sum(rows, axis=0, dtype=np.float32)
        projected.update(zip(story.members, rows, strict=True))
    stream.index.refresh_vectors()
    return projected


def _project(stream: Stream, articles: Sequence[Article], vectors: Mapping[str, np.ndarray], anchors=None):
    """Event vectors and places of ``articles`` in the stream's event space as it stands."""
    anchors = anchors or {a.id: anchors_of(a) for a in articles}
    places = {i: frozenset(x for x in found if x.startswith(PLACE_KINDS)) for i, found in anchors.items()}
    if not stream.index.config.centre:
        return {a.id: (np.asarray(vectors[a.id], np.float32), places[a.id]) for a in articles}
    raw = {a.id: stream.raw.get(a.id) or _raw(a, vectors[a.id], anchors[a.id]) for a in articles}
    return {a.id: (stream.space.vector(*raw[a.id]), places[a.id]) for a in articles}


def _raw(article: Article, vector, anchors: frozenset[str]) -> tuple:
    """What the event space reads of a member: its language, raw vector, anchors and language-tagged words."""
    words = language_terms(lead_of(article), article.language)
    return article.language, np.asarray(vector, np.float32), anchors, words


def replay(batches: Sequence[Sequence[Article]], vectors: Mapping[str, np.ndarray], config: ClusterConfig,
           warmup: int = 0) -> dict[str, str]:
    """``{article id: story id}`` after feeding ``batches`` one run each, the state saved and restored between.

    Until the state has seen ``warmup`` articles each run starts afresh over everything so far, as runs do.
    The frozen stories are held in memory (``MemoryArchive``) and reopen as they do from a store.
    """
    archive = MemoryArchive(vectors)
    blob, seen = None, []
    for articles in batches:
        seen.extend(articles)
        archive.articles.update((a.id, a) for a in articles)
        stream = restore(blob, config) if blob is not None else None
        if stream is None or stream.fed < warmup:
            stream, articles = new_stream(config), seen
            archive.clear()
        batch = feed(stream, articles, vectors, archive)
        archive.commit(batch, frozen(stream))
        blob = save(stream)
    return {a: s.id for s in archive.standing.values() for a in s.article_ids}


def _story(stream: Stream, state: OpenStory) -> Story:
    members = {a: _Member(a, stream.published.get(a)) for a in state.members}
    return to_story(state, members, stream.originals)


@dataclass(frozen=True)
class _Member:
    """What ``to_story`` reads of a member article."""

    id: str
    published: datetime | None


def _thaw(stream: Stream, story_id: str | None, archive: Archive) -> OpenStory | None:
    """Bring back the frozen story ``story_id`` into the index, closed, as it would stand in one pass."""
    index = stream.index
    if story_id in index.stories:
        return index.stories[story_id]
    found = archive.frozen(story_id) if story_id else None
    if found is None:
        return None
    story, members, vectors = found
    events = _project(stream, members, vectors)
    state = OpenStory(story.id, [], np.zeros_like(next(iter(events.values()))[0]), born=0)  # older than any open story
    stream.raw.update((a.id, _raw(a, vectors[a.id], anchors_of(a))) for a in members)
    for article in members:
        state.absorb(signals_of(article, *events[article.id], words=index.config.reads_words), {})
        stream.published[article.id] = article.published
        index.story_of[article.id] = story.id
    state.close()
    stream.originals.update(story.reprints)
    index.stories[story.id] = state
    return state


__all__ = ["Archive", "Batch", "Stream", "feed", "frozen", "new_stream", "replay", "restore", "save", "state_name"]
