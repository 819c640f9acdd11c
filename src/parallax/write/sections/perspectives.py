"""Perspectives: the story's stakeholders, each with its position in its own cited words.

The analyse stage finds who said what (``extract_attributions``) and merges the
speakers into stakeholders, aliases included (``group_stakeholders``: IS-K,
ISIS-K and Islamic State Khorasan are one). Here each stakeholder's statements
become the attributed source sentences, one per idea, cited to every
independent outlet that carries them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parallax.analyse.who import Stakeholder, group_stakeholders
from parallax.analyse.who.cues import reports_speech
from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.claims import attributions, reported_by_another
from parallax.write.sections.summary import cite_with_supporters
from parallax.write.trim import dateline_place
from parallax.write.wording import closes_quote

MAX_STAKEHOLDERS = 6
MAX_PER_SIDE = 3  # so that one government's four spokespeople leave room for the other side
MAX_STATEMENTS = 3
# a name the speaker parser cut mid-phrase ("Ministry of", "Hospitals in Lannick and")
_RAGGED = re.compile(r"\b(?:of|in|and|the|at|for|to|a|an)$|^(?:of|in|and|the|its|his|her)\b|\b(?:said|says|told)\b",
                     re.IGNORECASE)


def datelines(articles) -> set[str]:
    """The place names that open the articles' datelines ("TOLVEN, Eskeria (CPS) —" → "TOLVEN")."""
    return {place for a in articles if (place := dateline_place(a.text.lstrip()))}


def presentable(stakeholder: Stakeholder, outlets: set[str], places: set[str] = frozenset()) -> bool:
    """A named actor worth a heading: not an outlet or a dateline, not a parsing fragment, not a lone generic word."""
    name = heading(stakeholder)
    return (bool(name) and name[:1].isupper() and not _RAGGED.search(name) and name not in outlets
            and name not in places)


def heading(stakeholder: Stakeholder) -> str:
    """The stakeholder's name; a lone word becomes "Valdorian government" or its speaker's name ("" when neither)."""
    name = stakeholder.name
    if len(name.split()) > 1 or (name.isupper() and len(name) >= 2):
        return name
    if name.endswith(("an", "ian", "ese", "ish")) and stakeholder.kind == "government":
        return f"{name} government"
    return stakeholder.members[0] if stakeholder.members else ""


def tidy(stakeholder: Stakeholder) -> Stakeholder:
    """The name without an appositive: "Coastal Care Network, a medical charity …" → "Coastal Care Network"."""
    return replace(stakeholder, name=stakeholder.name.split(",")[0].strip(" ,"))


def _same_body(a: str, b: str) -> bool:
    """ "Foreign Ministry" and "Corvania's foreign ministry" name one body: one name's words end the other."""
    short, long_ = sorted((a.lower().split(), b.lower().split()), key=len)
    return len(short) >= 2 and long_[-len(short):] == short


def merged(stakeholders: tuple[Stakeholder, ...]) -> list[Stakeholder]:
    """Stakeholders with bodies named two ways folded into the more specific name."""
    out: list[Stakeholder] = []
    for s in map(tidy, stakeholders):
        home = next((k for k, o in enumerate(out) if _same_body(o.name, s.name)), None)
        if home is None:
            out.append(s)
            continue
        first = out[home]
        name = max((first.name, s.name), key=len)
        out[home] = replace(first, name=name, aliases=tuple(sorted({*first.aliases, *s.aliases})),
                            members=tuple(sorted({*first.members, *s.members})),
                            statements=first.statements + s.statements,
                            country=_one({first.country, s.country} - {""}))
    return out


def _one(values: set[str]) -> str:
    """The set's one value; "" when it has none or several."""
    return next(iter(values)) if len(values) == 1 else ""


