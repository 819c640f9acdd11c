"""The Store interface: methods named after the stages, returning dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

import numpy as np

from parallax.models import Article, Failure, Outlet, Story

if TYPE_CHECKING:
    from parallax.forecast.records import Forecast, Proposal


@dataclass(frozen=True)
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.inserted + other.inserted, self.updated + other.updated, self.unchanged + other.unchanged
        )


@dataclass(frozen=True)
class ArticleVersion:
    """An earlier state of an article, kept when a re-ingest changed it, and what the change touched."""

    article_id: str
    version: int
    title: str
    text: str
    outlet: str
    published: datetime | None
    date_precision: str
    content_hash: str
    source: str
    changed: tuple[str, ...]  # the fields the next version changed
    replaced_at: datetime | None = None


@dataclass(frozen=True)
class ArticleSummary:
    """One stored article as `parallax articles` lists it (no text)."""

    id: str
    url: str
    outlet: str
    published: datetime | None
    date_precision: str
    language: str
    title: str
    characters: int
    version: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredBrief:
    story_id: str
    story_version: int
    writer: str
    input_hash: str
    body: dict
    created_at: datetime


@dataclass(frozen=True)
class StoryMember:
    """One article of a story, as listings need it (no text)."""

    article_id: str
    outlet: str
    published: datetime | None
    reprint_of: str | None = None
    language: str = ""  # ISO 639-1 of the article, "und" when it could not be told


@dataclass(frozen=True)
class StoryOutline:
    """A standing story's membership: cheap enough to filter and rank every story at once."""

    id: str
    version: int
    first_published: datetime | None
    last_published: datetime | None
    members: tuple[StoryMember, ...]


@dataclass(frozen=True)
class FeedState:
    """What the last fetch of a feed left behind: validators for conditional GET, health."""

    url: str
    title: str = ""
    etag: str = ""
    last_modified: str = ""
    last_fetched: datetime | None = None
    last_status: int = 0  # HTTP status of the last fetch; 0 when no response came
    failures: int = 0  # consecutive failed fetches
    last_error: str = ""


@dataclass(frozen=True)
class SeenItem:
    """A feed item URL already handled: ``stored``, or ``failed`` after ``attempts`` runs."""

    url: str
    feed_url: str
    status: str
    reason: str = ""
    attempts: int = 1
    at: datetime | None = None


@dataclass(frozen=True)
class Subscription:
    """A subscribed feed as a feed list (OPML) describes it: its outlet, folders and other attributes."""

    url: str
    title: str = ""
    outlet: str = ""  # the outlet's name; its facts live in the outlets table
    folders: tuple[str, ...] = ()  # the OPML folders it sits in, outermost first
    position: int = 0  # order in the list
    attributes: tuple[tuple[str, str], ...] = ()  # outline attributes parallax does not read, kept for export


@dataclass(frozen=True)
class StoreCounts:
    outlets: int
    articles: int
    stories: int
    briefs: int
    failures: dict[str, int]


