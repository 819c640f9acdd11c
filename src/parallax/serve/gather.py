"""Read from the store what a page needs. The only part of serve/ that talks to the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from parallax.models import Article, Outlet, Story
from parallax.serve.citations import cited_article_ids
from parallax.serve.listing import StoryRow, summarize_story
from parallax.store.base import Store, StoredBrief


@dataclass(frozen=True)
class StoryMaterial:
    """A story with its brief (if any), the articles both mention, and its version history."""

    story: Story
    row: StoryRow
    brief: StoredBrief | None
    articles: dict[str, Article]
    outlets: dict[str, Outlet]
    versions: list[dict] = field(default_factory=list)


def outlets_by_name(store: Store) -> dict[str, Outlet]:
    return {o.name: o for o in store.outlets()}


def story_rows(store: Store, stories: Sequence[Story]) -> list[StoryRow]:
    """List rows for ``stories``; a story's brief headline is its title when there is one."""
    outlets = outlets_by_name(store)
    rows = []
    for story in stories:
        brief = store.brief(story.id)
        title = _brief_title(brief.body) if brief else ""
        row = summarize_story(story, store.articles(story.article_ids), outlets, title, brief is not None)
        rows.append(replace(row, lede=_lede(brief.body)) if brief else row)
    return rows


def story_material(store: Store, story_id: str, version: int | None = None) -> StoryMaterial | None:
    """Everything the story page shows; None when the story is unknown."""
    story = store.story(story_id)
    if story is None:
        return None
    brief = store.brief(story_id, version)
    wanted = list(story.article_ids) + (cited_article_ids(brief.body) if brief else [])
    articles = {a.id: a for a in store.articles(list(dict.fromkeys(wanted)))}
    outlets = outlets_by_name(store)
    members = [articles[i] for i in story.article_ids if i in articles]
    title = _brief_title(brief.body) if brief else ""
    row = summarize_story(story, members, outlets, title, brief is not None)
    return StoryMaterial(story, row, brief, articles, outlets, _versions(store, story_id))


def _versions(store: Store, story_id: str) -> list[dict]:
    with_brief = set(store.brief_versions(story_id))
    return [
        {"version": v, "article_count": len(ids), "created_at": created.isoformat(), "has_brief": v in with_brief}
        for v, ids, created in store.story_versions(story_id)
    ]


def _lede(body: dict) -> str:
    summary = body.get("summary")
    first = summary[0] if isinstance(summary, list) and summary else None
    return str(first.get("text", "")) if isinstance(first, dict) else ""


def _brief_title(body: dict) -> str:
    title = body.get("title")
    return str(title.get("text", "")) if isinstance(title, dict) else ""
