"""Who "he", "she" and a bare surname are: the speaker the article last named in full; whose "its president" is:
the organisation that spoke just before."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from parallax.analyse.who.cues import PRONOUNS
from parallax.analyse.who.speakers import is_person_name

if TYPE_CHECKING:
    from parallax.analyse.who.attribution import Attribution


_ITS = re.compile(r"^its\s+", re.IGNORECASE)
NEAR_SENTENCES = 1  # "Its president" reads back to an organisation in the same or the sentence before


def resolve_references(found: list[Attribution]) -> tuple[Attribution, ...]:
    """Give "he"/"she" and bare surnames the speaker last named in full, and "its president" its organisation."""
    return _resolve_people(_resolve_its(found))


def _resolve_its(found: list[Attribution]) -> list[Attribution]:
    """ "The valley …, according to the Farmers' Federation. Its president, Anders Kolb, said …": Kolb speaks for it."""
    body: Attribution | None = None
    resolved = []
    for item in found:
        near = body is not None and item.sentence_index - body.sentence_index <= NEAR_SENTENCES
        if _ITS.match(item.title) and near and not item.affiliation:
            item = replace(item, title=_ITS.sub("", item.title), affiliation=body.actor, actor=body.actor)
        if item.actor and not is_person_name(item.actor) and item.source.text.lower() not in PRONOUNS:
            body = item  # an organisation, or a government, speaking
        resolved.append(item)
    return resolved


def _resolve_people(found: list[Attribution]) -> tuple[Attribution, ...]:
    named: dict[str, Attribution] = {}
    last_person: Attribution | None = None
    resolved = []
    for item in found:
        word = item.source.text.lower()
        surname = item.name.split()[-1] if item.name else ""
        earlier = last_person if word in PRONOUNS else named.get(surname) if len(item.name.split()) == 1 else None
        if earlier is not None and word not in ("it", "they", "we", "i", "you"):
            item = replace(item, name=earlier.name, title=earlier.title,
                           affiliation=earlier.affiliation, actor=earlier.actor)
        if len(item.name.split()) >= 2:
            named[surname] = last_person = item
        resolved.append(item)
    return tuple(resolved)
