"""What following a story reads: its merge lineage, its developments and brief versions; and finding stories.

A story's developments are its versions (the articles each one added); a story that was merged
into another lives on in its successor, whose feed carries the merged story's entries under the
ids they always had. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from parallax.models import Article, Outlet
from parallax.serve.gather.stories import brief_headline, outlets_by_name, story_outlines
from parallax.store.base import MAX_MERGE_HOPS, Store, StoredBrief, StoryOutline, standing_story_id


@dataclass(frozen=True)
class Development:
    """One version of a story: the articles it added."""

    story_id: str
    version: int
    at: datetime
    added: tuple[Article, ...]


@dataclass(frozen=True)
class Followed:
    """A standing story with everything its feed shows, merged stories' history included."""

    story_id: str
    title: str
    developments: tuple[Development, ...]
    briefs: tuple[StoredBrief, ...]
    articles: dict[str, Article]


def current_id(store: Store, story_id: str) -> str | None:
    """The standing story ``story_id`` is now: itself, or the end of its merge chain; None when unknown."""
    if store.story(story_id) is None:
        return None
    return standing_story_id(store, story_id)


def lineage(store: Store, story_id: str) -> list[str]:
    """``story_id`` and every story merged into it, directly or through others."""
    found, queue = [story_id], [story_id]
    while queue and len(found) < MAX_MERGE_HOPS:
        for merged in store.stories_merged_into(queue.pop()):
            if merged not in found:
                found.append(merged)
                queue.append(merged)
    return found


def followed(store: Store, story_id: str) -> Followed:
    """The feed material of a standing story (call ``current_id`` first)."""
    developments, briefs = [], []
    for sid in lineage(store, story_id):
        developments += _developments(sid, store.story_versions(sid))
        briefs += [b for v in store.brief_versions(sid) if (b := store.brief(sid, v)) is not None]
    wanted = {i for d in developments for i in d.added}
    articles = {a.id: a for a in store.articles(sorted(wanted))}
    developments = [Development(d.story_id, d.version, d.at, tuple(articles[i] for i in d.added if i in articles))
                    for d in developments]
    latest = max(briefs, key=lambda b: b.created_at, default=None)
    story = store.story(story_id)
    title = brief_headline(latest)[0] if latest and latest.story_id == story_id else ""
    return Followed(story_id, title or (story.title if story else story_id), tuple(developments), tuple(briefs),
                    articles)


def _developments(story_id: str, history: Sequence[tuple[int, tuple[str, ...], datetime]]) -> list[Development]:
    out, before = [], set()
    for version, ids, at in history:
        out.append(Development(story_id, version, at, tuple(i for i in ids if i not in before)))  # type: ignore[arg-type]
        before = set(ids)
    return out


def find_stories(store: Store, query: str = "", since: date | None = None, language: str = "", country: str = "",
                 limit: int = 30) -> list[StoryOutline]:
    """Standing stories matching every given filter, newest first by their first article.

    ``query`` is matched against the stories' articles (full text); ``language`` against the
    articles' identified languages; ``country`` against the outlets that covered them.
    """
    outlines = story_outlines(store)
    if query:
        hits = {store.story_of_article(a.id) for a in store.search_articles(query, 500)}
        outlines = [o for o in outlines if o.id in hits]
    if since:
        outlines = [o for o in outlines if o.last_published and o.last_published.date() >= since]
    if language or country:
        outlets = outlets_by_name(store)
        outlines = [o for o in outlines if _covered_from(o, outlets, language.lower(), country.upper())]
    outlines.sort(key=lambda o: (o.first_published is not None, o.first_published or datetime.min, o.id), reverse=True)
    return outlines[:limit]


def _covered_from(outline: StoryOutline, outlets: dict[str, Outlet], language: str, country: str) -> bool:
    facts = [outlets.get(m.outlet) or Outlet(m.outlet) for m in outline.members]
    return ((not language or any((m.language or "").lower() == language for m in outline.members))
            and (not country or any(o.country.upper() == country for o in facts)))
