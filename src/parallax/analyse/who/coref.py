"""Who a source span is: a named actor, a pronoun or description resolved to the actor the article means, or nobody.

The learned speaker model (``speaker_model``) scores every actor named in the
sentence and the two before it as the speaker; the best one above the model's
threshold is the answer. "They", "officials", "a witness", or a pronoun with two
people it could mean score low: the statement is left out rather than filed
under a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from parallax.analyse.who.countries import countries_named
from parallax.analyse.who.entities import PRONOUN_GENDER, TITLE_FORMS, Actors, Mention, PersonKey, article_actors
from parallax.analyse.who.speaker_model import Source, choose, named_as_owner, source_of
from parallax.analyse.who.speakers import TITLE_WORDS, VOICE_NOUNS
from parallax.data import country_name
from parallax.models import Article

QUOTED_BETWEEN = 2  # sentences of quoted words that may stand between a speaker's attribution and "he said"
VOICE_BACK = 4  # sentences back in which "the ad", "the letter" may have been named first


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
    speaker = (choose(actors, source) or issuer(actors, source) or titled(actors, source)) if source else None
    return _as_resolved(actors, speaker) if speaker is not None else None


def titled(actors: Actors, source: Source) -> Mention | None:
    """The one person named before whom the article gives the title a description names ("the president said",
    "the senator added", where only Donald Trump was called president); None when it names nobody or several."""
    head = source.head
    title = TITLE_FORMS.get(head.lower_, head.lower_)
    if head.pos_ != "NOUN" or head.ent_type_ or title not in TITLE_WORDS or not any(
            c.lower_ == "the" for c in head.children) or any(c.dep_ == "compound" for c in head.children):
        return None  # "the inspector general" is not "General Smith"
    before = [m for m in actors.mentions if m.person and (m.sentence_index, m.start) < (source.index, source.start)
              and title in actors.titles.get(m.person, ())]
    return before[-1] if len({m.person for m in before}) == 1 else None


def issuer(actors: Actors, source: Source) -> Mention | None:
    """Whom a statement, an ad or a spokesman named as the source speaks for, where the source names them ("the
    statement from Grimm's attorney, William McGinley", "a spokesman for the Justice Department", "Pelosi's letter")
    or, for "the ad", "the letter" with no owner of its own, where the article last named that ad or letter ("The
    Romney campaign retorted with an ad of its own. … The ad says"); None for any other source."""
    head = source.head
    if head.pos_ != "NOUN" or head.lower_ not in VOICE_NOUNS:
        return None
    owner = _issuer_of(actors, source.index, head)
    if owner is not None or not any(c.lower_ == "the" for c in head.children):
        return owner
    for index in range(source.index, max(-1, source.index - 1 - VOICE_BACK), -1):
        earlier = [t for t in actors.docs[index] if t.lemma_ == head.lemma_ and t.pos_ == "NOUN"
                   and (index < source.index or t.i < head.i)]
        if earlier:
            return _issuer_of(actors, index, earlier[-1], made=True)
    return None


def _issuer_of(actors: Actors, index: int, noun, made: bool = False) -> Mention | None:
    """The named actor whose words ``noun`` (a statement, an ad, a letter in sentence ``index``) are: its owner
    ("Pelosi's", "from the Kremlin", "for Mr. Trump"), or with ``made``, whoever the sentence says issued it ("The
    Romney campaign retorted with an ad", "The NAACP adopted a resolution")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "for", "by") for p in c.children
               if p.dep_ == "pobj"]
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else noun.head
    if made and noun.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
        owners += [c for c in verb.children if c.dep_ == "nsubj"]
    for owner in owners:
        named = [c for c in owner.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        span = (named or [owner])[0]
        start = actors.starts[index] + span.left_edge.idx if made and not named else actors.starts[index] + span.idx
        end = actors.starts[index] + span.idx + len(span)
        found = [m for m in actors.in_sentence(index) if m.start < end and m.end > start
                 and m.label in ("PERSON", "ORG", "GPE")]
        if found:
            return found[-1]
    return None


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


def carry_pronouns(article: Article, found: list) -> list:
    """``found`` with each "he said" / "she said" that the speaker model left unresolved given to the one speaker of
    the last attributed sentence before it (only quoted words in between), when that speaker is a person not known
    to be of the other gender and nobody else is named before the pronoun outside quotation marks, nor in the
    speaker's sentence anyone known to be of the pronoun's gender (where the speaker's gender is unknown, nobody of
    that gender or unknown there or in the sentence before): news turns from "…,” Fox said." to "“…,” he said."
    without renaming."""
    actors = article_actors(article)
    if not actors.docs:
        return found
    keyed: dict[int, set[str]] = {}
    for a in found:
        keyed.setdefault(a.sentence_index, set()).add(a.key)
    carried = []
    for a in found:
        lead = _previous_speaker(actors, carried, keyed, a, article.text)
        if lead is not None:
            a = replace(a, key=lead.key, actor=lead.actor, name=lead.name, title=lead.title)
            keyed[a.sentence_index] = keyed[a.sentence_index] - {""} | {a.key}
        carried.append(a)
    return carried


def _previous_speaker(actors: Actors, found: list, keyed: dict[int, set[str]], a, text: str):
    gender = PRONOUN_GENDER.get(a.source.text.lower())
    if a.key or gender is None or a.source.text.lower() not in ("he", "she"):
        return None
    said = _last_said(actors, keyed, a.sentence_index, actors.quoted)
    before = keyed.get(said, set())
    if len(before) != 1 or not next(iter(before)).startswith("person:"):
        return None
    key = next(iter(before))
    person = tuple(key.removeprefix("person:").split("|"))
    known = actors.gender.get(person)
    if known not in (gender, None) or _others(actors, a.sentence_index, person, a.source.start):
        return None
    lead = next(x for x in found if x.sentence_index == said and x.key == key)
    near = range(max(0, said - 1) if known is None else said, said + 1)
    about = _spoken_about(actors, lead, text)
    if any(_others(actors, k, person, gender=gender, sure=known is not None, about=about) for k in near):
        return None  # nobody else who may be meant named in the speaker's sentence (or the one before, gender unknown)
    return lead


def _spoken_about(actors: Actors, lead, text: str):
    """Whom the speaker's sentence names only as what the speaker spoke of: inside a that-clause they said
    ("argued that Trump was …") or as an owner ("dismissed Trump's idea") — no one who may say "he said" next."""
    content = lead.content
    clause = "that" in text[lead.cue.end : content.start].lower().split()
    return lambda m: (clause and content.start <= m.start < content.end) or named_as_owner(actors, m)


def _others(actors: Actors, index: int, person: PersonKey, before: int | None = None, gender: str | None = None,
            sure: bool = False, about=None) -> bool:
    """Whether sentence ``index`` names a person other than ``person`` outside quotation marks (before offset
    ``before``, when given; not shown to be of another gender than ``gender``, when given — with ``sure``, shown
    to be of it; not one that ``about`` says was only spoken of): a name inside the quoted words is the speaker's
    subject, not someone speaking."""
    return any(m.person and m.person != person and (before is None or m.start < before)
               and (gender is None or actors.gender.get(m.person, None if sure else gender) == gender)
               and not (about and about(m))
               and not any(s < m.start < e for s, e in actors.quoted) for m in actors.in_sentence(index))


def _last_said(actors: Actors, keyed: dict[int, set[str]], index: int, quoted: list[tuple[int, int]]) -> int:
    """The last sentence before ``index`` with an attribution, passing over up to ``QUOTED_BETWEEN`` sentences that
    name nobody outside quotation marks (the quotation goes on between "…,” Boehner said." and "…,” he said.");
    -1 when there is none."""
    for k in range(index - 1, max(-1, index - 2 - QUOTED_BETWEEN), -1):
        if keyed.get(k):
            return k
        if any(not any(a <= m.start < b for a, b in quoted) for m in actors.in_sentence(k)):
            return -1
    return -1
