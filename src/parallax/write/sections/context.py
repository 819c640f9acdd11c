"""Context: background sentences (what was true before the event) that read on their own, not already in the summary."""

from __future__ import annotations

import re

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.summary import central_order, summary_indices

BACKGROUND = re.compile(
    r"\b(has been|have been|had been|since|last year|last month|years ago|previously|earlier this year|"
    r"in (19|20)\d\d|history of|for decades|for years|long-running|ongoing)\b",
    re.IGNORECASE,
)
MAX_CONTEXT = 3


def build_context(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[CitedSentence]:
    """Up to three central background sentences, one per idea."""
    used = set(summary_indices(pool, summary))
    picked: list[int] = []
    for i in central_order(pool):
        r = pool.refs[i]
        if i in used or r.reprint or not BACKGROUND.search(r.text) or r.words < 6 or not r.alone:
            continue
        if all(pool.sim[i, j] < 0.8 for j in picked):
            picked.append(i)
        if len(picked) == MAX_CONTEXT:
            break
    return [CitedSentence(pool.refs[i].text, (pool.refs[i].citation,)) for i in picked]
