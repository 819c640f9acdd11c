"""Takeaway: one line, the story's most central sentence outside the summary and the outcomes (else the summary's first)."""

from __future__ import annotations

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.outcomes import MAX_OUTCOMES, outlook_positions
from parallax.write.sections.summary import central_order, cite_with_supporters, summary_indices
from parallax.write.wording import loadedness

MAX_OPINION = 0.3  # a takeaway in the outlet's plain voice


def build_takeaway(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> CitedSentence | None:
    """The most central plain sentence (8–40 words) that neither the summary nor the potential outcomes show, two
    outlets' first; else the summary's first."""
    used = summary_indices(pool, summary)
    outcomes = outlook_positions(pool, summary)[:MAX_OUTCOMES]
    plain = [i for i in central_order(pool) if _plain(pool, i) and all(pool.sim[i, j] < pool.same_fact for j in used)
             and all(pool.sim[i, j] < pool.support for j in outcomes)]
    shared = [i for i in plain if len(pool.supporters(i)) > 1]
    best = (shared or plain or [None])[0]
    if best is not None:
        return cite_with_supporters(pool, best)
    return summary[0] if summary else None


def _plain(pool: SentencePool, i: int) -> bool:
    r = pool.refs[i]
    return (not r.reprint and 8 <= r.words <= 40 and not r.text.endswith("?") and not loadedness(r.text)
            and pool.opinion[i] <= MAX_OPINION and r.alone)
