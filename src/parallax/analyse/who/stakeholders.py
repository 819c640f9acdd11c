"""Group a story's resolved speakers into stakeholders: one heading per person, organisation, government or group.

Speakers come resolved (``coref.resolve_source``): a person by ``(first name,
surname)``, an organisation by its name, a country by its code. Across a story a
lone surname joins the one full name that ends in it ("Trump" → "Donald Trump")
and is dropped when two people share it; organisations merge by a small alias
table, by acronym ("IS-K" ↔ "Islamic State Khorasan") and by fuzzy match.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from parallax.analyse.who.countries import sole_country
from parallax.analyse.who.relations import Attribution

ALIASES = {
    "islamic state khorasan": ("is-k", "isis-k", "iskp", "islamic state khorasan province", "islamic state-khorasan",
                               "isis-khorasan", "islamic state in khorasan"),
    "islamic state": ("is", "isis", "isil", "daesh", "islamic state group"),
    "united nations": ("un", "u.n."),
    "european union": ("eu", "e.u."),
    "federal bureau of investigation": ("fbi", "f.b.i."),
    "central intelligence agency": ("cia", "c.i.a."),
    "federal security service": ("fsb",),
    "north atlantic treaty organization": ("nato",),
}
_CANONICAL = {alias: name for name, aliases in ALIASES.items() for alias in (name, *aliases)}
KINDS = {
    "government": r"government|ministry|minister|kremlin|white house|president|prime minister|cabinet|embassy|"
                  r"ambassador|envoy|consulate|mayor|governor|secretary|spokes(?:wo)?man|senator|lawmakers?",
    "armed group": r"islamic state|taliban|hamas|hezbollah|militants?|rebels?|insurgents?|gunmen|al[- ]qaeda|"
                   r"khorasan|militia|armed group|jihadist",
    "agency": r"police|agency|intelligence|fbi|cia|fsb|committee|service|army|military|united nations|"
              r"european union|nato|court|prosecutor|bureau|department|authorit",
    "party": r"party|democrats?|republicans?|campaign|conservatives?|caucus|opposition",
    "analyst": r"analysts?|experts?|professor|researchers?|think tank|scholars?|economists?|institute|university",
    "witness": r"witness(?:es)?|residents?|survivors?|eyewitness|bystanders?|locals?|relatives?",
}


@dataclass(frozen=True)
class Stakeholder:
    """An actor with the names it goes by, the people who spoke for it, and what they said."""

    name: str
    kind: str  # government | agency | party | armed group | analyst | witness | other
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    statements: tuple[Attribution, ...]
    country: str = ""  # the code of the one country its names and titles name, if any


def kind_of(text: str) -> str:
    """The stakeholder kind a name or title suggests; "other" when none does."""
    for kind, pattern in KINDS.items():
        if re.search(rf"(?<![\w-])(?:{pattern})", text, re.IGNORECASE):  # "non-governmental" is not a government
            return kind
    return "other"


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def acronym(text: str) -> str:
    """First letters of the capitalised words: "Islamic State Khorasan" → "isk"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", text) if w[0].isupper()).lower()


def same_actor(a: str, b: str) -> bool:
    """True when two organisation names are aliases of each other."""
    ca, cb = _CANONICAL.get(a.lower(), a.lower()), _CANONICAL.get(b.lower(), b.lower())
    if ca == cb:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) == 1 and short.upper() == short and len(long_.split()) > 1:
        return _letters(short) == acronym(long_)
    return fuzz.token_sort_ratio(ca, cb) >= 90


def story_keys(items: Sequence[Attribution]) -> dict[str, str]:
    """Each speaker key → the key it stands for in the story: a lone surname → the one full name ending in it
    ("" when two people share it); an organisation → the first of its aliases."""
    firsts: dict[str, set[str]] = {}
    for item in items:
        if item.key.startswith("person:") and not item.key.startswith("person:|"):
            firsts.setdefault(item.key.split("|")[1], set()).add(item.key)
    mapping: dict[str, str] = {}
    orgs: list[tuple[str, str]] = []
    for item in sorted(items, key=lambda i: -len(i.actor)):
        key = item.key
        if key in mapping:
            continue
        if key.startswith("person:|"):
            full = firsts.get(key.split("|")[1], set())
            mapping[key] = next(iter(full)) if len(full) == 1 else "" if full else key
        elif key.startswith("org:") and len(firsts.get(key[4:], ())) == 1:  # a person the parser took for a body
            mapping[key] = next(iter(firsts[key[4:]]))
        elif key.startswith("org:"):
            home = next((k for k, name in orgs if same_actor(name, item.actor)), key)
            orgs.append((home, item.actor))
            mapping[key] = home
        else:
            mapping[key] = key
    return mapping


def group_stakeholders(attributions_by_article: Mapping[str, Sequence[Attribution]]) -> tuple[Stakeholder, ...]:
    """Stakeholders of a story, most statements first; statements whose speaker is unknown are left out."""
    items = [a for article in sorted(attributions_by_article) for a in attributions_by_article[article] if a.key]
    keys = story_keys(items)
    grouped: dict[str, list[Attribution]] = {}
    for item in items:
        if keys.get(item.key):
            grouped.setdefault(keys[item.key], []).append(item)
    return tuple(sorted((_stakeholder(s) for s in grouped.values()), key=lambda s: (-len(s.statements), s.name)))


def _stakeholder(statements: list[Attribution]) -> Stakeholder:
    names = Counter(s.actor for s in statements)
    name = max(names, key=lambda n: (len(n.split()) if statements[0].key.startswith("person:") else names[n], len(n)))
    described = [s.title for s in statements if s.title] + [s.affiliation for s in statements if s.affiliation]
    kind = kind_of(name) if not statements[0].key.startswith("person:") else "other"
    if kind == "other":  # a person by their titles; a country speaks through its government
        kind = kind_of(" ".join(described)) if described else "other"
    if kind == "other" and statements[0].key.startswith("country:"):
        kind = "government"
    members = tuple(sorted({s.name for s in statements if s.name and s.name != name}))
    person = statements[0].key.startswith("person:")  # a country is never read from a person's name (Jordan Smith)
    country = statements[0].key.removeprefix("country:") if statements[0].key.startswith("country:") else \
        sole_country(described if person else [name, *described])
    return Stakeholder(name, kind, tuple(sorted(names)), members, tuple(statements), country)