class Store(Protocol):
    # outlets
    def upsert_outlets(self, outlets: Iterable[Outlet]) -> int: ...
    def outlet(self, name: str) -> Outlet | None: ...
    def outlets(self) -> list[Outlet]: ...

    # articles
    def upsert_articles(self, articles: Iterable[Article]) -> UpsertCounts: ...
    def article(self, article_id: str) -> Article | None: ...
    def articles(self, ids: Sequence[str]) -> list[Article]: ...
    def articles_since(self, since: datetime | None = None) -> list[Article]: ...
    def search_articles(self, query: str, limit: int = 20) -> list[Article]: ...
    def outlet_articles(self, outlet: str, limit: int = 20) -> list[Article]: ...
    def article_counts_by_outlet(self) -> dict[str, int]: ...
    def article_versions(self, article_id: str) -> list[ArticleVersion]: ...
    def article_summaries(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]: ...

    # embeddings
    def save_embeddings(self, model: str, rows: Iterable[tuple[str, str, np.ndarray]]) -> None: ...
    def embeddings(self, model: str, articles: Sequence[Article]) -> dict[str, np.ndarray]: ...
    def nearest(
        self, model: str, vector: np.ndarray, k: int, since: datetime | None = None
    ) -> list[tuple[str, float]]: ...

    # stories
    def save_stories(self, stories: Iterable[Story]) -> list[Story]: ...
    def story(self, story_id: str) -> Story | None: ...
    def stories(self, limit: int = 100, offset: int = 0, order: str = "coverage") -> list[Story]: ...
    def story_ids(self) -> list[str]: ...
    def story_of_article(self, article_id: str) -> str | None: ...
    def retire_stories(self, merged: dict[str, str]) -> None: ...
    def story_versions(self, story_id: str) -> list[tuple[int, tuple[str, ...], datetime]]: ...
    def story_outlines(self, newest: int = 0, before: datetime | None = None) -> list[StoryOutline]: ...
    def story_successor(self, story_id: str) -> str | None: ...
    def stories_merged_into(self, story_id: str) -> list[str]: ...

    # incremental runs
    def articles_after(self, watermark: int) -> tuple[int, list[Article]]: ...
    def cluster_state(self, name: str) -> tuple[int, bytes] | None: ...
    def commit_stories(self, stories: Iterable[Story], merged: dict[str, str], state: tuple[str, int, bytes],
                       reopened: Sequence[tuple[str, str]] = (),
                       totals: Sequence[tuple[str, str, int, dict]] = (),
                       frozen: Sequence[tuple[str, float | None, np.ndarray]] = ()) -> list[Story]: ...
    def story_reopenings(self, story_id: str | None = None) -> list[tuple[str, str]]: ...
    def frozen_nearest(self, name: str, sketch: np.ndarray, since: float | None, k: int) -> list[tuple[str, float]]: ...
    def stories_needing_briefs(self, writer: str) -> list[Story]: ...
    def outlet_totals(self, outlets: Sequence[str], version: str) -> dict[str, dict]: ...
    def stale_outlet_profiles(self) -> list[str]: ...
    def outlet_story_count(self, outlet: str) -> int: ...

    # briefs
    def save_brief(self, brief: StoredBrief) -> None: ...
    def brief(self, story_id: str, version: int | None = None) -> StoredBrief | None: ...
    def brief_versions(self, story_id: str) -> list[int]: ...
    def brief_writers(self, story_id: str) -> dict[int, str]: ...

    # derived analysis (JSON bodies keyed by kind and algorithm version)
    def save_article_analysis(self, kind: str, version: str, rows: Iterable[tuple[Article, dict]]) -> None: ...
    def article_analysis(self, kind: str, version: str, articles: Sequence[Article]) -> dict[str, dict]: ...
    def save_article_blobs(self, kind: str, version: str, rows: Iterable[tuple[Article, bytes]]) -> None: ...
    def article_blobs(self, kind: str, version: str, articles: Sequence[Article]) -> dict[str, bytes]: ...
    def article_blob_ids(self, kind: str, version: str, articles: Sequence[Article]) -> set[str]: ...
    def drop_article_blobs(self, story_ids: Sequence[str]) -> None: ...
    def save_brief_decision(self, story_id: str, story_version: int, writer: str, rewritten: bool,
                            reason: str) -> None: ...
    def brief_decisions(self, story_id: str) -> list[tuple[int, str, bool, str]]: ...
    def save_story_analysis(self, story_id: str, story_version: int, kind: str, version: str, body: dict) -> None: ...
    def story_analysis(self, story_id: str, kind: str) -> tuple[int, dict] | None: ...
    def save_outlet_profile(self, outlet: str, version: str, body: dict) -> None: ...
    def outlet_profile(self, outlet: str) -> dict | None: ...

    # live feeds
    def feed_state(self, url: str) -> FeedState | None: ...
    def save_feed_state(self, state: FeedState) -> None: ...
    def feeds(self) -> list[FeedState]: ...
    def seen_item(self, url: str) -> SeenItem | None: ...
    def seen_items(self, urls: Sequence[str]) -> dict[str, SeenItem]: ...
    def mark_items(
        self, items: Iterable[SeenItem], failures: Iterable[Failure] = (), articles: Iterable[Article] = ()
    ) -> UpsertCounts: ...
    def failures_by_reason(self, stage: str | None = None) -> dict[str, int]: ...
    def save_subscriptions(self, subscriptions: Iterable[Subscription]) -> None: ...
    def subscriptions(self) -> list[Subscription]: ...

    # forecast ledger
    def save_forecasts(self, forecasts: Iterable[Forecast]) -> None: ...
    def forecast(self, forecast_id: str) -> Forecast | None: ...
    def forecasts(self, status: str | None = None, story_id: str | None = None) -> list[Forecast]: ...
    def save_proposals(self, proposals: Iterable[Proposal]) -> None: ...
    def proposals(self, forecast_id: str | None = None, status: str | None = None) -> list[Proposal]: ...

    # failures and status
    def record_failure(self, failure: Failure) -> None: ...
    def failures(self, limit: int = 100) -> list[Failure]: ...
    def counts(self) -> StoreCounts: ...
    def close(self) -> None: ...


MAX_MERGE_HOPS = 64  # a chain of merges longer than this is a loop in the data, not a history


def standing_story_id(store, story_id: str) -> str:
    """The id under which ``story_id`` stands now: itself, or the story it was merged into (followed through
    to the last one that still exists)."""
    seen = {story_id}
    while ((successor := store.story_successor(story_id)) and successor not in seen and len(seen) < MAX_MERGE_HOPS
           and store.story(successor) is not None):
        seen.add(successor)
        story_id = successor
    return story_id
