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


# "its president", "the trust's director": whose, the organisation that spoke just before says
_ITS = re.compile(r"^(?:its|(?:the\s+)?(?P<head>[a-z]+)[’']s)\s+", re.IGNORECASE)
NEAR_SENTENCES = 1  # "Its president" reads back to an organisation in the same or the sentence before


def resolve_references(found: list[Attribution]) -> tuple[Attribution, ...]:
    """Give "he"/"she" and bare surnames the speaker last named in full, and "its president" its organisation."""
    return _resolve_people(_resolve_its(found))


def _resolve_its(found: list[Attribution]) -> list[Attribution]:
    """ "The valley …, according to the Farmers' Federation. Its president, Anders Kolb, said …": Kolb speaks for it."""
    body: Attribution | None = None
    resolved = []
    for item in found:
        its = _ITS.match(item.title)
        if its and body is not None and not item.affiliation and _owns(body, item, its["head"]):
            item = replace(item, title=item.title[its.end():], affiliation=body.actor, actor=body.actor)
        if item.actor and not is_person_name(item.actor) and item.source.text.lower() not in PRONOUNS:
            body = item  # an organisation, or a government, speaking
        resolved.append(item)
    return resolved


def _owns(body: Attribution, item: Attribution, head: str | None) -> bool:
    """Whether ``body`` is near enough, and named as the title says ("the trust's": a … Trust)."""
    near = item.sentence_index - body.sentence_index <= NEAR_SENTENCES
    return near and (head is None or body.actor.lower().split()[-1] == head.lower())


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
