"""The story list: one row per story, sort orders and pagination."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from parallax.errors import InputError
from parallax.ingest.outlets.describe import country_label
from parallax.models import Article, Outlet, Story
from parallax.serve.ranking import StoryFilter

PER_PAGE = 25
DEFAULT_ORDER = "coverage"  # the widest-covered first, like `parallax stories` and `parallax show 1`
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class StoryRow:
    """What the list shows about a story."""

    id: str
    title: str
    version: int
    article_count: int
    outlet_count: int
    countries: tuple[str, ...]
    first_published: datetime | None
    last_published: datetime | None
    has_brief: bool = False
    lede: str = ""  # the brief's first summary sentence
    significance: float = 0.0  # see parallax.serve.ranking
    languages: tuple[str, ...] = ()  # of its articles, ISO 639-1, most used first

    def as_json(self) -> dict:
        return {
            "id": self.id, "title": self.title, "version": self.version,
            "article_count": self.article_count, "outlet_count": self.outlet_count,
            "countries": [country_label(c) for c in self.countries], "country_codes": list(self.countries),
            "first_published": _iso(self.first_published), "last_published": _iso(self.last_published),
            "has_brief": self.has_brief, "lede": self.lede, "significance": self.significance,
            "languages": list(self.languages),
            "url": f"/stories/{self.id}", "json": f"/stories/{self.id}.json",
        }


def summarize_story(
    story: Story, articles: Iterable[Article], outlets: Mapping[str, Outlet], title: str = "", has_brief: bool = False
) -> StoryRow:
    """A list row for ``story``; ``title`` (a brief's headline) wins over the story's own."""
    members = list(articles)
    reprints = {reprint for reprint, _ in story.reprints}
    originals = [a for a in members if a.id not in reprints]
    dates = sorted(a.published for a in members if a.published)
    countries = {outlets[a.outlet].country for a in members if a.outlet in outlets and outlets[a.outlet].country}
    return StoryRow(
        id=story.id,
        title=title or story.title or (members[0].title if members else story.id),
        version=story.version,
        article_count=len(story.article_ids),
        outlet_count=len({a.outlet for a in originals if a.outlet}),
        countries=tuple(sorted(countries)),
        first_published=story.first_published or (dates[0] if dates else None),
        last_published=story.last_published or (dates[-1] if dates else None),
        has_brief=has_brief,
        languages=tuple(code for code, _ in Counter(a.language for a in members if a.language).most_common()),
    )


@dataclass(frozen=True)
class PageWindow:
    """Which slice of the story list one page shows."""

    page: int
    per_page: int
    total: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def page_window(page: int, per_page: int, total: int) -> PageWindow:
    """Check the requested page against the total; raises ``InputError`` naming the bad value."""
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise InputError("per_page", f"{per_page} is out of range; valid: 1 to {MAX_PER_PAGE}")
    window = PageWindow(page, per_page, total)
    if not 1 <= page <= window.pages:
        raise InputError("page", f"no page {page}; valid: 1 to {window.pages}")
    return window


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class ListQuery:
    """The story list's parameters: filter, order and page, and the links that keep them."""

    wanted: StoryFilter
    order: str
    page: int = 1
    per_page: int = PER_PAGE

    def params(self, **changes: object) -> dict[str, str]:
        """Query parameters for a link to this list with ``changes`` (defaults left out)."""
        values = {**self.wanted.as_params(), "order": self.order, "page": self.page, "per_page": self.per_page,
                  **changes}
        defaults = {"order": DEFAULT_ORDER, "page": 1, "per_page": PER_PAGE}
        return {k: str(v) for k, v in values.items() if v not in ("", None) and defaults.get(k) != v}

    def link(self, path: str, **changes: object) -> str:
        query = urlencode(self.params(**changes))
        return f"{path}?{query}" if query else path
