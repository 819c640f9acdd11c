"""Perspectives: the story's stakeholders, each with its position in its own cited words.

The analyse stage finds who said what (``extract_attributions``) and merges the
speakers into stakeholders, aliases included (``group_stakeholders``: IS-K,
ISIS-K and Islamic State Khorasan are one). Here each stakeholder's statements
become the attributed source sentences, one per idea, cited to every
independent outlet that carries them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from parallax.analyse.who import Stakeholder, group_stakeholders
from parallax.analyse.who.cues import reports_speech
from parallax.analyse.who.quotations import quotation_regions
from parallax.analyse.who.stakeholders import kind_of
from parallax.data import country_name
from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.claims import attributions, reported_by_another
from parallax.write.wording import closes_quote

MAX_STAKEHOLDERS = 8
MAX_PER_SIDE = 3  # so that one government's four spokespeople leave room for the other side
MAX_STATEMENTS = 4
SPELLED_LIKE = 94  # rapidfuzz ratio at which an actor's name is taken for a catalog outlet's other spelling
SLACK = 2  # characters a quotation may stand outside its content span (the marks, a comma)


def presentable(stakeholder: Stakeholder, outlets: set[str]) -> bool:
    """A named actor worth a heading: a name (not an outlet's) that starts with a capital letter."""
    name = stakeholder.name
    person = stakeholder.statements[0].key.startswith("person:") if stakeholder.statements else False
    return bool(name) and name[:1].isupper() and name not in outlets and (person or not news_outlet(name))


@lru_cache(maxsize=1)
def _catalog():
    from parallax.ingest.outlets.catalog import load_catalog

    return load_catalog()


@lru_cache(maxsize=1024)
def news_outlet(name: str) -> bool:
    """Whether ``name`` is a news outlet or agency of the outlet catalog ("AFP", "The Hill", "Maghreb Arabe Presse"):
    it reports what others say. A government's own office in the catalog ("Kremlin", "White House") still speaks."""
    match = _catalog().match_name(name)
    outlet = match.row.outlet if match is not None else _spelled_like(name)
    return outlet is not None and (outlet.ownership != "state" or kind_of(outlet.name) == "other")


@lru_cache(maxsize=1)
def _outlet_names() -> dict[str, object]:
    """Every name and alias of the catalog's outlets, lower case → the outlet."""
    return {n.lower(): row.outlet for row in _catalog().rows() for n in (row.outlet.name, *row.aliases) if len(n) > 5}


def _spelled_like(name: str):
    """The catalog outlet whose name differs from ``name`` by a letter or two ("Maghreb Arabe Press" for "…
    Presse"), or None."""
    found = process.extractOne(name.lower(), _outlet_names().keys(), scorer=fuzz.ratio, score_cutoff=SPELLED_LIKE)
    return _outlet_names()[found[0]] if found else None


def heading(stakeholder: Stakeholder) -> str:
    """The stakeholder's name as its heading."""
    return stakeholder.name


def _one(values: set[str]) -> str:
    """The set's one value; "" when it has none or several."""
    return next(iter(values)) if len(values) == 1 else ""


def cite_own_words(pool: SentencePool, k: int, stakeholder: Stakeholder) -> CitedSentence:
    """The statement, cited also to other outlets' sentences that say the same and are the stakeholder's too; a
    quotation that runs over several sentences is given whole, its sentences joined by a space."""
    own = {(s.article_id, s.sentence_index) for s in stakeholder.statements}
    also = [j for j in pool.supporters(k).values() if j != k and (pool.refs[j].article.id, pool.refs[j].index) in own]
    run = _quotation(pool, k, stakeholder)
    if not run:
        return CitedSentence(pool.refs[k].text, tuple(pool.refs[j].citation for j in [k, *also]))
    text = pool.refs[k].article.text
    quoted = " ".join(text[s.citation.start : s.citation.end] for s in run)
    return CitedSentence(quoted, tuple([s.citation for s in run] + [pool.refs[j].citation for j in also]))


def _quotation(pool: SentencePool, k: int, stakeholder: Stakeholder) -> list:
    """The stakeholder's statements that make up the quotation sentence ``k`` opens, in order; [] when none does."""
    ref = pool.refs[k]
    mine = {s.sentence_index: s for s in stakeholder.statements if s.article_id == ref.article.id}
    here = mine.get(ref.index)
    if here is None or not here.quotation or here.quotation[0] != ref.index:
        return []
    run = [mine.get(i) for i in range(here.quotation[0], here.quotation[1] + 1)]
    return run if all(run) else []


def statement_positions(pool: SentencePool, stakeholder: Stakeholder, limit: int | None = MAX_STATEMENTS) -> list[int]:
    """Pool positions of the stakeholder's spoken statements, one per idea: those that stand alone first, then the
    most widely carried (the first ``limit`` of them, a statement that names its speaker leading; all with None, the
    rest in that order). A quotation over several sentences counts once, at its first sentence."""
    where = {(r.article.id, r.index): k for k, r in enumerate(pool.refs) if not r.reprint}
    located = [(where[(s.article_id, s.sentence_index)], s) for s in stakeholder.statements
               if (s.article_id, s.sentence_index) in where]
    found = list(dict.fromkeys(k for k, s in located if reports_speech(s.cue, pool.refs[k].article.text)
                               and _whole(pool, k, s, stakeholder)))
    found.sort(key=lambda k: (not pool.refs[k].alone, -len(pool.supporters(k)), float(pool.opinion[k])))
    picked: list[int] = []
    for k in found:
        if _words(pool, k, stakeholder) >= 5 and all(pool.sim[k, j] < pool.same_fact for j in picked):
            picked.append(k)
    # a statement that names its speaker leads; "He said …" reads only after one
    shown = sorted(picked[:MAX_STATEMENTS], key=lambda k: not names_speaker(pool.refs[k].text, stakeholder))
    if limit is not None:
        return shown[:limit]
    return shown + picked[MAX_STATEMENTS:] + [k for k in found if k not in picked]  # the rest: short ones, repeats


def _whole(pool: SentencePool, k: int, statement, stakeholder: Stakeholder) -> bool:
    """Whether sentence ``k`` can be quoted as the statement: the first sentence of a quotation given whole, or a
    sentence that is not half a quotation (which misquotes) and is not someone else's report of it."""
    if statement.quotation:
        return bool(_quotation(pool, k, stakeholder))
    return (not closes_quote(pool.refs[k].text) and not reported_by_another(pool.refs[k].article, statement)
            and _quotes_own(pool, k, statement))


def _quotes_own(pool: SentencePool, k: int, statement) -> bool:
    """Whether every quotation in sentence ``k`` is the statement speaker's: the attribution with the narrowest
    content around it (someone's, or anyone's verb of saying) is theirs. "Brandt rejected the offer, and Rieger
    called it “a bad deal …”" quotes Rieger, so it is not Brandt's statement."""
    ref = pool.refs[k]
    sentence = ref.article.sentences[ref.index]
    text = ref.article.text[sentence.start : sentence.end]
    here = [a for a in attributions(ref.article) if a.sentence_index == ref.index
            and (a.key or reports_speech(a.cue, ref.article.text))]  # not a stray "the … were not" around the quote
    for a, b in quotation_regions(text):
        start, end = sentence.start + a, sentence.start + b
        around = [x for x in here if x.content.start - SLACK <= start and end <= x.content.end + SLACK]
        narrowest = min(around, key=lambda x: x.content.end - x.content.start) if around else None
        if len(text[a:b].split()) >= 3 and narrowest is not None and narrowest.key != statement.key:
            return False
    return True


def _words(pool: SentencePool, k: int, stakeholder: Stakeholder) -> int:
    run = _quotation(pool, k, stakeholder)
    text = pool.refs[k].article.text
    return sum(len(text[s.citation.start : s.citation.end].split()) for s in run) if run else pool.refs[k].words


def names_speaker(text: str, stakeholder: Stakeholder) -> bool:
    """Whether the sentence says who speaks: the stakeholder's name, an alias, or a member's surname."""
    words = [stakeholder.name, *stakeholder.aliases, *(m.split()[-1] for m in stakeholder.members if m)]
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words if w)


