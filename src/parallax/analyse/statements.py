"""What the parse shows of whether a sentence states a fact on its own: signals for the claim model, not a verdict.

A self-contained statement has a finite main verb with its own subject, and that
subject is identified in the sentence itself. The parse gives the signals the
claim model (``write.claimworthy``) weighs, learned from labelled sentences of
real articles: whether the main verb is finite and has a subject; whether that
subject names someone (an entity or a number of the parse) or points back to an
earlier sentence — a pronoun or a pointing determiner ("He said …", "Another
video …"), a bare definite noun only an earlier sentence identifies ("The
confrontation was …"; the headline's own topic excepted), a surname alone after
an earlier sentence gave the full name, a quantifier or a share alone ("Most
have …", "18 percent said …"); how many bare definite nouns besides it an
earlier sentence named ("… issued the rule"); whether it opens on a joining word
or a discourse adverbial ("But …", "In fact, …"); whether it says what would or
might happen; whether it speaks in the first or second person; how many names,
places, dates and numbers it holds; whether it names a day or a time, and tells what happened (a past tense). English only (the shipped parser); for other
languages ``signals`` answers None and the model goes by what every language shows.
"""

from __future__ import annotations

from functools import lru_cache

from parallax.analyse.given import SIGNALS as SIGNALS_KIND
from parallax.analyse.given import worked_out
from parallax.analyse.quantities import parsed_sentences
from parallax.models import Article

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# determiners that make a noun point back to one named before: "another video", "these figures", "such claims"
POINTING = frozenset({"another", "these", "those", "this", "that", "such", "other", "both", "same"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# modals of what might be rather than what is, was or will be: "A wave would hit the bridge 19 hours later"
HYPOTHETICAL = frozenset({"would", "could", "might", "may"})
# what narrows a definite noun inside its own sentence: "the interior ministry", "the death toll in Syria", "the rule
# that …", "the 6.3 quake", "Russia's army"
NARROWING = frozenset({"amod", "compound", "nmod", "poss", "nummod", "prep", "relcl", "acl", "appos", "quantmod"})
NAMING = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "DATE", "TIME", "CARDINAL", "QUANTITY",
                    "MONEY", "PERCENT", "ORDINAL", "PRODUCT", "LAW"})
WHO = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})  # a subject that names who or where
SIGNALS = ("finite", "subject_named", "subject_back", "subject_definite", "subject_surname", "told_before",
           "connective", "hypothetical", "personal", "entities", "dated", "past")
ENTITY_CAP = 4


def signals(article: Article, index: int) -> dict[str, float] | None:
    """The parse's signals (``SIGNALS``, each 0–1) for sentence ``index`` of the article; None when the article is not
    parsed."""
    found = sentence_signals(article)
    return found[index] if index < len(found) else None


@lru_cache(maxsize=64)
def sentence_signals(article: Article) -> tuple[dict[str, float], ...]:
    """Every sentence's ``signals`` (none when the article is not parsed): one article's work, stored with its parse
    by the brief driver and given back at a rewrite (``analyse.given``)."""
    return worked_out(SIGNALS_KIND, article, _read_every_sentence)


def _read_every_sentence(article: Article) -> tuple[dict[str, float], ...]:
    surnames, nouns = _earlier_by_sentence(article)
    title = article.title.lower()
    return tuple(read(doc, surnames[i], title, nouns[i]) for i, doc in enumerate(parsed_sentences(article)))


@lru_cache(maxsize=64)
def _earlier_by_sentence(article: Article) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
    """Per sentence, ``full_names_before`` and ``nouns_before`` of the sentences before it: read once per article
    as running unions, not again for every sentence asked about (which was quadratic in the article's length)."""
    surnames: list[frozenset[str]] = [frozenset()]
    nouns: list[frozenset[str]] = [frozenset()]
    for doc in parsed_sentences(article):
        surnames.append(surnames[-1] | full_names_before([doc]))
        nouns.append(nouns[-1] | nouns_before([doc]))
    return tuple(surnames), tuple(nouns)


def full_names_before(docs) -> frozenset[str]:
    """Surnames of the people earlier sentences named in full ("Candy Dale" → "Dale")."""
    return frozenset(e[-1].text for doc in docs for e in doc.ents if e.label_ == "PERSON" and len(e) > 1)


def nouns_before(docs) -> frozenset[str]:
    """The common nouns (lemmas) earlier sentences used."""
    return frozenset(t.lemma_.lower() for doc in docs for t in doc if t.pos_ == "NOUN")


