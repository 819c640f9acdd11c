"""Who a source span is: a named actor, a pronoun or description resolved to the actor the article means, or nobody.

The learned speaker model (``speaker_model``) scores every actor named in the
sentence and the two before it as the speaker; the best one above the model's
threshold is the answer. "They", "officials", "a witness", or a pronoun with two
people it could mean score low: the statement is left out rather than filed
under a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.analyse.who.countries import countries_named
from parallax.analyse.who.entities import Actors, Mention, PersonKey, article_actors
from parallax.analyse.who.speaker_model import choose, source_of
from parallax.data import country_name
from parallax.models import Article


@dataclass(frozen=True)
class Resolved:
    """The actor a source names: ``key`` identifies it across a story; ``name`` is how the article spells it."""

    key: str
    name: str
    label: str  # PERSON | ORG | GPE | NORP
    titles: tuple[str, ...] = ()


def resolve_source(article: Article, index: int, start: int, end: int, cue=None) -> Resolved | None:
    """The actor behind the source ``article.text[start:end]`` of sentence ``index`` (with its ``cue`` span, when
    known); None when the article does not say who it is."""
    actors = article_actors(article)
    if not actors.docs:
        return None
    source = source_of(actors, index, start, end, cue, article.text)
    speaker = choose(actors, source) if source is not None else None
    return _as_resolved(actors, speaker) if speaker is not None else None


def _as_resolved(actors: Actors, mention: Mention) -> Resolved:
    if mention.person:
        titles = tuple(sorted(actors.titles.get(mention.person, ())))
        return Resolved(_person_id(mention.person), actors.full.get(mention.person, mention.name), "PERSON", titles)
    if mention.label in ("GPE", "NORP"):
        codes = countries_named(mention.name)
        if len(set(codes)) == 1:
            name = country_name(codes[0]) or mention.name
            return Resolved(f"country:{codes[0]}", name, "GPE")
    return Resolved(f"org:{mention.name.lower()}", mention.name, mention.label)


def _person_id(key: PersonKey) -> str:
    return f"person:{key[0]}|{key[1]}"
