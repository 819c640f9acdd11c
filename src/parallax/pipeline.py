"""The stages in order. Each reads what earlier stages stored and saves its own output.

``ingest -> embed -> cluster -> write``; every stage is idempotent and resumable,
so ``run`` can be repeated at any time and only does the work that changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from parallax import __version__
from parallax.errors import CitationError
from parallax.models import Article, Failure, Outlet, Story
from parallax.settings import Settings
from parallax.store import Store, StoredBrief

Tick = Callable[[], None]
EMBED_BATCH = 64  # articles per embedding call: large enough to batch well, small enough for a live progress bar


@dataclass(frozen=True)
class RunReport:
    articles: int
    embedded: int
    stories: int
    changed_stories: int
    briefs_written: int
    failures: tuple[str, ...] = field(default=())


def _noop() -> None:
    return None


def embed_stage(store: Store, settings: Settings, articles: Sequence[Article], tick: Tick = _noop):
    """Vectors for every article, computing only those not cached for their content hash."""
    from parallax.embed import embed_articles, get_embedder

    embedder = get_embedder(settings.embedder)
    vectors: dict = {}
    for start in range(0, len(articles), EMBED_BATCH):
        batch = articles[start : start + EMBED_BATCH]
        vectors.update(embed_articles(store, embedder, batch))
        for _ in batch:
            tick()
    return embedder, vectors


def cluster_stage(store: Store, settings: Settings, articles: Sequence[Article], vectors) -> list[Story]:
    """Assign every article to a story; return the stories whose membership changed."""
    from parallax.cluster import ClusterConfig, assign_to_stories

    config = ClusterConfig(threshold=settings.cluster_threshold, window_days=settings.cluster_window_days)
    result = assign_to_stories(articles, vectors, config)
    saved = store.save_stories(result.stories)
    standing = {s.id for s in saved}
    # a stored story that this assignment no longer produces was absorbed into others: retire it
    gone = {old: "" for old in store.story_ids() if old not in standing}
    store.retire_stories({**gone, **result.merged})
    return [s for s in saved if s.version not in store.brief_versions(s.id)]


def story_input_hash(story: Story, articles: Sequence[Article], writer_id: str) -> str:
    """What a brief depends on: its articles' content and the writer that wrote it."""
    parts = [writer_id, *sorted(f"{a.id}:{a.content_hash}" for a in articles)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def write_stage(store: Store, settings: Settings, stories: Sequence[Story], embedder=None, tick: Tick = _noop) -> int:
    """Write a brief for each story that lacks one for its current version."""
    from parallax.write import StoryMaterial, brief_to_dict, get_writer

    writer = get_writer(settings.writer)
    written = 0
    for story in stories:
        articles = tuple(store.articles(story.article_ids))
        outlets = {a.outlet: store.outlet(a.outlet) or Outlet(name=a.outlet) for a in articles}
        material = StoryMaterial(
            story=story, articles=articles, outlets=outlets, reprints=dict(story.reprints),
            sentence_vectors=getattr(embedder, "embed_batch", None),
        )
        try:
            brief = writer.write(material)
        except CitationError as exc:
            store.record_failure(Failure("write", story.id, str(exc)))
            tick()
            continue
        body = brief_to_dict(brief)
        writer_id = f"{writer.name}/{writer.version}"
        store.save_brief(StoredBrief(story.id, story.version, writer_id,
                                     story_input_hash(story, articles, writer_id), body,
                                     datetime.now(UTC).replace(tzinfo=None)))
        written += 1
        tick()
    return written


def manifest(settings: Settings) -> str:
    """A run manifest: the version and the backends that produce derived rows."""
    return json.dumps({"parallax": __version__, "embedder": settings.embedder, "writer": settings.writer})


ProgressFactory = Callable[[str, int | None], "contextlib.AbstractContextManager[Tick]"]


def run_stages(store: Store, settings: Settings, progress: ProgressFactory) -> RunReport:
    """Embed, cluster and write over everything stored; only changed work is redone."""
    articles = store.articles_since()
    with progress("embedding articles", len(articles)) as tick:
        embedder, vectors = embed_stage(store, settings, articles, tick)
    changed = cluster_stage(store, settings, articles, vectors)
    with progress("writing briefs", len(changed)) as tick:
        written = write_stage(store, settings, changed, embedder, tick)
    counts = store.counts()
    return RunReport(len(articles), len(vectors), counts.stories, len(changed), written)
