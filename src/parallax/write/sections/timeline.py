"""Timeline: sentences that name a date, placed on it; undated leads sit on their article's date."""

from __future__ import annotations

import re
from datetime import datetime

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_DATE = re.compile(
    r"\b(?:on |since |from )?(" + "|".join(m.capitalize() for m in MONTHS) + r")\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?\b"
)
MAX_EVENTS = 8
LEAD_WORDS = 6  # an article's lead stands for its day's event only if it says something: not "At last."
MAX_OPINION = 0.45  # above this a sentence is commentary, not an event


def sentence_date(text: str, published: datetime | None) -> str | None:
    """ISO date named in ``text`` (the article's year when the sentence gives none)."""
    match = _DATE.search(text)
    if not match:
        return None
    year = match.group(3) or (str(published.year) if published else None)
    if year is None:
        return None
    month = MONTHS.index(match.group(1).lower()) + 1
    return f"{year}-{month:02d}-{int(match.group(2)):02d}" if 1 <= int(match.group(2)) <= 31 else None


def build_timeline(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Dated events, earliest first: explicit dates, then each independent article's lead on its date; commentary
    is left out."""
    events: dict[tuple[str, str], dict] = {}
    leads = _leads(pool)
    for k, r in enumerate(pool.refs):
        if r.reprint or pool.opinion[k] > MAX_OPINION:
            continue
        date = sentence_date(r.text, r.article.published)
        if date is None and k in leads and r.article.published:
            date = r.article.published.date().isoformat()
        if date is not None:
            events.setdefault((date, r.text), {"date": date, "text": r.text, "citations": (r.citation,)})
    return [events[k] for k in sorted(events)][:MAX_EVENTS]


def _leads(pool: SentencePool) -> set[int]:
    """Per article, the pool position of its first sentence that stands alone, says something and is not
    commentary."""
    found: dict[str, int] = {}
    for k, r in enumerate(pool.refs):
        if r.article.id not in found and r.alone and r.words >= LEAD_WORDS and pool.opinion[k] <= MAX_OPINION:
            found[r.article.id] = k
    return set(found.values())
