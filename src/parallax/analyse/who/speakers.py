"""Who a source is: name, title, affiliation, and the actor it speaks for.

"Russian Foreign Ministry spokeswoman Maria Zakharova" → name "Maria Zakharova",
title "spokeswoman", affiliation "Russian Foreign Ministry", actor "Russian government".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parallax.analyse.who.countries import COUNTRIES, countries_named

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
# Words that read as part of a title in speaker phrases only (TITLE_WORDS also feeds the attribution tagger's
# features, so it stays as trained): plural groups, and the portfolios of ministers ("Deputy Fisheries Minister").
PORTFOLIOS = frozenset(
    """foreign interior defence defense health finance justice economy trade education transport energy home
    environment agriculture fisheries water infrastructure culture tourism industry housing emergency emergencies
    security immigration communications digital science technology treasury""".split()
)
_PARSE_TITLES = TITLE_WORDS | PORTFOLIOS | frozenset(
    """economists scientists engineers doctors researchers diplomats lawyers scholars observers investigators
    negotiators coordinator negotiator envoy mediator""".split()
)
# The last word of a name that makes it an organisation ("Drask Press Club", "Ministry of Emergency Situations").
ORGANISATION_HEADS = frozenset(
    """ministry agency union club association party council institute bank group network partners systems rail
    railways authority commission court committee federation society foundation company corporation office service
    services department bureau chamber assembly parliament police army forces university hospital fund
    organisation organization alliance coalition front movement league board trust centre center port airport
    embassy government administration cabinet senate congress church school""".split()
)
# Sources that are things, not actors: "Aerial footage showed …", "Satellite images suggest …".
THINGS = frozenset(
    """footage images image data figures report reports documents document video videos photos photographs
    pictures records statistics study survey estimates estimate analysis results evidence tally count poll polls
    readings""".split()
)
WITNESS_TITLES = frozenset("witness witnesses resident residents survivor survivors locals relatives bystanders".split())
HONORIFICS = frozenset("dr dr. mr mr. mrs mrs. ms ms. prof prof. professor".split())
_CONNECTORS = frozenset(("of", "for", "and", "the", "&"))
_LINK_WORDS = _CONNECTORS | {"at", "in", "on", "to", "from", "with", "by", "a", "an"}
_LINKERS = re.compile(r",?\s+(?:the\s+)?(\w[\w\s.'’-]*?)\s+(?:of|for|at|with|from)\s+(?:the\s+)?(.+)$")
_DETERMINER = re.compile(r"^(?:the|a|an|one|two|three|several|some|many|most)\s+", re.IGNORECASE)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_TIME_TAIL = re.compile(rf"\s+(?:(?:on|late|early)\s+(?:{_DAYS})|last\s+(?:week|month|night|year|{_DAYS})|"
                        rf"this\s+(?:week|month|morning|year)|yesterday|today|(?:on|late|early)\s+\w+day\s+\w+)$", re.IGNORECASE)
# what follows the source in a phrase cut too long: a relative clause, a verb ("… was on television", "… said …")
_RELATIVE = re.compile(r",?\s+(?:who|which|that|including|was|were|is|are|has|had|have|said|says|told|added|"
                       r"warned|noted|claimed)\b.*$")
# a relative clause that says whose side the speaker is on: "…, who led Valdoria's delegation"
_ROLE_CLAUSE = re.compile(r"(?<![\w-])who\s+(?:leads|led|heads|headed|represents|represented|speaks\s+for|spoke\s+for)\s+"
                          r"(?:the\s+)?(?P<side>[A-Z][\w-]+)['’]s\s+(?P<body>[\w-]+(?:\s+[\w-]+){0,2})")
_SIDE_BODIES = GOVERNMENT_WORDS | {"delegation", "negotiators", "mission", "team", "negotiating"}
_FRAGMENT = re.compile(r"^(?:of|in|and|to|for|at|by|with|from|as)\b|\bto\s+[a-z]+\b|[’']s$|"
                       r"\s(?:of|in|and|to|for|at|by|with|from|on|the|a|an)$")
_LOCATION_TAIL = re.compile(r"\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$")
_POSSESSOR = re.compile(r"^([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)[’']s\s+")
# "Minister for Water and Infrastructure Halvor Denn": a title with its portfolio, then a two-word name
_TITLED_NAME = re.compile(r"^((?:(?:deputy|vice|acting|former)\s+)?(?:minister|secretary|commissioner|director|head)"
                          r"\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+|of\s+|&\s+)?[A-Z][\w'’-]*)*?)"
                          r"\s+([A-Z][\w'’-]+\s+[A-Z][\w'’-]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    """A parsed source. Empty strings mean "not stated"."""

    name: str
    title: str
    affiliation: str
    actor: str


NOBODY = Speaker("", "", "", "")


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() and token.lower() not in _PARSE_TITLES


def _split_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    cut = len(tokens)
    while cut > 0 and _is_capitalised(tokens[cut - 1]):
        cut -= 1
    return tokens[:cut], tokens[cut:]


def _split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(affiliation, title): the title takes the title words before the name and the lower-case words among them."""
    cut = len(tokens)
    while cut > 0 and (tokens[cut - 1].lower() in _PARSE_TITLES
                       or (tokens[cut - 1].isalpha() and tokens[cut - 1].islower() and tokens[cut - 1] not in _LINK_WORDS)):
        cut -= 1
    return tokens[:cut], tokens[cut:]


