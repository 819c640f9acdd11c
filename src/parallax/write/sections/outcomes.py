"""Potential outcomes: forward-looking sentences, with a probability read from their hedging.

The rule table (first matching cue wins, strongest hedge first):

    cue                                          probability  why
    unlikely, doubtful, remote chance            0.15         the source itself doubts it
    could, might, may, possible, risk, warned,   0.30         a possibility, not a plan
      threaten(s|ed), fear(s|ed)
    expected to, likely, poised to, on track     0.60         the source expects it
    will, set to, scheduled to, plans to, vowed  0.75         a stated plan or announcement

A conditional ("if", "unless") takes 0.10 off; each further independent outlet
reporting the same outlook adds 0.05 (at most 0.15). Low < 0.34 <= Medium < 0.67 <= High.
"""

from __future__ import annotations

import re

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.summary import central_order, summary_indices

CUES: tuple[tuple[str, float, str], ...] = (
    (r"unlikely|doubtful|remote chance", 0.15, "the source doubts it"),
    (r"could|might|may(?!\s+\d)|possible|possibly|risks?|warned|warns|threaten(s|ed)?|fear(s|ed)?", 0.30, "a possibility"),
    (r"expected to|likely|poised to|on track", 0.60, "the source expects it"),
    (r"will|set to|(?:is|are) scheduled|plans? to|is to|are to|vowed|vows", 0.75, "a stated plan"),
)
_CONDITIONAL = re.compile(r"\b(if|unless)\b", re.IGNORECASE)
MAX_OUTCOMES = 4
MAX_OPINION = 0.4  # a sentence more opinionated than this is commentary, not an outlook
# An outlook names a future event: a firm future cue, or a possibility with a time or a change verb.
_FIRM = re.compile(r"\b(will|expected to|likely to|set to|plans? to|planning to|(?:is|are) scheduled (?:to|for)|poised to|on track to|"
                   r"is to|are to)\b(?!\s+not\s+be\s+made)", re.IGNORECASE)
_WHEN = re.compile(r"\b(next|coming|within (?:\w+ )?(?:hours|days|weeks|months|years)|by (?:the end|mid-|early|late)|"
                   r"tomorrow|later this|in the (?:weeks|months|days) ahead)\b", re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:could|may|might)\s+(?:well\s+|also\s+|soon\s+|still\s+|even\s+)?(rise|exceed|reach|increase|"
                     r"fall|grow|spread|remain|stay|take|lead|cost|climb|top|worsen|collapse|resume|reopen|return|"
                     r"give way|fail|break|need|face|hit|force)\b", re.IGNORECASE)
_RHETORIC = re.compile(r"\b(?:could|can)(?:\s+not|n[’']t)\s+be\s+\w+er\b", re.IGNORECASE)


def forward_looking(text: str) -> bool:
    """True when ``text`` names a future event rather than speculating about the past ("could be involved")."""
    if _RHETORIC.search(text):
        return False
    return bool(_FIRM.search(text) or _CHANGE.search(text) or (_WHEN.search(text) and hedge(text)))


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


def outlook_positions(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[int]:
    """Forward-looking, plainly worded sentences that the summary does not already say, most central first."""
    used = summary_indices(pool, summary)
    found = []
    for i in central_order(pool):
        r = pool.refs[i]
        if r.reprint or r.words < 6 or not forward_looking(r.text) or pool.opinion[i] > MAX_OPINION:
            continue
        if all(pool.sim[i, j] < pool.same_fact for j in used + found):
            found.append(i)
    return found


def outcome(pool: SentencePool, i: int, found: tuple[float, str]) -> dict:
    """The outlook with its probability: the hedge's, plus 0.05 per further outlet reporting it (at most 0.15)."""
    supporters = pool.supporters(i)
    boost = min(0.15, 0.05 * (len(supporters) - 1))
    probability = round(min(0.95, max(0.05, found[0] + boost)), 2)
    reason = f"{found[1]}; reported by {len(supporters)} outlet{'s' if len(supporters) > 1 else ''}"
    citations = tuple(pool.refs[j].citation for j in [i] + [j for j in supporters.values() if j != i])
    return {"text": pool.refs[i].text, "citations": citations, "probability": probability,
            "likelihood": likelihood(probability), "reason": reason}


def build_outcomes(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Up to four distinct forward-looking sentences, most central first."""
    hedged = ((i, hedge(pool.refs[i].text)) for i in outlook_positions(pool, summary))
    return [outcome(pool, i, found) for i, found in hedged if found is not None][:MAX_OUTCOMES]
