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
    """Dated events, earliest first: explicit dates, then each independent article's lead on its date."""
    events: dict[tuple[str, str], dict] = {}
    for r in pool.refs:
        if r.reprint:
            continue
        date = sentence_date(r.text, r.article.published)
        if date is None and r.index == 0 and r.article.published:
            date = r.article.published.date().isoformat()
        if date is not None:
            events.setdefault((date, r.text), {"date": date, "text": r.text, "citations": (r.citation,)})
    return [events[k] for k in sorted(events)][:MAX_EVENTS]
