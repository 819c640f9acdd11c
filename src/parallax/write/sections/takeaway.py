"""Takeaway: one line, the story's most central sentence outside the summary (else its first)."""

from __future__ import annotations

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.summary import central_order, cite_with_supporters, summary_indices
from parallax.write.wording import loadedness


def build_takeaway(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> CitedSentence | None:
    """The most central plain sentence (8–40 words) that two outlets report and the summary lacks; else its first."""
    used = set(summary_indices(pool, summary))
    for i in central_order(pool):
        r = pool.refs[i]
        fresh = all(pool.sim[i, j] < pool.same_fact for j in used) and len(pool.supporters(i)) > 1
        if fresh and not r.reprint and 8 <= r.words <= 40 and not r.text.endswith("?") and not loadedness(r.text):
            return cite_with_supporters(pool, i)
    return summary[0] if summary else None
