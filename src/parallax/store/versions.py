"""What an article upsert writes, decided once for every backend: merges, versions, counts.

A re-ingest merges into the stored article and never erases: a field the new copy
lacks (no date, no title, no outlet) keeps its stored value. When anything that
matters changes (text, title, outlet, date), the stored copy is kept as an earlier
version, naming the fields that changed, and the article's version grows. Pure: the
stores fetch the stored rows, call ``plan_upserts`` and write what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from parallax.models import Article
from parallax.store.base import ArticleVersion, UpsertCounts
from parallax.text.fingerprint import content_hash

TRACKED = ("title", "text", "outlet", "published", "date_precision", "external_id")
MAX_NOTES = 20


@dataclass
class UpsertPlan:
    inserts: list[Article] = field(default_factory=list)  # in the order first seen
    updates: list[Article] = field(default_factory=list)
    replaced: list[ArticleVersion] = field(default_factory=list)
    counts: UpsertCounts = field(default_factory=UpsertCounts)

    @property
    def rewritten(self) -> list[Article]:
        """Articles whose sentences must be (re)written: the new ones and those whose text changed."""
        retexted = {v.article_id for v in self.replaced if "text" in v.changed}
        return self.inserts + [a for a in self.updates if a.id in retexted]


def merge_article(old: Article, new: Article) -> tuple[Article, tuple[str, ...]]:
    """The article after ``new`` is ingested over ``old``, and the tracked fields that changed."""
    dated = new.published is not None
    title = new.title if new.title and not _derived_title(new) or not old.title else old.title
    merged = replace(
        new, title=title, outlet=new.outlet or old.outlet, external_id=new.external_id or old.external_id,
        published=new.published if dated else old.published,
        date_precision=new.date_precision if dated else old.date_precision,
        notes=tuple(dict.fromkeys((*old.notes, *new.notes)))[-MAX_NOTES:], version=old.version,
    )
    if title != new.title:
        merged = replace(merged, content_hash=content_hash(title, merged.text))
    changed = tuple(f for f in TRACKED if getattr(merged, f) != getattr(old, f))
    return (replace(merged, version=old.version + 1) if changed else merged), changed


def _derived_title(article: Article) -> bool:
    """Whether the title was made from the text because the source gave none."""
    return article.title == article.text[:80]


def plan_upserts(articles: Iterable[Article], stored: dict[str, Article]) -> UpsertPlan:
    """Inserts, updates and replaced versions for ``articles`` over the ``stored`` ones (by id)."""
    plan, current, fresh = UpsertPlan(), dict(stored), set()
    for article in articles:
        old = current.get(article.id)
        if old is None:
            current[article.id] = replace(article, version=1)
            fresh.add(article.id)
            plan.inserts.append(current[article.id])
            plan.counts = plan.counts + UpsertCounts(inserted=1)
            continue
        merged, changed = merge_article(old, article)
        if not changed:
            plan.counts = plan.counts + UpsertCounts(unchanged=1)
            continue
        plan.replaced.append(_version_of(old, changed))
        current[article.id] = merged
        if article.id not in fresh:  # an article new in this batch counts once, as inserted
            plan.counts = plan.counts + UpsertCounts(updated=1)
    _settle(plan, current, fresh, stored)
    return plan


def _settle(plan: UpsertPlan, current: dict[str, Article], fresh: set[str], stored: dict[str, Article]) -> None:
    plan.inserts = [current[a.id] for a in plan.inserts]
    changed_ids = dict.fromkeys(v.article_id for v in plan.replaced if v.article_id not in fresh)
    plan.updates = [current[i] for i in changed_ids if i in stored]


def _version_of(old: Article, changed: tuple[str, ...]) -> ArticleVersion:
    return ArticleVersion(old.id, old.version, old.title, old.text, old.outlet, old.published, old.date_precision,
                          old.content_hash, old.source, changed)
