"""Questions a reader asks, answered with cited source sentences."""

from __future__ import annotations

import re

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.outcomes import build_outcomes
from parallax.write.sections.summary import central_order

BLAME = re.compile(r"\b(responsib\w+|blamed|blames|accused|accuses|claimed responsibility|behind the|caused by)\b",
                   re.IGNORECASE)


def who_is_responsible(pool: SentencePool) -> dict | None:
    """The most central sentence that attributes blame or responsibility."""
    for i in central_order(pool):
        r = pool.refs[i]
        if not r.reprint and BLAME.search(r.text) and r.words >= 6:
            return {"question": "Who is responsible?", "answer": CitedSentence(r.text, (r.citation,))}
    return None


def what_happens_next(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> dict | None:
    outcomes = build_outcomes(pool, summary)
    if not outcomes:
        return None
    top = outcomes[0]
    return {"question": "What happens next?", "answer": CitedSentence(top["text"], top["citations"])}


def build_questions(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Up to two questions: who is responsible, and what happens next."""
    return [q for q in (who_is_responsible(pool), what_happens_next(pool, summary)) if q]