def story_stakeholders(pool: SentencePool) -> tuple[Stakeholder, ...]:
    """Stakeholders of the story's independent articles."""
    return group_stakeholders({a.id: attributions(a) for a in pool.material.independent_articles()})


def voices(pool: SentencePool) -> tuple[Stakeholder, ...]:
    """The story's stakeholders worth a heading, the most quoted first
    (perspectives and every section that asks who speaks read them: worked out once per pool)."""
    return pool.derived("voices", lambda: _voices(pool))


def _voices(pool: SentencePool) -> tuple[Stakeholder, ...]:
    outlets = {a.outlet for a in pool.material.articles}
    return tuple(s for s in story_stakeholders(pool) if presentable(s, outlets))


def build_perspectives(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Every stakeholder with its cited statements, the most quoted first: up to ``MAX_STAKEHOLDERS`` shown with
    up to ``MAX_STATEMENTS`` statements each, the rest of each one's statements under ``more`` and the stakeholders
    past the caps ``folded`` (the story page shows them on request; nobody's words are lost to a cap)."""
    found = []
    for stakeholder in voices(pool):
        positions = statement_positions(pool, stakeholder, None)
        if positions:
            country = country_of(pool, stakeholder)
            said = _each_once([cite_own_words(pool, k, stakeholder) for k in positions])
            found.append({"stakeholder": heading(stakeholder), "kind": stakeholder.kind,
                          **({"country": country_name(country), "country_code": country} if country else {}),
                          "statements": said[:MAX_STATEMENTS], **({"more": said[MAX_STATEMENTS:]} if said[MAX_STATEMENTS:] else {})})
    return by_side(found)


def _each_once(statements: list[CitedSentence]) -> list[CitedSentence]:
    """The statements, leaving out one whose sentences an earlier one already cites (a repeat in another outlet)."""
    cited: set[tuple[str, int]] = set()
    kept = []
    for statement in statements:
        where = {(c.article_id, c.sentence_index) for c in statement.citations}
        if not where <= cited:
            kept.append(statement)
        cited |= where
    return kept


def by_side(found: list[dict]) -> list[dict]:
    """The stakeholders to show first, at most ``MAX_PER_SIDE`` of one side (one country's government, say), a side's
    members next to each other in the order of its first (a stakeholder with no known country is a side of its
    own); then the others, ``folded``."""
    groups: dict[object, list[dict]] = {}
    folded = []
    for k, p in enumerate(found):
        members = groups.setdefault(side_of(p) or k, [])
        if sum(map(len, groups.values())) < MAX_STAKEHOLDERS and len(members) < MAX_PER_SIDE:
            members.append(p)
        else:
            folded.append({**p, "folded": True})
    return [p for members in groups.values() for p in members] + folded


def side_of(perspective: dict) -> tuple[str, str] | None:
    """The side a stakeholder speaks for: its country and kind, when its country is known."""
    code = perspective.get("country_code") or perspective.get("country")  # briefs before names kept the code
    return (code, perspective["kind"]) if code else None


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
