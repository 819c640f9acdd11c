"""Questions a reader asks, each answered with a cited source sentence.

- "Who is responsible?" when outlets attribute blame for the story's own
  event: the answer is at least as central as the story's median sentence
  (blame for another event, or for a side issue, is background) unless it
  gives both the accusation and its rebuttal, and such a sentence is preferred.
- "How many …?" for each figure the outlets disagree on: the answer is the
  value most independent outlets give; the other values stand beside it in
  the conflicting-figures section.
- "Where do the accounts differ?" when a sentence sets two speakers' versions
  side by side ("Corvania says …; Eskeria says …", "…, while the union
  warns …"): the answer is that sentence, most widely reported first.
- "How did X respond?" when a stakeholder reacts to the story's event in its
  own attributed words (rejects, condemns, welcomes, …): the most widely
  reported such statement about the story's own event, one the other
  questions do not already give.
- "What happens next?" from the leading potential outcome.
"""

from __future__ import annotations

import re

from parallax.analyse.who.claims import DISPUTE
from parallax.models import CitedSentence
from parallax.write.pool import COMMENTARY, SentencePool
from parallax.write.sections.claims import CONTRAST, attributions
from parallax.write.sections.figures import build_conflicting_figures
from parallax.write.sections.outcomes import build_outcomes
from parallax.write.sections.perspectives import heading, statement_positions, voices
from parallax.write.sections.summary import central_order, cite_with_supporters

# blame for a cause; "accused X of …" names whom, where a bare "the accusations" only refers to blame laid elsewhere
BLAME = re.compile(r"\b(responsib\w+|blam\w+|accus(?:e|es|ed|ing)\s+[^,;.]{1,60}?\s+of|claimed responsibility|"
                   r"behind the|caused by|sabotage|negligence|fault)\b", re.IGNORECASE)
# a reaction to what happened: rejecting, condemning, welcoming, judging it ("called the law …"), demanding
REACTION = re.compile(r"\b(?:respond(?:s|ed)?|react(?:s|ed)?|reject(?:s|ed)?|den(?:y|ies|ied)|dismiss(?:es|ed)?|"
                      r"condemn(?:s|ed)?|denounc(?:es|ed)|deplor(?:es|ed)|welcom(?:es|ed)|criticis(?:es|ed)|"
                      r"criticiz(?:es|ed)|prais(?:es|ed)|protest(?:s|ed)|rebuff(?:s|ed)|hail(?:s|ed)|"
                      r"call(?:s|ed)\s+(?:for|the|it|this|that|these|those|them))\b", re.IGNORECASE)
HOW_MANY = {"dead": "How many people died?", "injured": "How many people were hurt?",
            "arrested": "How many people were arrested?", "missing": "How many people are missing?",
            "displaced": "How many people had to leave their homes?"}
MAX_QUESTIONS = 5
BOTH_SIDES = 2.0  # worth two more supporting outlets: an answer with the accusation and its denial
OPINION_COST = 2.0  # per unit of opinion score: a loaded answer loses to a plain one


def who_is_responsible(pool: SentencePool) -> dict | None:
    """The blame sentence that also carries the other side, else the most widely reported blame sentence about the
    story's own event."""
    blame = [i for i in central_order(pool) if not pool.refs[i].reprint and pool.refs[i].words >= 6
             and BLAME.search(pool.refs[i].text) and pool.opinion[i] <= COMMENTARY and pool.refs[i].alone
             and (pool.about_the_event(i) or DISPUTE.search(pool.refs[i].text))]
    if not blame:
        return None
    best = max(blame, key=lambda i: (BOTH_SIDES if DISPUTE.search(pool.refs[i].text) else 0)
               + len(pool.supporters(i)) - OPINION_COST * float(pool.opinion[i]))
    return {"question": "Who is responsible?", "answer": cite_with_supporters(pool, best)}


def how_many(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """One question per disputed count, answered by the value most outlets give."""
    found = []
    for conflict in build_conflicting_figures(pool, summary):
        question = HOW_MANY.get(conflict["subject"])
        if question:
            top = max(conflict["values"], key=lambda v: (len({c.outlet for c in v["citations"]}), v["value"]))
            found.append({"question": question, "answer": CitedSentence(top["text"], top["citations"])})
    return found


def speakers_either_side(pool: SentencePool, i: int) -> bool:
    """Whether the sentence has an attributed speaker before a contrast and another, by another name, after it."""
    r = pool.refs[i]
    turn = CONTRAST.search(r.text)
    if turn is None:
        return False
    start = r.article.sentences[r.index].start
    shown = r.article.text.find(r.text, start)  # the shown text may drop a dateline
    cut = (shown if shown >= 0 else start) + turn.start()
    spoken = [(a.cue.start < cut, a.actor or a.name) for a in attributions(r.article)
              if a.sentence_index == r.index and (a.actor or a.name)[:1].isupper()]
    before = {who for first, who in spoken if first}
    after = {who for first, who in spoken if not first}
    return bool(before) and bool(after - before)


def where_accounts_differ(pool: SentencePool) -> dict | None:
    """The plainest, most widely reported sentence that gives two speakers' versions side by side."""
    found = [i for i in central_order(pool) if not pool.refs[i].reprint and pool.refs[i].words >= 8
             and pool.opinion[i] <= COMMENTARY and pool.refs[i].alone and speakers_either_side(pool, i)]
    if not found:
        return None
    best = max(found, key=lambda i: len(pool.supporters(i)) - OPINION_COST * float(pool.opinion[i]))
    return {"question": "Where do the accounts differ?", "answer": cite_with_supporters(pool, best)}


def how_did_they_respond(pool: SentencePool, taken: set[str]) -> dict | None:
    """The most widely reported reaction that a stakeholder gives in its own attributed words to the story's own
    event, asked after that stakeholder by name; ``taken`` are answers other questions already give."""
    found = [(i, name) for stakeholder in voices(pool) if (name := heading(stakeholder))
             for i in statement_positions(pool, stakeholder)
             if reacts(pool.refs[i].text) and pool.refs[i].alone and pool.opinion[i] <= COMMENTARY
             and pool.about_the_event(i) and pool.refs[i].text not in taken]
    if not found:
        return None
    best, name = max(found, key=lambda f: (len(pool.supporters(f[0])) - OPINION_COST * float(pool.opinion[f[0]]),
                                           pool.centrality(f[0])))
    return {"question": f"How did {name} respond?", "answer": cite_with_supporters(pool, best)}


def reacts(text: str) -> bool:
    """Whether the sentence reports a reaction now, not one recalled in the pluperfect ("who had dismissed …")."""
    return any(not re.search(r"\bhad(?:\s+\w+ly)?\s*$", text[: m.start()]) for m in REACTION.finditer(text))


def what_happens_next(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> dict | None:
    """The likeliest potential outcome, as the answer to what comes next."""
    outcomes = build_outcomes(pool, summary)
    if not outcomes:
        return None
    top = max(outcomes, key=lambda o: o["probability"])
    return {"question": "What happens next?", "answer": CitedSentence(top["text"], top["citations"])}


def build_questions(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Who is responsible, how many (per disputed count), where accounts differ, how a stakeholder responded and
    what happens next — where the sources answer."""
    found = [who_is_responsible(pool), *how_many(pool, summary), where_accounts_differ(pool)]
    taken = {q["answer"].text for q in found if q}
    found += [how_did_they_respond(pool, taken), what_happens_next(pool, summary)]
    answered: dict[str, dict] = {}
    for q in found:
        if q and q["answer"].text not in answered:
            answered[q["answer"].text] = q
    return list(answered.values())[:MAX_QUESTIONS]