def is_person_name(text: str) -> bool:
    """Two to four capitalised words, none of them a title or an organisation's head word ("Oona Brandvik")."""
    tokens = [t for t in text.split() if t.lower() not in HONORIFICS]
    return 2 <= len(tokens) <= 4 and all(
        t[:1].isupper() and t.lower() not in _PARSE_TITLES and t.lower().strip("’'") not in ORGANISATION_HEADS
        and not t.endswith(("'s", "’s")) for t in tokens)


def _without_honorific(name: str) -> str:
    tokens = name.split()
    return " ".join(tokens[1:]) if len(tokens) > 2 and tokens[0].lower() in HONORIFICS else name


def _organisation(text: str) -> str:
    """``text`` when it is an organisation's name: capitalised words (and "of", "and") with a head word."""
    tokens = text.split()
    words = [t for t in tokens if t.lower() not in _CONNECTORS]
    if not words or tokens[0].lower() in _CONNECTORS or tokens[-1].lower() in _CONNECTORS:
        return ""
    if not all(t[:1].isupper() for t in words) or is_person_name(re.split(r"\s+of\s+", text)[0]):
        return ""  # lower-case words, or a person "of" a body ("Benedek Arno of the Lannick Dockworkers' Union")
    return text if any(t.lower().strip("’'") in ORGANISATION_HEADS for t in words) else ""


def _named_body(affiliation: str) -> str:
    """The organisation an affiliation names, without its place or a describing prefix.

    "Halvard Risk Partners in Hessing" → "Halvard Risk Partners"; "campaign group Living Seas" → "Living Seas".
    """
    affiliation = _LOCATION_TAIL.sub("", affiliation) or affiliation
    tokens = affiliation.split()
    if tokens and not tokens[0][:1].isupper():
        _, name = _split_name(tokens)
        if len(name) >= 1 and len(name) < len(tokens) and tokens[len(tokens) - len(name) - 1][:1].islower():
            return " ".join(name)
    return affiliation


def _appositive(text: str) -> Speaker | None:
    """ "Jan Kowal, spokesman for the British Foreign Office"; "Brannock's mayor, Osric Talle";
    "Ines Palu, the network's field coordinator"."""
    head, _, rest = text.partition(",")
    head, rest = head.strip(), rest.strip(" ,")
    if not head or not rest:
        return None
    match = _LINKERS.match(", " + rest)
    if match:
        return Speaker(_without_honorific(head), match.group(1).strip(), _named_body(match.group(2).strip()), "")
    inner = _person(rest)
    if len(inner.name.split()) >= 2 and (inner.title or is_person_name(rest)):  # who the person is, then the name
        possessor = _POSSESSOR.match(head)
        title = inner.title or _POSSESSOR.sub("", head)
        return Speaker(inner.name, title, inner.affiliation or (possessor.group(1) if possessor else ""), "")
    if is_person_name(head):  # the name first, then who the person is
        description = _DETERMINER.sub("", _POSSESSOR.sub("", _DETERMINER.sub("", rest)))
        description = re.sub(r"^\w+[’']s\s+", "", description)
        return Speaker(_without_honorific(head), " ".join(description.split()[:4]), "", "")
    return None


