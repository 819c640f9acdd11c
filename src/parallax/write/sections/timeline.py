"""Timeline: sentences that name a date, placed on it; undated leads sit on their article's date; a running story's
developments inside it — a toll told on several days, the day's facet (toll, rescue, investigation, court, blame,
reactions: ``write.facets``) — marked on each event."""

from __future__ import annotations

import re
from datetime import datetime

from parallax.analyse.who.figures import TOLLS
from parallax.models import CitedSentence
from parallax.write.facets import facet_of
from parallax.write.pool import COMMENTARY, SentencePool
from parallax.write.sections.reported import story_figures
from parallax.write.sections.summary import central_order

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_MONTH = "|".join(m.capitalize() for m in MONTHS)
# "September 19", "March 3, 2019", and the day first: "19 September", "3 March 2019"
_DATE = re.compile(r"\b(?:on |since |from )?(?:(?P<month>" + _MONTH + r")\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?"
                   r"(?:,? (?P<year>\d{4}))?|(?P<day2>\d{1,2}) (?P<month2>" + _MONTH + r")(?: (?P<year2>\d{4}))?)\b")
MAX_EVENTS = 8
PER_DAY = 2
LEAD_WORDS = 6  # an article's lead stands for its day's event only if it says something: not "At last."


def sentence_date(text: str, published: datetime | None) -> str | None:
    """ISO date of the first day ``text`` names as an event's (not "since …", which starts a period); without a year,
    the year that puts it nearest the article's date ("from 1 January" in October is next year's)."""
    match = next((m for m in _DATE.finditer(text) if not m.group().startswith("since ")), None)
    if not match:
        return None
    month = MONTHS.index((match["month"] or match["month2"]).lower()) + 1
    day, year = int(match["day"] or match["day2"]), match["year"] or match["year2"]
    if not 1 <= day <= 31 or (year is None and published is None):
        return None
    if year is None:
        year = min((published.year + d for d in (-1, 0, 1)),
                   key=lambda y: abs((datetime(y, month, min(day, 28)) - published.replace(tzinfo=None)).days))
    return f"{year}-{month:02d}-{day:02d}"


def article_date(published: datetime, precision: str) -> str:
    """An article's date as precisely as it is known: '2024-04-15', or '2024-04' (a month), or '2024' (a year)."""
    return {"month": f"{published:%Y-%m}", "year": f"{published:%Y}"}.get(precision, published.date().isoformat())


def date_label(iso: str) -> str:
    """How a timeline date reads: '2024-04' is 'April 2024', '2024' stays; a day stays ISO."""
    if len(iso) == 7 and iso[4] == "-" and iso[5:].isdigit() and 1 <= int(iso[5:]) <= 12:
        return f"{MONTHS[int(iso[5:]) - 1].capitalize()} {iso[:4]}"
    return iso


def build_timeline(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Up to eight dated events, earliest first: a toll's figure on each day it changed (``toll_developments``), each
    independent article's lead on its article's date, and sentences that name a date. With more, the toll's days
    stay first, then the leads (what happened that day), then the most widely reported and most central; one fact
    told twice on one day is one event, and a day has at most two; commentary is left out. Each event names the
    facet of the story it tells, where the encoder finds one."""
    tolls = toll_developments(pool)
    leads, rank = _leads(pool), {k: n for n, k in enumerate(central_order(pool))}
    dated = _dated(pool, leads) | {k: day for k, (day, _) in tolls.items()}
    kept: list[int] = []
    for k in sorted(dated, key=lambda k: (k not in tolls, k not in leads, -len(pool.supporters(k)), rank[k])):
        same_day = [j for j in kept if dated[j] == dated[k]]
        if len(same_day) < PER_DAY and all(pool.sim[k, j] < pool.same_fact for j in same_day):
            kept.append(k)
    chosen = sorted(kept[:MAX_EVENTS], key=lambda k: (dated[k], pool.refs[k].text))
    return [_event(pool, k, dated[k], tolls.get(k, ("", ""))[1]) for k in chosen]


def _event(pool: SentencePool, k: int, day: str, toll: str) -> dict:
    facet = "toll" if toll else facet_of(pool, k)
    return {"date": day, "text": pool.refs[k].text, "citations": (pool.refs[k].citation,),
            **({"facet": facet} if facet else {}), **({"measure": toll} if toll else {})}


def toll_developments(pool: SentencePool) -> dict[int, tuple[str, str]]:
    """Pool position → (day, measure) of a toll's figure on each day it was told, where the story's outlets tell one
    toll (dead, injured, missing …) on two days or more with a change: the day's highest figure, cited to its
    sentence. A toll rising from 40 to 143 over days is a development of the story, not a conflict."""
    where = {(r.article.id, r.index): k for k, r in enumerate(pool.refs)}
    days: dict[str, dict[str, tuple[float, int]]] = {}
    for figures in story_figures(pool).values():
        for f in figures:
            k = where.get((f.article_id, f.sentence_index))
            if f.subject in TOLLS and f.when and k is not None:
                best = days.setdefault(f.subject, {}).get(f.when)
                if best is None or f.value > best[0]:
                    days[f.subject][f.when] = (f.value, k)
    found: dict[int, tuple[str, str]] = {}
    for measure, by_day in days.items():
        if len(by_day) > 1 and len({v for v, _ in by_day.values()}) > 1:
            found.update({k: (day, measure) for day, (_, k) in by_day.items() if k not in found})
    return found


def _dated(pool: SentencePool, leads: set[int]) -> dict[int, str]:
    """Pool position → the date of the event it tells, for the independent, plainly worded sentences that have one."""
    found = {}
    for k, r in enumerate(pool.refs):
        if r.reprint or pool.opinion[k] > COMMENTARY:
            continue
        date = sentence_date(r.text, r.article.published)
        if date is None and k in leads and r.article.published:
            date = article_date(r.article.published, r.article.date_precision)
        if date is not None:
            found[k] = date
    return found


def _leads(pool: SentencePool) -> set[int]:
    """Per article, the pool position of its first sentence that stands alone, says something and is not
    commentary."""
    found: dict[str, int] = {}
    for k, r in enumerate(pool.refs):
        if r.article.id not in found and r.alone and r.words >= LEAD_WORDS and pool.opinion[k] <= COMMENTARY:
            found[r.article.id] = k
    return set(found.values())
