"""Filter and rank every story at once from its outline (outlets, countries, dates; no text).

Significance, the default "most significant" order, is

    independent outlets × countries × 0.5 ** (age in hours / 48)

- independent outlets: distinct voices among the story's articles, wire reprints left out (the outlets
  of one family, one owner or syndication network, are one voice);
- countries: distinct known countries of those outlets (at least 1, so a story from
  outlets of unknown country is not zeroed);
- age: hours between the story's last article and the newest story's last article, so an
  archive ranks the same whenever it is read and a live server ranks against "now".
  A story two days older needs twice the reach to rank level. Undated stories score 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from parallax.errors import InputError
from parallax.models import LEANINGS, Outlet
from parallax.store.base import StoryOutline

HALF_LIFE_HOURS = 48.0
ORDERS = ("significance", "coverage", "recency", "size")


@dataclass(frozen=True)
class StoryFilter:
    """What the reader narrowed the list to; empty fields match everything."""

    date_from: date | None = None
    date_to: date | None = None
    outlet: str = ""
    country: str = ""
    leaning: str = ""
    language: str = ""  # ISO 639-1: stories with at least one article in this language

    def as_params(self) -> dict[str, str]:
        """The filter as query parameters (only the set ones), for links and JSON."""
        values = {"from": self.date_from, "to": self.date_to, "outlet": self.outlet,
                  "country": self.country, "leaning": self.leaning, "language": self.language}
        return {k: str(v) for k, v in values.items() if v}


@dataclass(frozen=True)
class RankedStory:
    """A story's outline reduced to what filters and orders look at."""

    id: str
    outlets: frozenset[str]  # every outlet with an article in the story, reprints included
    independent: frozenset[str]  # voices of original (non-reprint) articles: a family counts once
    countries: frozenset[str]
    leanings: frozenset[str]
    article_count: int
    first_published: datetime | None
    last_published: datetime | None
    languages: frozenset[str] = frozenset()  # of its articles
    days: frozenset[date] = frozenset()  # days on which its articles were published
    significance: float = 0.0


def parse_filter(date_from: str = "", date_to: str = "", outlet: str = "", country: str = "",
                 leaning: str = "", language: str = "") -> StoryFilter:
    """Check the query parameters; raises ``InputError`` naming the bad one and what is valid."""
    start, end = parse_day("from", date_from), parse_day("to", date_to)
    if start and end and start > end:
        raise InputError("from", f"{start} is after to={end}")
    if leaning and leaning not in LEANINGS:
        raise InputError("leaning", f"unknown leaning {leaning!r}; valid: {', '.join(LEANINGS)}")
    code = country.strip().upper()
    if code and not (len(code) == 2 and code.isalpha()):
        raise InputError("country", f"{country!r} is not a two-letter country code (ISO 3166-1), e.g. GB")
    return StoryFilter(start, end, outlet.strip(), code, leaning, parse_language(language))


def parse_language(language: str) -> str:
    """A language code as the filter wants it (lower case); ``InputError`` unless it looks like ISO 639."""
    code = language.strip().lower()
    if code and not (2 <= len(code) <= 3 and code.isalpha() and code.isascii()):
        raise InputError("language", f"{language!r} is not a language code (ISO 639-1), e.g. de or ar")
    return code


def check_order(order: str) -> str:
    """The sort order if valid; raises ``InputError`` listing the valid ones."""
    if order not in ORDERS:
        raise InputError("order", f"unknown sort order {order!r}; valid: {', '.join(ORDERS)}")
    return order


FIRST_DAY, LAST_DAY = date(1800, 1, 1), date(9000, 12, 31)  # days the server answers for (date arithmetic holds)


