"""Potential outcomes: forward-looking sentences, each with a probability from the outcome model.

The probability comes from ``parallax.forecast.model.estimate`` — the one documented model of
the evidence (hedging, who says it, conditionals, independent outlets) that the forecast ledger
also uses and later scores — so the brief and the ledger never disagree about a fresh outcome.
Low < 0.34 <= Medium < 0.67 <= High.
"""

from __future__ import annotations

import re

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.perspectives import speakers
from parallax.write.sections.summary import central_order, summary_indices

_HEDGED = re.compile(r"\b(unlikely|doubtful|could|might|may(?!\s+\d)|possible|possibly|risks?|warned|warns|"
                     r"threaten(?:s|ed)?|fear(?:s|ed)?|expected to|likely|poised to|on track|will|set to|"
                     r"(?:is|are) scheduled|plans? to|is to|are to|vowed|vows)\b", re.IGNORECASE)
MAX_OUTCOMES = 4
MAX_OPINION = 0.4  # a sentence more opinionated than this is commentary, not an outlook
# One speaker's two outlooks are one plan at a lower cosine than strangers' ("leader X said her party will
# challenge the law at the Court" / "the opposition party has said it will challenge the law at the Court"):
# the differing attributions pull their vectors apart.
SAME_SPEAKER = 0.8  # share of the same-fact cosine
# An outlook names a future event: a firm future cue, or a possibility with a time or a change verb.
_FIRM = re.compile(r"\b(will|expected to|likely to|set to|plans? to|planning to|(?:is|are) scheduled (?:to|for)|poised to|on track to|"
                   r"is to|are to)\b(?!\s+not\s+be\s+made)", re.IGNORECASE)
_WHEN = re.compile(r"\b(next|coming|within (?:\w+ )?(?:hours|days|weeks|months|years)|by (?:the end|mid-|early|late)|"
                   r"tomorrow|later this|in the (?:weeks|months|days) ahead)\b", re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:could|may|might)\s+(?:well\s+|also\s+|soon\s+|still\s+|even\s+)?(rise|exceed|reach|increase|"
                     r"fall|grow|spread|remain|stay|take|lead|cost|climb|top|worsen|collapse|resume|reopen|return|"
                     r"give way|fail|break|need|face|hit|force)\b", re.IGNORECASE)
_RHETORIC = re.compile(r"\b(?:could|can)(?:\s+not|n[’']t)\s+be\s+\w+er\b", re.IGNORECASE)
# what someone said before, in a relative or a "when" clause: "…, who said the day after that the evidence "will be
# presented"", "…, when the charity said the total could pass that mark"
_EARLIER_WORDS = re.compile(r",\s+(?:who|which|when\b[^,;]{1,60}?)\s+(?:had\s+)?(?:said|warned|promised|claimed|insisted|"
                            r"vowed|predicted|pledged|announced)\b.*$", re.IGNORECASE)


def forward_looking(text: str) -> bool:
    """True when ``text`` names a future event rather than speculating about the past ("could be involved")."""
    if _RHETORIC.search(text):
        return False
    text = _EARLIER_WORDS.sub("", text)  # a promise reported as background is not an outlook
    return bool(_FIRM.search(text) or _CHANGE.search(text) or (_WHEN.search(text) and _HEDGED.search(text)))


def likelihood(probability: float) -> str:
    return "Low" if probability < 0.34 else "Medium" if probability < 0.67 else "High"


def outlook_positions(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> tuple[int, ...]:
    """Forward-looking, plainly worded sentences that stand alone and that the summary does not already say, most
    central first (the outcomes, the questions and the takeaway read them: worked out once per pool)."""
    return pool.derived(("outlooks", summary), lambda: _outlook_positions(pool, summary))


def _outlook_positions(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> tuple[int, ...]:
    used, who = summary_indices(pool, summary), speakers(pool)
    speaker = [(who.get((r.article.id, r.index)) or {}).get("name") for r in pool.refs]
    found = []
    for i in central_order(pool):
        r = pool.refs[i]
        if r.reprint or r.words < 6 or not forward_looking(r.text) or pool.opinion[i] > MAX_OPINION \
                or not r.alone:
            continue
        if all(pool.sim[i, j] < pool.same_fact for j in used) and all(
                pool.sim[i, j] < pool.same_fact * (SAME_SPEAKER if speaker[i] and speaker[i] == speaker[j] else 1)
                for j in found):
            found.append(i)
    return tuple(found)


def outcome(pool: SentencePool, i: int, speaker: dict | None = None) -> dict:
    """The outlook with the outcome model's probability, given how many independent outlets report it and, when the
    story's stakeholders say who speaks, what kind of source that is (as the forecast ledger weighs it)."""
    from parallax.forecast.model import estimate

    supporters = pool.supporters(i)
    kind, name = (speaker["kind"], speaker["name"]) if speaker else ("", "")
    found = estimate(pool.refs[i].text, max(1, len(supporters)), kind, name)
    citations = tuple(pool.refs[j].citation for j in [i] + [j for j in supporters.values() if j != i])
    return {"text": pool.refs[i].text, "citations": citations, "probability": round(found.probability, 2),
            "likelihood": likelihood(found.probability), "reason": found.reason, **({"speaker": speaker} if speaker else {})}


def build_outcomes(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Up to four distinct forward-looking sentences, most central first, each with who says it when known."""
    who = speakers(pool)
    return [outcome(pool, i, who.get((pool.refs[i].article.id, pool.refs[i].index)))
            for i in outlook_positions(pool, summary)[:MAX_OUTCOMES]]
