"""Feeds to follow: one story's developments and brief versions, and new stories; as Atom and JSON Feed 1.1.

An entry's id is a tag URI made of what the store keeps forever (the story id it was first
written under, its version), never of a row number, a time or the server's address: a reader
sees the same entry after another run, after a merge (the successor's feed keeps the merged
story's entries as they were) and after the database moved to another store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from parallax.serve.feeds import ATOM, _child, _document, _utc
from parallax.serve.gather.follow import Development, Followed
from parallax.serve.gather.stories import brief_headline
from parallax.store.base import StoredBrief, StoryOutline

TAG = "tag:parallax,2026:"
JSON_FEED = "https://jsonfeed.org/version/1.1"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    """One feed entry; ``url`` is absolute."""

    id: str
    title: str
    url: str
    updated: datetime | None
    text: str
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, hash=False, compare=False)  # JSON Feed ``_parallax`` extension


@dataclass(frozen=True)
class FeedDoc:
    """A whole feed: its id, title, pages and entries (newest first)."""

    id: str
    title: str
    home: str
    self_url: str
    entries: tuple[Entry, ...]

    @property
    def updated(self) -> datetime:
        return max((_utc(e.updated) for e in self.entries), default=_EPOCH)


def story_tag(story_id: str) -> str:
    return f"{TAG}story/{story_id}"


def story_feed(material: Followed, base: str, self_url: str) -> FeedDoc:
    """The feed of a standing story: every development and brief version of it and of the stories merged into it."""
    page = f"{base}/stories/{material.story_id}"
    entries = [_development(d, page) for d in material.developments]
    entries += [_brief(b, page) for b in material.briefs]
    entries.sort(key=lambda e: (_utc(e.updated), e.id), reverse=True)
    return FeedDoc(story_tag(material.story_id), f"parallax: {material.title}", page, self_url, tuple(entries))


def _development(d: Development, page: str) -> Entry:
    outlets = tuple(dict.fromkeys(a.outlet for a in d.added if a.outlet))
    first = "First reports" if d.version == 1 else "New reports"
    titles = "; ".join(f"{a.title} ({a.outlet})" if a.outlet else a.title for a in d.added)
    text = f"{_count(len(d.added), 'article')} from {_count(len(outlets), 'outlet')}: {titles}" if d.added else \
        "Articles left the story."
    return Entry(f"{story_tag(d.story_id)}/v{d.version}", f"{first}: {', '.join(outlets) or 'no new outlet'}",
                 page, d.at, text, outlets, ("development",),
                 {"story_id": d.story_id, "version": d.version, "articles": [_article_ref(a) for a in d.added]})


def _brief(b: StoredBrief, page: str) -> Entry:
    title, _ = brief_headline(b)
    summary = [s for s in b.body.get("summary") or [] if isinstance(s, dict)]
    text = " ".join(f"{s.get('text', '')} [{', '.join(_outlets_of(s))}]" for s in summary)
    cited = sorted({o for s in summary for o in _outlets_of(s)})
    return Entry(f"{story_tag(b.story_id)}/brief/v{b.story_version}", f"Brief v{b.story_version}: {title}",
                 f"{page}?version={b.story_version}", b.created_at, text, tuple(cited), ("brief",),
                 {"story_id": b.story_id, "version": b.story_version, "writer": b.writer,
                  "citations": [c for s in summary for c in s.get("citations") or []]})


def _outlets_of(item: dict) -> list[str]:
    return list(dict.fromkeys(str(c.get("outlet", "")) for c in item.get("citations") or [] if isinstance(c, dict)))


def _article_ref(article) -> dict:
    return {"article_id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url}


def new_stories_feed(outlines: Sequence[StoryOutline], headlines: dict[str, tuple[str, str]], base: str,
                     self_url: str, described: str) -> FeedDoc:
    """A feed of stories (newest first); ``headlines`` gives each story's (title, lede)."""
    entries = []
    for o in outlines:
        title, lede = headlines.get(o.id, ("", ""))
        outlets = tuple(sorted({m.outlet for m in o.members if m.outlet}))
        text = lede or f"{_count(len(o.members), 'article')} from {_count(len(outlets), 'outlet')}"
        entries.append(Entry(story_tag(o.id), title or o.id, f"{base}/stories/{o.id}", o.first_published, text,
                             outlets, ("story",), {"story_id": o.id, "feed": f"{base}/stories/{o.id}/feed.atom"}))
    return FeedDoc(f"{TAG}new-stories" + (f"?{described}" if described else ""), "parallax: new stories" + (f" ({described})" if described else ""),
                   f"{base}/", self_url, tuple(entries))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def atom(doc: FeedDoc) -> str:
    """The feed as an Atom 1.0 document."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    for tag, text in (("id", doc.id), ("title", doc.title), ("updated", doc.updated.isoformat())):
        _child(feed, f"{{{ATOM}}}{tag}", text)
    _child(feed, f"{{{ATOM}}}link", href=doc.self_url, rel="self", type="application/atom+xml")
    _child(feed, f"{{{ATOM}}}link", href=doc.home, rel="alternate", type="text/html")
    _child(_child(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", "parallax")
    for e in doc.entries:
        node = _child(feed, f"{{{ATOM}}}entry")
        for tag, text in (("id", e.id), ("title", e.title), ("updated", _utc(e.updated).isoformat())):
            _child(node, f"{{{ATOM}}}{tag}", text)
        _child(node, f"{{{ATOM}}}link", href=e.url, rel="alternate", type="text/html")
        for name in e.authors:
            _child(_child(node, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", name)
        for tag in e.tags:
            _child(node, f"{{{ATOM}}}category", term=tag)
        _child(node, f"{{{ATOM}}}summary", e.text, type="text")
    return _document(feed)


def json_feed(doc: FeedDoc) -> dict:
    """The feed as a JSON Feed 1.1 object."""
    return {
        "version": JSON_FEED, "title": doc.title, "home_page_url": doc.home, "feed_url": doc.self_url,
        "authors": [{"name": "parallax"}],
        "items": [{"id": e.id, "url": e.url, "title": e.title, "content_text": e.text,
                   "date_modified": _utc(e.updated).isoformat(), "authors": [{"name": a} for a in e.authors],
                   "tags": list(e.tags), "_parallax": e.extra} for e in doc.entries],
    }