def parse_day(name: str, value: str) -> date | None:
    """The YYYY-MM-DD day a parameter gives (None when blank); ``InputError`` naming ``name`` otherwise."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise InputError(name, f"{value!r} is not a date; write YYYY-MM-DD")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(name, f"{value} is out of range; valid: {FIRST_DAY} to {LAST_DAY}")
    return day


def rank_outline(outline: StoryOutline, outlets: Mapping[str, Outlet]) -> RankedStory:
    """The facts of one story that filters and orders need (significance not yet set)."""
    originals = {m.outlet for m in outline.members if m.outlet and not m.reprint_of}
    known = [outlets[name] for name in originals if name in outlets]
    independent = frozenset(outlets[name].voice if name in outlets else name for name in originals)
    dates = sorted(m.published for m in outline.members if m.published)
    return RankedStory(
        id=outline.id,
        outlets=frozenset(m.outlet for m in outline.members if m.outlet),
        independent=independent,
        countries=frozenset(o.country for o in known if o.country),
        leanings=frozenset(o.leaning for o in known if o.leaning),
        article_count=len(outline.members),
        languages=frozenset(m.language for m in outline.members if m.language),
        first_published=outline.first_published or (dates[0] if dates else None),
        last_published=outline.last_published or (dates[-1] if dates else None),
        days=frozenset(d.date() for d in dates),
    )


def significance(independent_outlets: int, countries: int, age_hours: float | None) -> float:
    """Independent outlets × countries × recency decay (half-life 48 hours); 0 when undated."""
    if age_hours is None:
        return 0.0
    return independent_outlets * max(1, countries) * 0.5 ** (max(0.0, age_hours) / HALF_LIFE_HOURS)


def with_significance(stories: Sequence[RankedStory]) -> list[RankedStory]:
    """Each story with its significance, age counted from the newest story's last article."""
    dated = [s.last_published for s in stories if s.last_published]
    newest = max(dated) if dated else None
    return [_scored(s, newest) for s in stories]


def _scored(story: RankedStory, newest: datetime | None) -> RankedStory:
    age = (newest - story.last_published).total_seconds() / 3600 if newest and story.last_published else None
    value = significance(len(story.independent), len(story.countries), age)
    return replace(story, significance=round(value, 6))


def matches(story: RankedStory, wanted: StoryFilter) -> bool:
    """Whether ``story`` passes every set part of the filter (dates: it has coverage in the range)."""
    if wanted.outlet and wanted.outlet not in story.outlets:
        return False
    if wanted.country and wanted.country not in story.countries:
        return False
    if wanted.leaning and wanted.leaning not in story.leanings:
        return False
    if wanted.language and wanted.language not in story.languages:
        return False
    return _in_dates(story, wanted)


def _in_dates(story: RankedStory, wanted: StoryFilter) -> bool:
    if not (wanted.date_from or wanted.date_to):
        return True
    if story.first_published is None or story.last_published is None:
        return False
    starts = datetime.combine(wanted.date_from, time.min) if wanted.date_from else None
    ends = datetime.combine(wanted.date_to + timedelta(days=1), time.min) if wanted.date_to else None
    return (starts is None or story.last_published >= starts) and (ends is None or story.first_published < ends)


_SORT_KEYS = {
    "significance": lambda s: (-s.significance, -len(s.independent), -s.article_count, s.id),
    "coverage": lambda s: (-len(s.independent), -s.article_count, -_stamp(s.last_published), s.id),
    "recency": lambda s: (-_stamp(s.last_published), -s.article_count, s.id),
    "size": lambda s: (-s.article_count, -_stamp(s.last_published), s.id),
}


def _stamp(value: datetime | None) -> float:
    return value.timestamp() if value else float("-inf")


def select_stories(outlines: Iterable[StoryOutline], outlets: Mapping[str, Outlet],
                   wanted: StoryFilter, order: str) -> list[RankedStory]:
    """The stories that pass ``wanted``, in ``order``; significance is set on every one."""
    ranked = with_significance([rank_outline(o, outlets) for o in outlines])
    return sorted((s for s in ranked if matches(s, wanted)), key=_SORT_KEYS[check_order(order)])