def _person(text: str) -> Speaker:
    """ "Deputy Agriculture Minister Dragan Sorel", "Minister of Emergency Situations Anatol Kirsk"."""
    titled = _TITLED_NAME.match(text)
    if titled:
        return Speaker(titled.group(2), titled.group(1), "", "")
    before, name = _split_name(text.split())
    affiliation, title = _split_title(before)
    return Speaker(_without_honorific(" ".join(name)), " ".join(title), " ".join(affiliation), "")


def _prefixed(text: str) -> Speaker:
    match = re.match(r"^(.+?)\s+(?:of|for|at|from)\s+(?:the\s+)?(.+)$", text)
    if match and match.group(1).split()[-1].lower() in _PARSE_TITLES and not _TITLED_NAME.match(text):
        return Speaker("", match.group(1), _named_body(match.group(2)), "")
    if match and is_person_name(match.group(1)):  # "Oona Brandvik of the campaign group Living Seas"
        return Speaker(_without_honorific(match.group(1)), "", _named_body(match.group(2)), "")
    possessor = _POSSESSOR.match(text)
    if possessor:  # "Coral Bank's Nadia Feroz", "Marenland's Transport Minister Ilse Brandt"
        inner = _person(text[possessor.end():])
        if len(inner.name.split()) >= 2:
            return Speaker(inner.name, inner.title, inner.affiliation or possessor.group(1), "")
    if re.search(r"\w[’']s\s", text) and not _TITLED_NAME.search(text):
        return Speaker(text, "", "", "")
    parsed = _person(text)
    if not parsed.name and not parsed.title:
        return Speaker(text, "", "", "")
    return parsed


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
    if affiliation and name and _is_place(affiliation):  # "Valdoria's interior minister, Dorian Vale": the person
        return name
    if affiliation:
        return affiliation
    return name if name[:1].isupper() else ""


def _is_place(affiliation: str) -> bool:
    """One capitalised word that is neither an acronym nor an organisation's head word ("Valdoria", "Vesk")."""
    return (len(affiliation.split()) == 1 and affiliation[:1].isupper() and not affiliation.isupper()
            and affiliation.lower() not in ORGANISATION_HEADS)


def _side_in_role_clause(text: str) -> str:
    """The country a relative clause says the speaker leads or represents ("who led Valdoria's delegation")."""
    found = _ROLE_CLAUSE.search(text)
    if not found or _SIDE_BODIES.isdisjoint(found["body"].lower().split()) or not countries_named(found["side"]):
        return ""
    return found["side"]


def parse_speaker(source: str, aside: str = "") -> Speaker:
    """Split a source phrase into name, title and affiliation and resolve its actor.

    ``aside`` is what stands between the source and its cue (", who led Valdoria's delegation,"); a
    relative clause there, or at the end of ``source``, may say which country the speaker acts for.

    Fragments ("of Tropical Medicine", "Ambersen to put the institute's") and things ("Aerial footage") are nobody.
    """
    text = _DETERMINER.sub("", " ".join(source.split()).strip(" ,"))
    side = _side_in_role_clause(text) or _side_in_role_clause(aside)
    text = _TIME_TAIL.sub("", _RELATIVE.sub("", text)).strip(" ,")
    if not text or text.lower() in ("he", "she", "they", "we", "i", "it", "you") or _FRAGMENT.search(text):
        return NOBODY
    if text.split()[-1].lower() in THINGS:
        return NOBODY
    body = _organisation(text)
    if body:
        return Speaker("", "", body, resolve_actor("", "", body))
    parsed = _appositive(text) or _prefixed(text)
    affiliation = _DETERMINER.sub("", parsed.affiliation) or side
    name = parsed.name if parsed.name[:1].isupper() else ""
    title = parsed.title or ("" if name else parsed.name)
    if title.split() and title.split()[-1].lower() in WITNESS_TITLES:  # residents of a place speak as witnesses
        return Speaker(name, title, affiliation, "")
    return Speaker(name, title, affiliation, resolve_actor(name, title, affiliation))
