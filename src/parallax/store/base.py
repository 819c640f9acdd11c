"""The Store interface: methods named after the stages, returning dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import numpy as np

from parallax.models import Article, Failure, Outlet, Story


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
class StoredBrief:
    story_id: str
    story_version: int
    writer: str
    input_hash: str
    body: dict
    created_at: datetime


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

    # embeddings
    def save_embeddings(self, model: str, rows: Iterable[tuple[str, str, np.ndarray]]) -> None: ...
    def embeddings(self, model: str, articles: Sequence[Article]) -> dict[str, np.ndarray]: ...

    # stories
    def save_stories(self, stories: Iterable[Story]) -> list[Story]: ...
    def story(self, story_id: str) -> Story | None: ...
    def stories(self, limit: int = 100, offset: int = 0, order: str = "coverage") -> list[Story]: ...
    def story_versions(self, story_id: str) -> list[tuple[int, tuple[str, ...], datetime]]: ...

    # briefs
    def save_brief(self, brief: StoredBrief) -> None: ...
    def brief(self, story_id: str, version: int | None = None) -> StoredBrief | None: ...

    # failures and status
    def record_failure(self, failure: Failure) -> None: ...
    def failures(self, limit: int = 100) -> list[Failure]: ...
    def counts(self) -> StoreCounts: ...
    def close(self) -> None: ...
