"""What changed: articles between story versions, headline and summary between brief versions."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parallax.models import Article

StoredVersion = tuple[int, tuple[str, ...], datetime]


@dataclass(frozen=True)
class BriefChange:
    """How the brief shown differs from the stored brief before it."""

    from_version: int
    to_version: int
    old_title: str
    new_title: str
    added: tuple[str, ...]  # summary sentences new in this version
    removed: tuple[str, ...]  # summary sentences the earlier version had

    @property
    def title_changed(self) -> bool:
        return self.old_title != self.new_title

    def as_json(self) -> dict:
        return {"from_version": self.from_version, "to_version": self.to_version,
                "old_title": self.old_title, "new_title": self.new_title,
                "summary_added": list(self.added), "summary_removed": list(self.removed)}


def version_changes(versions: Sequence[StoredVersion], with_brief: Collection[int],
                    articles: Mapping[str, Article], reopened_by: Collection[str] = ()) -> list[dict]:
    """One entry per story version: its size, date, the articles it added and removed, and ``reopened``: the
    added articles that reopened the story after it had gone quiet (frozen)."""
    entries, before = [], ()
    for version, ids, created in versions:
        entries.append({
            "version": version, "article_count": len(ids), "created_at": created.isoformat(),
            "has_brief": version in with_brief,
            "added": [_article_ref(i, articles) for i in ids if i not in before],
            "removed": [_article_ref(i, articles) for i in before if i not in ids],
            "reopened": [_article_ref(i, articles) for i in ids if i not in before and i in reopened_by],
        })
        before = ids
    return entries


def _article_ref(article_id: str, articles: Mapping[str, Article]) -> dict:
    article = articles.get(article_id)
    if article is None:
        return {"article_id": article_id, "outlet": "", "title": ""}
    return {"article_id": article_id, "outlet": article.outlet, "title": article.title}


def brief_change(old: Mapping[str, Any], new: Mapping[str, Any]) -> BriefChange:
    """Headline and summary sentences that differ between two stored briefs (by sentence text)."""
    old_summary, new_summary = _summary(old), _summary(new)
    return BriefChange(
        from_version=int(old.get("story_version") or 0), to_version=int(new.get("story_version") or 0),
        old_title=_text(old.get("title")), new_title=_text(new.get("title")),
        added=tuple(s for s in new_summary if s not in old_summary),
        removed=tuple(s for s in old_summary if s not in new_summary),
    )


def previous_version(versions: Sequence[int], shown: int) -> int | None:
    """The newest stored brief version before ``shown``, if any."""
    earlier = [v for v in versions if v < shown]
    return max(earlier) if earlier else None


def _summary(body: Mapping[str, Any]) -> list[str]:
    items = body.get("summary")
    return [_text(item) for item in items if _text(item)] if isinstance(items, list) else []


def _text(item: Any) -> str:
    return str(item.get("text", "")) if isinstance(item, dict) else ""
