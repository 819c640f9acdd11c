"""Word lists about speakers: titles (a feature of the attribution tagger, kept as it was trained), the head
words of organisations' names ("Drask Press Club", "Ministry of Emergency Situations") and the nouns of what
speaks for someone ("the statement from …", "a spokesman for …")."""

from __future__ import annotations

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
# The last word of a name that makes it an organisation ("Drask Press Club", "Ministry of Emergency Situations").
ORGANISATION_HEADS = frozenset(
    """ministry agency union club association party council institute bank group network partners systems rail
    railways authority commission court committee federation society foundation company corporation office service
    services department bureau chamber assembly parliament police army forces university hospital fund
    organisation organization alliance coalition front movement league board trust centre center port airport
    embassy government administration cabinet senate congress church school""".split()
)
# What speaks for someone named after it: "the statement from the Kremlin", "a spokesman for Mr. Trump", "Pelosi's
# letter"; the statement is the words of whom it is from.
VOICE_NOUNS = frozenset(
    """statement statements letter ad ads advertisement commercial release memo post tweet tweets email video spot
    spokesman spokeswoman spokesperson spokespeople message lawsuit resolution petition""".split()
)
