"""The day an undated page was written, read from its own text: a dateline's date, or a weekday the story dates.

Many pages reach us without a publication date (the feed gave none, the page
hides it). Their figures cannot meet another outlet's "the same day" unless we
know their day, so the page is dated from what it says, and the brief marks the
figures so dated:

- a **dateline or byline date**: a full date (day, month name and year, or ISO)
  within the first ``HEAD`` characters ("October 18, 2023 – Palestinian
  authorities …", "Publié le 18 octobre 2023", "تاريخ النشر: 18th, October 2023"),
  when it lies within ``WINDOW`` of the days the story's dated pages span (a
  2024 page opening on "19. Dezember 2016" recalls another attack);
- else the first **weekday** the page names ("on Tuesday", "mardi", "во
  вторник", "الثلاثاء") when one of the story's dated pages of its first week
  was written on that weekday: the page tells of that day (none — a "Monday"
  that is the next convention's — leaves the page undated).

A page with neither stays undated: its figures are shown but never set against
another day's. Month names are the sentence splitter's (CLDR, through babel); weekday
names come from CLDR for the same languages plus Arabic and Persian.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import cache

from parallax.analyse.quantities import WINDOW
from parallax.models import Article
from parallax.text.sentences import month_names

HEAD = 300  # characters of a page's start where a dateline or byline stands
WEEK = 7  # days from the story's first dated page within which a weekday names one day
_LOCALES = "en de fr es it nl pt pl ru uk tr sv no da fi cs sk sl hr sr bg mk ro hu el ar fa".split()
_ISO = re.compile(r"(?<!\d)(20\d\d|19\d\d)-(\d\d)-(\d\d)(?!\d)")
_YEAR = r"(?:19|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|\.)?"


def page_date(article: Article, story_days: Iterable[datetime] = ()) -> tuple[datetime, str] | None:
    """(day, how) for an undated article: ``"dateline"`` or ``"weekday"`` (see the module); None when its text does
    not say, or the article has a date already."""
    if article.published is not None:
        return None
    days = sorted({d.replace(tzinfo=None).replace(hour=0, minute=0, second=0, microsecond=0) for d in story_days})
    found = dateline(article.text[:HEAD])
    if found and (not days or days[0] - WINDOW <= found <= days[-1] + WINDOW):
        return found, "dateline"
    named = weekday_named(article.text)
    same = [d for d in days if d.weekday() == named and (d - days[0]).days < WEEK]
    return (same[0], "weekday") if same else None


def dateline(text: str) -> datetime | None:
    """The first full date written in ``text``: "October 18, 2023", "18 октября 2023", "2023-10-18"."""
    found = []
    if iso := _ISO.search(text):
        found.append((iso.start(), _parsed(iso.group())))
    if match := _full_date().search(text):
        found.append((match.start(), _parsed(match.group())))
    dates = [(at, when) for at, when in found if when is not None]
    return min(dates)[1] if dates else None


def weekday_named(text: str) -> int | None:
    """The weekday (Monday 0) a page names first, in any language of the table; None when it names none."""
    lowered = text.lower()
    hits = [(m.start(), day) for day, pattern in _weekdays().items() for m in pattern.finditer(lowered)]
    return min(hits)[1] if hits else None


def _parsed(text: str) -> datetime | None:
    import dateparser

    when = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]})
    return when.replace(tzinfo=None) if when else None


@cache
def _full_date() -> re.Pattern[str]:
    months = "|".join(sorted((re.escape(m) for m in month_names() if len(m) >= 3), key=len, reverse=True))
    month = rf"(?:{months})\.?"
    return re.compile(rf"(?<!\w)(?:{_DAY}[\s,/-]*(?:de\s+)?{month}[\s,/-]*(?:de\s+)?{_YEAR}|{month}\s+{_DAY},?\s+{_YEAR})"
                      rf"(?!\d)", re.IGNORECASE)


@cache
def _weekdays() -> dict[int, re.Pattern[str]]:
    """A pattern per weekday: its names, and for long names their stem ("вторник", "среду" for "среда")."""
    from babel.dates import get_day_names

    found: dict[int, set[str]] = {}
    for locale in _LOCALES:
        for context in ("format", "stand-alone"):
            for day, name in get_day_names("wide", context, locale).items():
                name = name.lower()
                found.setdefault(day, set()).update({name, name[:-1]} if len(name) > 5 else {name})
    return {day: re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\w{0,2}(?!\w)")
            for day, names in found.items()}
