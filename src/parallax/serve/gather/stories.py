"""What the story list and the story page read from the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

from parallax.models import Article, Outlet, Story
from parallax.serve.changes import BriefChange, brief_change, previous_version, version_changes
from parallax.serve.citations import cited_article_ids
from parallax.serve.listing import StoryRow, summarize_story
from parallax.serve.ranking import RankedStory, StoryFilter, select_stories
from parallax.store.base import Store, StoredBrief, StoryOutline

LISTING_STORIES = 5_000  # standing stories a page, feed or API answer reads: the newest by their last article


@dataclass(frozen=True)
class StoryMaterial:
    """A story with its brief (if any), the articles both mention, and its version history."""

    story: Story
    row: StoryRow
    brief: StoredBrief | None
    articles: dict[str, Article]
    outlets: dict[str, Outlet]
    versions: list[dict] = field(default_factory=list)
    brief_change: BriefChange | None = None


def outlets_by_name(store: Store) -> dict[str, Outlet]:
    return {o.name: o for o in store.outlets()}


def story_outlines(store: Store, newest: int = LISTING_STORIES, before: datetime | None = None) -> list[StoryOutline]:
    """The outlines of the ``newest`` standing stories by their last article (0: every one), of those that
    ended ``before`` when given: what a page, feed or API answer reads per request, so its cost is
    bounded however large the archive grows."""
    return store.story_outlines(newest, before)


def ranked_stories(store: Store, wanted: StoryFilter, order: str) -> list[RankedStory]:
    """The stories that pass ``wanted``, sorted; each carries its significance. Read from the newest
    ``LISTING_STORIES`` stories that ended by the filter's last day."""
    before = datetime.combine(wanted.date_to + timedelta(days=1), time.min) if wanted.date_to else None
    return select_stories(story_outlines(store, before=before), outlets_by_name(store), wanted, order)


def story_rows(store: Store, stories: Sequence[Story], ranked: Sequence[RankedStory] = ()) -> list[StoryRow]:
    """List rows for ``stories``; a story's brief headline is its title when there is one."""
    outlets = outlets_by_name(store)
    significance = {r.id: r.significance for r in ranked}
    rows = []
    for story in stories:
        brief = store.brief(story.id)
        title = _brief_title(brief.body) if brief else ""
        row = summarize_story(story, store.articles(story.article_ids), outlets, title, brief is not None)
        row = replace(row, significance=significance.get(story.id, 0.0))
        rows.append(replace(row, lede=_lede(brief.body)) if brief else row)
    return rows


def rows_for(store: Store, ranked: Sequence[RankedStory]) -> list[StoryRow]:
    """List rows for a page of ranked stories, in their order."""
    stories = [s for s in (store.story(r.id) for r in ranked) if s is not None]
    return story_rows(store, stories, ranked)


def story_material(store: Store, story_id: str, version: int | None = None) -> StoryMaterial | None:
    """Everything the story page shows; None when the story is unknown."""
    story = store.story(story_id)
    if story is None:
        return None
    brief = store.brief(story_id, version)
    history = store.story_versions(story_id)
    wanted = list(story.article_ids) + (cited_article_ids(brief.body) if brief else [])
    wanted += [i for _, ids, _ in history for i in ids]
    articles = {a.id: a for a in store.articles(list(dict.fromkeys(wanted)))}
    outlets = outlets_by_name(store)
    members = [articles[i] for i in story.article_ids if i in articles]
    title = _brief_title(brief.body) if brief else ""
    row = summarize_story(story, members, outlets, title, brief is not None)
    brief_versions = store.brief_versions(story_id)
    reopened_by = {a for _, a in store.story_reopenings(story_id)}
    versions = version_changes(history, set(brief_versions), articles, reopened_by)
    return StoryMaterial(story, row, brief, articles, outlets, versions, _brief_change(store, brief, brief_versions))


def _brief_change(store: Store, brief: StoredBrief | None, versions: list[int]) -> BriefChange | None:
    earlier = previous_version(versions, brief.story_version) if brief else None
    old = store.brief(brief.story_id, earlier) if brief and earlier else None
    return brief_change(old.body, brief.body) if brief and old else None


def _lede(body: dict) -> str:
    summary = body.get("summary")
    first = summary[0] if isinstance(summary, list) and summary else None
    return str(first.get("text", "")) if isinstance(first, dict) else ""


def _brief_title(body: dict) -> str:
    title = body.get("title")
    return str(title.get("text", "")) if isinstance(title, dict) else ""


def brief_headline(brief: StoredBrief | None) -> tuple[str, str]:
    """(title, first summary sentence) of a brief; empty strings when absent."""
    return (_brief_title(brief.body), _lede(brief.body)) if brief else ("", "")