def statement_positions(pool: SentencePool, stakeholder: Stakeholder) -> list[int]:
    """Pool positions of the stakeholder's spoken statements, one per idea: those that stand alone first, then the
    most widely carried."""
    where = {(r.article.id, r.index): k for k, r in enumerate(pool.refs) if not r.reprint}
    located = [(where[(s.article_id, s.sentence_index)], s) for s in stakeholder.statements
               if (s.article_id, s.sentence_index) in where]
    found = list(dict.fromkeys(k for k, s in located if reports_speech(s.cue, pool.refs[k].article.text)
                               and not closes_quote(pool.refs[k].text)  # half a quotation misquotes
                               and not reported_by_another(pool.refs[k].article, s)))
    # a statement that names its speaker leads; "He said …" reads only after one
    found.sort(key=lambda k: (not pool.refs[k].alone, -len(pool.supporters(k)), float(pool.opinion[k])))
    picked: list[int] = []
    for k in found:
        if pool.refs[k].words >= 5 and all(pool.sim[k, j] < pool.same_fact for j in picked):
            picked.append(k)
    return sorted(picked[:MAX_STATEMENTS], key=lambda k: not names_speaker(pool.refs[k].text, stakeholder))


def names_speaker(text: str, stakeholder: Stakeholder) -> bool:
    """Whether the sentence says who speaks: the stakeholder's name, an alias, or a member's surname."""
    words = [stakeholder.name, *stakeholder.aliases, *(m.split()[-1] for m in stakeholder.members if m)]
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words if w)


def story_stakeholders(pool: SentencePool) -> tuple[Stakeholder, ...]:
    """Stakeholders of the story's independent articles."""
    return group_stakeholders({a.id: attributions(a) for a in pool.material.independent_articles()})


def voices(pool: SentencePool) -> tuple[Stakeholder, ...]:
    """The story's stakeholders worth a heading, bodies named two ways folded together, the most quoted first
    (perspectives and every section that asks who speaks read them: worked out once per pool)."""
    return pool.derived("voices", lambda: _voices(pool))


def _voices(pool: SentencePool) -> tuple[Stakeholder, ...]:
    outlets, places = {a.outlet for a in pool.material.articles}, datelines(pool.material.articles)
    return tuple(s for s in merged(story_stakeholders(pool)) if presentable(s, outlets, places))


def build_perspectives(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Up to six stakeholders with up to three cited statements each, the most quoted first."""
    found = []
    for stakeholder in voices(pool):
        positions = statement_positions(pool, stakeholder)
        if positions:
            country = country_of(pool, stakeholder)
            found.append({"stakeholder": heading(stakeholder), "kind": stakeholder.kind,
                          **({"country": country} if country else {}),
                          "statements": [cite_with_supporters(pool, k) for k in positions]})
    return by_side(found)


def by_side(found: list[dict]) -> list[dict]:
    """Up to six stakeholders, at most three of one side (one country's government, say), a side's members next
    to each other in the order of its first; a stakeholder with no known country is a side of its own."""
    groups: dict[object, list[dict]] = {}
    for k, p in enumerate(found):
        members = groups.setdefault(side_of(p) or k, [])
        if sum(map(len, groups.values())) < MAX_STAKEHOLDERS and len(members) < MAX_PER_SIDE:
            members.append(p)
    return [p for members in groups.values() for p in members]


def side_of(perspective: dict) -> tuple[str, str] | None:
    """The side a stakeholder speaks for: its country and kind, when its country is known."""
    return (perspective["country"], perspective["kind"]) if perspective.get("country") else None


def country_of(pool: SentencePool, stakeholder: Stakeholder) -> str:
    """The country a stakeholder speaks for: the one its own titles name, else, for a government voice that only
    state media of one country quote (by title, with no country), that country: state media quote their own."""
    if stakeholder.country or stakeholder.kind != "government":
        return stakeholder.country
    by_id = {a.id: a for a in pool.material.articles}
    outlets = [pool.material.outlets.get(by_id[s.article_id].outlet) for s in stakeholder.statements
               if s.article_id in by_id]
    state_only = bool(outlets) and all(o is not None and o.ownership == "state" for o in outlets)
    return _one({o.country for o in outlets}) if state_only else ""


def speakers(pool: SentencePool) -> dict[tuple[str, int], dict]:
    """(article id, sentence index) → the stakeholder who speaks in that sentence, as perspectives name it:
    {"name": …, "kind": …}. Every section that weighs who says something reads it from here."""
    found: dict[tuple[str, int], dict] = {}
    for stakeholder in voices(pool):
        who = {"name": heading(stakeholder), "kind": stakeholder.kind}
        for s in stakeholder.statements:
            found.setdefault((s.article_id, s.sentence_index), who)
    return found
