"""Who "he", "she" and a bare surname are: the speaker the article last named in full."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from parallax.analyse.who.cues import PRONOUNS

if TYPE_CHECKING:
    from parallax.analyse.who.attribution import Attribution


def resolve_references(found: list[Attribution]) -> tuple[Attribution, ...]:
    """Give "he"/"she" and bare surnames the speaker last named in full."""
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
