"""Potential outcomes: forward-looking sentences, with a probability read from their hedging.

The rule table (first matching cue wins, strongest hedge first):

    cue                                          probability  why
    unlikely, doubtful, remote chance            0.15         the source itself doubts it
    could, might, may, possible, risk, warned,   0.30         a possibility, not a plan
      threaten(s|ed), fear(s|ed)
    expected to, likely, poised to, on track     0.60         the source expects it
    will, set to, scheduled, plans to, vowed     0.75         a stated plan or announcement

A conditional ("if", "unless") takes 0.10 off; each further independent outlet
reporting the same outlook adds 0.05 (at most 0.15). Low < 0.34 <= Medium < 0.67 <= High.
"""

from __future__ import annotations

import re

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.summary import central_order

CUES: tuple[tuple[str, float, str], ...] = (
    (r"unlikely|doubtful|remote chance", 0.15, "the source doubts it"),
    (r"could|might|may(?!\s+\d)|possible|possibly|risks?|warned|warns|threaten(s|ed)?|fear(s|ed)?", 0.30, "a possibility"),
    (r"expected to|likely|poised to|on track", 0.60, "the source expects it"),
    (r"will|set to|scheduled|plans? to|vowed|vows", 0.75, "a stated plan"),
)
_CONDITIONAL = re.compile(r"\b(if|unless)\b", re.IGNORECASE)
MAX_OUTCOMES = 4


def likelihood(probability: float) -> str:
    return "Low" if probability < 0.34 else "Medium" if probability < 0.67 else "High"


def hedge(text: str) -> tuple[float, str] | None:
    """(probability, reason) from the first cue of the rule table found in ``text``."""
    for pattern, probability, why in CUES:
        match = re.search(rf"\b({pattern})\b", text, re.IGNORECASE)
        if match:
            reason = f"'{match.group(1).lower()}' marks {why}"
            if _CONDITIONAL.search(text):
                probability, reason = probability - 0.10, reason + ", and it is conditional"
            return probability, reason
    return None


def build_outcomes(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Up to four distinct forward-looking sentences, most central first."""
    outcomes: list[dict] = []
    picked: list[int] = []
    for i in central_order(pool):
        r = pool.refs[i]
        found = hedge(r.text) if not r.reprint and r.words >= 6 else None
        if found is None or any(pool.sim[i, j] >= 0.8 for j in picked):
            continue
        supporters = pool.supporters(i)
        boost = min(0.15, 0.05 * (len(supporters) - 1))
        probability = round(min(0.95, max(0.05, found[0] + boost)), 2)
        reason = f"{found[1]}; reported by {len(supporters)} outlet{'s' if len(supporters) > 1 else ''}"
        citations = tuple(pool.refs[j].citation for j in [i] + [j for j in supporters.values() if j != i])
        outcomes.append({"text": r.text, "citations": citations, "probability": probability,
                         "likelihood": likelihood(probability), "reason": reason})
        picked.append(i)
        if len(outcomes) == MAX_OUTCOMES:
            break
    return outcomes
