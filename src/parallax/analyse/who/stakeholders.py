"""Group a story's sources into stakeholders: governments, agencies, parties, armed groups, analysts, witnesses.

Aliases merge by a small table, by acronym ("IS-K" ↔ "Islamic State Khorasan"),
and by fuzzy match (rapidfuzz); a person joins the actor their title names
anywhere in the story ("Zakharova" → "Russian government").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from parallax.analyse.who.attribution import Attribution
from parallax.analyse.who.countries import countries_named, sole_country
from parallax.analyse.who.speakers import ORGANISATION_HEADS, PORTFOLIOS

ALIASES = {
    "islamic state khorasan": ("is-k", "isis-k", "iskp", "islamic state khorasan province", "islamic state-khorasan",
                               "isis-khorasan", "islamic state in khorasan"),
    "islamic state": ("is", "isis", "isil", "daesh", "islamic state group"),
    "united nations": ("un", "u.n."),
    "european union": ("eu", "e.u."),
    "federal bureau of investigation": ("fbi",),
    "central intelligence agency": ("cia",),
    "federal security service": ("fsb",),
    "north atlantic treaty organization": ("nato",),
}
_CANONICAL = {alias: name for name, aliases in ALIASES.items() for alias in (name, *aliases)}
KINDS = {
    "government": r"government|ministry|minister|kremlin|white house|president|prime minister|cabinet|embassy|"
                  r"ambassador|envoy|consulate|mayor",  # not "governor": of a state, or of a central bank
    "armed group": r"islamic state|taliban|hamas|hezbollah|militants?|rebels?|insurgents?|gunmen|al[- ]qaeda|"
                   r"khorasan|militia|armed group|jihadist",
    "agency": r"police|agency|intelligence|fbi|cia|fsb|committee|service|army|military|united nations|"
              r"european union|nato|court|prosecutor|bureau|department|authorit",
    # "Labour" is a party, a "Federation of Labour" a union
    "party": r"party|democrats?|republicans?|campaign|(?<!of\s)labour|conservatives?|caucus|opposition",
    "analyst": r"analysts?|experts?|professor|researchers?|think tank|scholars?|economists?|institute|university",
    "witness": r"witness(?:es)?|residents?|survivors?|eyewitness|bystanders?|locals?|relatives?|concertgoers?",
}
_STATE_TITLE = re.compile(r"\bminister\b|\bambassador\b", re.IGNORECASE)  # a spokesperson may speak for a firm
_GROUP_TITLES = {"analyst": "Analysts", "witness": "Witnesses"}


@dataclass(frozen=True)
class Stakeholder:
    """An actor with the names it goes by, the people who spoke for it, and what they said."""

    name: str
    kind: str  # government | agency | party | armed group | analyst | witness | other
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    statements: tuple[Attribution, ...]
    country: str = ""  # the code of the one country its own words name ("Eskerian Defence Minister"), if any


def kind_of(text: str) -> str:
    """The stakeholder kind a name or title suggests; "other" when none does."""
    for kind, pattern in KINDS.items():
        if re.search(rf"(?<![\w-])(?:{pattern})", text, re.IGNORECASE):  # "non-governmental" is not a government
            return kind
    return "other"


def _kind(name: str, aliases: Sequence[str], titles: Sequence[str]) -> str:
    """What the actor's own names say it is; else what its speakers' titles say. A title makes a person or a
    country a government's voice ("Deputy Transport Minister Arno Pelt"), but a named organisation only through a
    minister or an ambassador: a federation's president does not make it a government."""
    found = kind_of(" ".join([name, *aliases]))
    if found != "other":
        return found
    said = " ".join(titles)
    found = kind_of(said)
    organisation = any(w.lower().strip("’'") in ORGANISATION_HEADS for w in name.split())
    return found if found != "government" or not organisation or _STATE_TITLE.search(said) else "other"


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def acronym(text: str) -> str:
    """First letters of the capitalised words: "Islamic State Khorasan" → "isk"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", text) if w[0].isupper()).lower()


def same_actor(a: str, b: str) -> bool:
    """True when two actor names are aliases of each other."""
    ca, cb = _CANONICAL.get(a.lower(), a.lower()), _CANONICAL.get(b.lower(), b.lower())
    if ca == cb:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) == 1 and short.upper() == short and len(long_.split()) > 1:
        return _letters(short) == acronym(long_)
    return fuzz.token_sort_ratio(ca, cb) >= 90 or short_form(short, long_)


def short_form(short: str, long_: str) -> bool:
    """ "Nimbra" for "Nimbra Systems": an organisation's first word, when that word is not a country's."""
    words = long_.split()
    return (len(short.split()) == 1 and short[:1].isupper() and 1 < len(words) <= 5 and words[0] == short
            and words[-1].lower() in ORGANISATION_HEADS and not countries_named(short))


def _actor_of(item: Attribution, person_actor: Mapping[str, str]) -> str:
    if item.actor and _PRONOUN_ACTOR.match(item.actor):  # "its spokesperson": whose, the parse cannot tell
        item = replace(item, actor="")
    if item.name and (not item.actor or item.actor == item.name):
        return person_actor.get(item.name.split()[-1], item.actor)
    fuller = person_actor.get(item.name.split()[-1], "") if item.name else ""
    if item.actor and item.actor.lower() in fuller.lower().split():  # "union secretary Arno": the union named in full
        return fuller
    if not item.actor:
        kind = kind_of(item.title or item.source.text)
        return _GROUP_TITLES.get(kind, "")
    return item.actor


# portfolios a minister's title names; "Deputy Foreign Minister X" speaks for the story's one foreign ministry,
# "Minister of Emergency Situations Y" for its one ministry of emergency situations
_OFFICES = "|".join(sorted(PORTFOLIOS))
_OFFICE_TITLE = re.compile(rf"\b({_OFFICES})\s+(?:minister|ministry|secretary|office)|"
                           rf"\b(?:minister|ministry|secretary)\s+(?:of|for)\s+(?:the\s+)?({_OFFICES})\b", re.IGNORECASE)
_OFFICE_BODY = r"\b{office}\s+(?:ministry|minister|office|department)|\bministry (?:of|for)\s+(?:the\s+)?{office}"
_BARE = re.compile(r"^(?:the\s+)?(?:deputy\s+)?(?:ministry\s+of\s+(?:the\s+)?)?\w+\s+(?:ministry|minister|office|department)"
                   r"(?:\s+of)?$", re.IGNORECASE)
_PRONOUN_ACTOR = re.compile(r"^(?:its|his|her|their|our|my)\b", re.IGNORECASE)


def office_actor(title: str, actors: Sequence[str]) -> str:
    """The actor of the story that holds the portfolio ``title`` names ("" when none, or several countries' do).

    Bare names ("Foreign Ministry") defer to the one qualified by a country ("Corvania's foreign ministry").
    """
    office = portfolio(title)
    if not office:
        return ""
    body = re.compile(_OFFICE_BODY.format(office=office), re.IGNORECASE)
    found = sorted({a for a in actors if body.search(a)})
    qualified = [a for a in found if not _BARE.match(a)]
    if len(qualified) == 1:
        return qualified[0]
    return min(found, key=len) if found and not qualified else ""


_TOP_MINISTER = re.compile(r"^(?!.*\b(?:deputy|vice|assistant|junior|former|acting|spokes\w*)\b).*\bminister\b", re.IGNORECASE)


def portfolio(title: str) -> str:
    """The portfolio a title names ("Deputy Foreign Minister" → "foreign"); "" when none."""
    match = _OFFICE_TITLE.search(title)
    return (match.group(1) or match.group(2)).lower() if match else ""


def shared_portfolios(items: Sequence[Attribution]) -> frozenset[str]:
    """Portfolios whose minister is two different people in the story: two countries' ministers, so a title alone
    cannot say whose ministry any of them speaks for ("Foreign Minister Aalst" and "Foreign Minister Elling")."""
    holders: dict[str, set[str]] = {}
    for item in items:
        if item.name and _TOP_MINISTER.search(item.title) and (office := portfolio(item.title)):
            holders.setdefault(office, set()).add(item.name.split()[-1])
    return frozenset(office for office, surnames in holders.items() if len(surnames) > 1)


def _person_actors(items: Sequence[Attribution]) -> dict[str, str]:
    """Surname → the actor that a fuller mention of the person names."""
    found: dict[str, str] = {}
    for item in items:
        if item.name and item.actor and item.actor != item.name:
            found.setdefault(item.name.split()[-1], item.actor)
    return found


def _is_person(item: Attribution) -> bool:
    return bool(item.name) and (bool(item.title) or len(item.name.split()) >= 2)


def _clusters(actors: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    for actor in actors:
        home = next((g for g in groups if any(same_actor(actor, other) for other in g)), None)
        if home is None:
            groups.append([actor])
        else:
            home.append(actor)
    return groups


def _display_name(aliases: Counter[str]) -> str:
    canonical = {_CANONICAL.get(a.lower()) for a in aliases} - {None}
    if canonical:
        name = min(canonical)
        return next((a for a in aliases if a.lower() == name), name.title())
    name = max(aliases, key=lambda a: (aliases[a], len(a)))
    spelled = [a for a in aliases if a != name and _letters(name) == acronym(a)]
    if name.isupper() and spelled:
        return max(spelled, key=len)  # "Federation of Rail Workers", not "FRW"
    full = [a for a in aliases if short_form(name, a)]
    return max(full, key=lambda a: (aliases[a], len(a))) if full else name  # "Nimbra Systems", not "Nimbra"


def own_country(actors: Sequence[str], statements: Sequence[Attribution]) -> str:
    """The one country the actor's names, titles and affiliations name; never read from a person's name
    (Jordan Smith, Chad Miller)."""
    people = {s.name for s in statements if s.name and s.name.split()[-1].lower() not in ORGANISATION_HEADS}
    words = [a for a in actors if a not in people] + [s.title for s in statements] + [s.affiliation for s in statements]
    return sole_country(w for w in words if w)


def group_stakeholders(attributions_by_article: Mapping[str, Sequence[Attribution]]) -> tuple[Stakeholder, ...]:
    """Stakeholders of a story, most statements first; unresolved sources are left out."""
    items = [a for article in sorted(attributions_by_article) for a in attributions_by_article[article]]
    person_actor = _person_actors(items)
    actors = {id(item): _actor_of(item, person_actor) for item in items}
    organs = sorted({a for a in actors.values() if a})
    shared = shared_portfolios(items)
    by_actor: dict[str, list[Attribution]] = {}
    for item in items:
        actor = actors[id(item)]
        if item.name and actor == item.name and portfolio(item.title) not in shared:  # their portfolio may place them
            actor = office_actor(item.title, organs) or actor
        elif actor and _BARE.match(actor):  # "Foreign Ministry": the story's one country-named one, if any
            actor = office_actor(actor, organs) or actor
        if actor:
            by_actor.setdefault(actor, []).append(item)
    stakeholders = []
    for group in _clusters(sorted(by_actor, key=lambda a: -len(by_actor[a]))):
        statements = tuple(s for actor in group for s in by_actor[actor])
        aliases = Counter({actor: len(by_actor[actor]) for actor in group})
        name = _display_name(aliases)
        members = tuple(sorted({s.name for s in statements if _is_person(s) and s.name not in group}))
        titles = [s.title for s in statements if s.title]
        stakeholders.append(Stakeholder(name, _kind(name, group, titles), tuple(sorted(group)),
                                        members, statements, own_country(group, statements)))
    return tuple(sorted(stakeholders, key=lambda s: (-len(s.statements), s.name)))
