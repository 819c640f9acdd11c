"""Who a source is: name, title, affiliation, and the actor it speaks for.

"Russian Foreign Ministry spokeswoman Maria Zakharova" → name "Maria Zakharova",
title "spokeswoman", affiliation "Russian Foreign Ministry", actor "Russian government".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Demonym or name → the form used in actor names ("Russian government").
COUNTRIES = {
    "russia": "Russian", "russian": "Russian", "moscow": "Russian", "kremlin": "Russian",
    "ukraine": "Ukrainian", "ukrainian": "Ukrainian", "kyiv": "Ukrainian", "kiev": "Ukrainian",
    "u.s.": "US", "us": "US", "american": "US", "united states": "US", "washington": "US",
    "white house": "US", "state department": "US", "pentagon": "US",
    "britain": "British", "british": "British", "uk": "British", "u.k.": "British",
    "united kingdom": "British", "downing street": "British", "foreign office": "British",
    "france": "French", "french": "French", "germany": "German", "german": "German",
    "china": "Chinese", "chinese": "Chinese", "beijing": "Chinese", "israel": "Israeli",
    "israeli": "Israeli", "iran": "Iranian", "iranian": "Iranian", "tehran": "Iranian",
    "india": "Indian", "indian": "Indian", "pakistan": "Pakistani", "pakistani": "Pakistani",
    "afghanistan": "Afghan", "afghan": "Afghan", "turkey": "Turkish", "turkish": "Turkish",
    "syria": "Syrian", "syrian": "Syrian", "iraq": "Iraqi", "iraqi": "Iraqi",
    "japan": "Japanese", "japanese": "Japanese", "canada": "Canadian", "canadian": "Canadian",
    "italy": "Italian", "italian": "Italian", "spain": "Spanish", "spanish": "Spanish",
    "poland": "Polish", "polish": "Polish", "belarus": "Belarusian", "belarusian": "Belarusian",
    "egypt": "Egyptian", "egyptian": "Egyptian", "saudi": "Saudi", "saudi arabia": "Saudi",
    "mexico": "Mexican", "mexican": "Mexican", "brazil": "Brazilian", "brazilian": "Brazilian",
    "tajikistan": "Tajik", "tajik": "Tajik", "north korea": "North Korean",
    "south korea": "South Korean", "palestinian": "Palestinian", "lebanon": "Lebanese",
    "lebanese": "Lebanese", "qatar": "Qatari", "qatari": "Qatari",
}
# Organs of a state: an affiliation that names one speaks for that country's government.
GOVERNMENT_WORDS = frozenset(
    """government ministry minister cabinet president presidency premier chancellor
    kremlin embassy ambassador secretary foreign office department spokeswoman spokesman
    spokesperson administration""".split()
)
TITLE_WORDS = frozenset(
    """spokeswoman spokesman spokesperson minister secretary president chief director official
    officials leader ambassador senator sen. governor gov. rep. representative mayor analyst
    analysts expert experts professor researcher witness witnesses resident residents survivor
    chairman chairwoman chair commissioner general gen. commander head adviser advisor aide
    aides strategist candidate nominee premier chancellor king queen prince judge attorney
    prosecutor spokespeople officer lawmaker lawmakers deputy vice prime foreign defence defense
    interior press senior former top campaign manager
    correspondent editor economist scientist founder ceo executive mr. mrs. ms. dr. sheriff
    inspector colonel col. lieutenant sergeant captain pastor rabbi imam pope""".split()
)
_LINKERS = re.compile(r",?\s+(?:the\s+)?(\w[\w\s.'’-]*?)\s+(?:of|for|at|with|from)\s+(?:the\s+)?(.+)$")
_DETERMINER = re.compile(r"^(?:the|a|an|one|two|three|several|some|many)\s+", re.I)


@dataclass(frozen=True)
class Speaker:
    """A parsed source. Empty strings mean "not stated"."""

    name: str
    title: str
    affiliation: str
    actor: str


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() and token.lower() not in TITLE_WORDS


def _split_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    cut = len(tokens)
    while cut > 0 and _is_capitalised(tokens[cut - 1]):
        cut -= 1
    return tokens[:cut], tokens[cut:]


def _split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    cut = len(tokens)
    while cut > 0 and tokens[cut - 1].lower() in TITLE_WORDS:
        cut -= 1
    return tokens[:cut], tokens[cut:]


def _appositive(text: str) -> Speaker | None:
    head, _, rest = text.partition(",")
    match = _LINKERS.match("," + rest.rstrip(" ,")) if rest else None
    if not match or not head.strip():
        return None
    return Speaker(head.strip(), match.group(1).strip(), match.group(2).strip(), "")


def _prefixed(text: str) -> Speaker:
    match = re.match(r"^(.+?)\s+(?:of|for|at|from)\s+(?:the\s+)?(.+)$", text)
    if match and match.group(1).split()[-1].lower() in TITLE_WORDS:
        return Speaker("", match.group(1), match.group(2), "")
    if re.search(r"\w[’']s\s", text):
        return Speaker(text, "", "", "")
    before, name = _split_name(text.split())
    affiliation, title = _split_title(before)
    if not name and not title:
        return Speaker(text, "", "", "")
    return Speaker(" ".join(name), " ".join(title), " ".join(affiliation), "")


def country_of(text: str) -> str:
    """The demonym of the first country the text names ("" when none)."""
    lowered = text.lower()
    for key in sorted(COUNTRIES, key=len, reverse=True):
        if re.search(rf"(?<![\w.]){re.escape(key)}(?![\w])", lowered):
            return COUNTRIES[key]
    return ""


def resolve_actor(name: str, title: str, affiliation: str) -> str:
    """The group a speaker speaks for: a government, an organisation, or the person."""
    organ = f"{affiliation} {title}".lower()
    country = country_of(f"{affiliation} {title} {name if not title else ''}")
    if country and (any(w in organ.split() for w in GOVERNMENT_WORDS) or affiliation.lower() in COUNTRIES):
        return f"{country} government"
    if name.lower() in COUNTRIES and not title and not affiliation:
        return f"{COUNTRIES[name.lower()]} government"
    if affiliation:
        return affiliation
    return name if name[:1].isupper() else ""


def parse_speaker(source: str) -> Speaker:
    """Split a source phrase into name, title and affiliation and resolve its actor."""
    text = _DETERMINER.sub("", " ".join(source.split()).strip(" ,"))
    text = re.sub(r",?\s*\b(?:who|which)$", "", text)
    if text.lower() in ("he", "she", "they", "we", "i", "it", "you"):
        return Speaker("", "", "", "")
    parsed = _appositive(text) or _prefixed(text)
    affiliation = _DETERMINER.sub("", parsed.affiliation)
    name = parsed.name if parsed.name[:1].isupper() else ""
    title = parsed.title or ("" if name else parsed.name)
    return Speaker(name, title, affiliation, resolve_actor(name, title, affiliation))