def read(doc, surnames: frozenset[str] = frozenset(), title: str = "", nouns: frozenset[str] = frozenset()
         ) -> dict[str, float]:
    """The signals of one parsed sentence; ``surnames`` of people named in full before it, the article's ``title``
    (lower case) for the story's own topic, the ``nouns`` (lemmas) earlier sentences used."""
    root = next(iter(doc.sents)).root
    subjects = [s for s in root.children if s.dep_ in SUBJECTS]
    found = {
        "finite": finite(root) and bool(subjects),
        "subject_named": any(_names(s) for s in subjects),
        "subject_back": any(points_back(s) for s in subjects),
        "subject_definite": any(described_before(s, title) for s in subjects),
        "subject_surname": any(called_by_surname(s, surnames) for s in subjects),
        "told_before": _told_before(doc, title, nouns),
        "connective": _opens_on_connective(doc),
        "hypothetical": any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in root.children),
        "personal": any(t.pos_ == "PRON" and t.morph.get("Person") in (["1"], ["2"]) for t in doc),
        "entities": min(sum(1 for e in doc.ents if e.label_ in NAMING), ENTITY_CAP) / ENTITY_CAP,
        "dated": any(e.label_ in ("DATE", "TIME") for e in doc.ents),
        "past": root.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in root.children),
    }
    return {k: float(found[k]) for k in SIGNALS}


def _names(subject) -> bool:
    """The subject's phrase holds a name of who or where, or a number ("Police in Valdor", "14 people")."""
    return any(t.ent_type_ in WHO or t.like_num for t in subject.subtree)


def _told_before(doc, title: str, nouns: frozenset[str]) -> float:
    """How many bare definite nouns outside the subject an earlier sentence named ("President Reagan first issued the
    rule, which …", "… made the request as …"), up to ``ENTITY_CAP``, scaled to 0–1."""
    found = sum(1 for t in doc if t.dep_ not in SUBJECTS and described_before(t, title) and t.lemma_.lower() in nouns)
    return min(found, ENTITY_CAP) / ENTITY_CAP


def finite(verb) -> bool:
    """A verb with tense: its own finite form, or a finite auxiliary ("has been found", "will rise")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def points_back(subject) -> bool:
    """A subject the reader can only identify from an earlier sentence: a personal or demonstrative pronoun, or a
    noun with a pointing determiner. "It" and "there" with a clause after the verb ("It is said that …") point
    forward and are fine."""
    if subject.dep_ == "expl":
        return False
    if subject.pos_ in ("ADJ", "DET") and not list(subject.children):  # a quantifier alone: "Most have …", "Some fled"
        return True
    if subject.ent_type_ == "PERCENT" and not any(c.dep_ == "prep" for c in subject.children):
        return True  # a share of whom the sentence does not say: "Only 18 percent said …"
    if subject.pos_ == "PRON":
        return not (subject.lower_ == "it" and any(c.dep_ in ("ccomp", "xcomp") for c in subject.head.children))
    return any(c.dep_ in ("det", "predet") and c.lower_ in POINTING for c in subject.children)


def described_before(subject, title: str = "") -> bool:
    """A bare definite noun ("The confrontation …", "The rule faced …", "The president said …"): only the sentence
    that named it tells the reader which. Any word that narrows it keeps it plain — "the interior ministry", "the
    death toll in Syria", "the rule that bars …", "the 6.3 quake" — and so does the headline: "the earthquake" under
    "Earthquake kills 2,000 in Herat" is the story's own event, which the brief's reader knows."""
    if subject.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return False
    if subject.lower_ in title or subject.lemma_.lower() in title:
        return False
    return not any(c.dep_ in NARROWING and not _set_off(c) for c in subject.children)


def _set_off(modifier) -> bool:
    """A clause or apposition after a comma ("the rule, which was upheld …") describes; it does not pick the noun
    out."""
    before = modifier.left_edge.i - 1
    return modifier.dep_ in ("relcl", "acl", "appos") and before >= 0 and modifier.doc[before].text == ","


def called_by_surname(subject, surnames: frozenset[str]) -> bool:
    """A person called by the surname alone ("Dale said …", "Latta and Ehlers married …") after an earlier sentence
    gave the full name: without that sentence the reader cannot tell who. A title ("Mr. Pence", "Sen. Cruz") keeps
    the reference plain. The small parser often takes a lone surname for an organisation, so the earlier full name
    decides, not the entity label."""
    people = [subject] + [c for c in subject.children if c.dep_ == "conj"]
    return any(p.pos_ == "PROPN" and p.text in surnames and not any(c.dep_ in ("compound", "amod", "det")
                                                                      for c in p.children) for p in people)


def _opens_on_connective(doc) -> bool:
    """A sentence whose first word joins it to the one before ("But the ministry …", "And police …"), or that opens on
    a discourse adverbial set off by a comma: an adverb or a preposition with a bare noun that names nothing ("In
    fact, …", "Most recently, …", "Still, …", "For instance, …"; "On Monday, …" and "In Kabul, …" name a time and a
    place and are plain)."""
    first = next((t for t in doc if not t.is_punct), None)
    if first is None:
        return False
    if first.dep_ in ("cc", "preconj"):
        return True
    comma = next((t.i for t in doc if t.text == ","), None)
    if comma is None or comma == 0:
        return False
    opener = doc[:comma]
    head = opener.root
    if any(e.start < comma for e in doc.ents) or head.head != next(iter(doc.sents)).root:
        return False
    return (head.dep_ == "advmod" and head.pos_ == "ADV") or (
        head.dep_ == "prep" and len(opener) == 2 and opener[1].pos_ == "NOUN" and not list(opener[1].children))
