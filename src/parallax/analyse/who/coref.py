"""Who a source span is: a named actor, a pronoun resolved to the person the article means, or nobody.

The span's syntactic head decides. A head inside a named actor ("Trump's lawyer
John Dowd" → John Dowd, "a Kremlin spokesman" → Kremlin) is that actor. "He" or
"she" is the nearest person named before it whose gender does not contradict the
pronoun, looking back at most ``LOOK_BACK`` sentences; two candidates with nothing
to tell them apart resolve to nobody. A description ("the senator", "the
ministry") is the one person of the article with that title, or the one
organisation whose name holds that word. Anything else — "they", "officials",
"a witness" — is nobody: the statement is left out rather than filed under a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.analyse.who.countries import countries_named
from parallax.analyse.who.entities import PRONOUN_GENDER, TITLE_FORMS, Actors, Mention, PersonKey, article_actors
from parallax.data import country_name
from parallax.models import Article

LOOK_BACK = 3  # sentences a pronoun may reach back


@dataclass(frozen=True)
class Resolved:
    """The actor a source names: ``key`` identifies it across a story; ``name`` is how the article spells it."""

    key: str
    name: str
    label: str  # PERSON | ORG | GPE | NORP
    titles: tuple[str, ...] = ()


def resolve_source(article: Article, index: int, start: int, end: int) -> Resolved | None:
    """The actor behind the source ``article.text[start:end]`` of sentence ``index``; None when the article does not
    say who it is."""
    actors = article_actors(article)
    if not actors.docs:
        return None
    doc, offset = actors.docs[index], actors.starts[index]
    span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if head.dep_ == "appos" and not head.ent_type_:  # "…, the top Democrat on the committee": whom it describes
        head = head.head
    named_child = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if named_child:  # "The governor of the Kherson region, Oleksandr Prokudin, said": the person named
        head = named_child[0]
    at = offset + head.idx
    named = [m for m in actors.in_sentence(index) if ((m.start < end and m.end > start) or m.start <= at < m.end)
             and not _dateline(m, doc, offset) and not _owner_of_another(m, doc, offset)]
    if head.lower_ in PRONOUN_GENDER and head.pos_ == "PRON":
        return _pronoun(actors, index, start, PRONOUN_GENDER[head.lower_])
    if named:
        return _as_resolved(actors, _head_mention(named, head, offset))
    return _description(actors, head.lower_)


def _head_mention(named: list[Mention], head, offset: int) -> Mention:
    """The mention holding the span's head, else a person named in the span, else the organisation or place that
    owns the head (the Kremlin in "Kremlin spokesman")."""
    at = offset + head.idx
    holding = [m for m in named if m.start <= at < m.end]
    people = [m for m in named if m.person]
    return (holding or people or sorted(named, key=lambda m: abs(m.end - at)))[0]


def _dateline(mention: Mention, doc, offset: int) -> bool:
    """A place in capitals opening the sentence ("WASHINGTON ―"): where the story was filed, not who speaks."""
    return mention.label == "GPE" and mention.start - offset < 3 and mention.text.isupper()


def _owner_of_another(mention: Mention, doc, offset: int) -> bool:
    """A person named only as someone's owner ("Trump's lawyer John Dowd"), or a body or place named only as where
    someone is ("witnesses in Herat"): not the speaker."""
    span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
    if span is None:
        return False
    if mention.person:
        return span.root.dep_ == "poss" or any(t.tag_ == "POS" for t in span)
    return span.root.dep_ == "pobj" and span.root.head.lower_ in ("in", "at", "near", "from", "outside", "inside")


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


def _pronoun(actors: Actors, index: int, before: int, gender: str) -> Resolved | None:
    """The person "he" or "she" is: the nearest one named before it whose gender the article shows to match, when
    nobody of unknown gender is named nearer; else the only one of unknown gender in the last ``LOOK_BACK``
    sentences. Anyone else would be a guess."""
    earlier = [m for k in range(index, -1, -1) for m in reversed(actors.in_sentence(k))
               if m.person and (k < index or m.end <= before)]
    sure = next((n for n, m in enumerate(earlier) if actors.gender.get(m.person) == gender), None)
    unknown = [m for m in earlier if m.person not in actors.gender]
    if sure is not None and not any(m.person not in actors.gender for m in earlier[:sure]):
        return _as_resolved(actors, earlier[sure])
    near = {m.person: m for m in unknown if index - m.sentence_index <= LOOK_BACK}
    return _as_resolved(actors, next(iter(near.values()))) if len(near) == 1 and sure is None else None


def _description(actors: Actors, head: str) -> Resolved | None:
    """The one person titled ``head`` ("senator"), else the one organisation named with it ("ministry")."""
    title = TITLE_FORMS.get(head, head)
    people = {p for p, titles in actors.titles.items() if title in titles}
    if len(people) == 1:
        person = people.pop()
        return next(_as_resolved(actors, m) for m in actors.mentions if m.person == person)
    bodies = {m.name: m for m in actors.mentions if m.label == "ORG" and head in m.name.lower().split()}
    return _as_resolved(actors, bodies.popitem()[1]) if len(bodies) == 1 else None
