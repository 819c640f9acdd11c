"""Whether a sentence states a fact on its own: read from its parse, not from a list of opening words.

A self-contained statement has a finite main verb with its own subject (not a
headline fragment, not a question, not what would or might happen), and that subject is identified in the
sentence itself: not a pronoun pointing back ("He said …", "They fled"), not a
noun the sentence marks as one of several ("Another video …", "These figures
…"), not a bare definite noun that only an earlier sentence identifies ("The
confrontation was …", "The rule faced …"), not a person called by the surname alone after an earlier
sentence gave the full name ("Dale said …"), not a quantifier or a share alone ("Most have …", "18 percent said …");
its object is not a bare definite noun an earlier sentence named ("… issued the rule"); it does not open on a
discourse adverbial ("In fact, …", "Most recently, …"); and it names someone, somewhere, some time or some number (an entity or a
figure of the parse). English only (the shipped parser); for other languages
``self_contained`` answers None and the caller decides by other means.
"""

from __future__ import annotations

from functools import lru_cache

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


def self_contained(article: Article, index: int) -> bool | None:
    """Whether sentence ``index`` of the article is a self-contained statement (see the module); None when the
    article is not parsed."""
    docs = parsed_sentences(article)
    if not docs or index >= len(docs):
        return None
    surnames, nouns = _told_before(article)
    return statement(docs[index], surnames[index], article.title.lower(), nouns[index])


@lru_cache(maxsize=64)
def _told_before(article: Article) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
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


def statement(doc, surnames: frozenset[str] = frozenset(), title: str = "", nouns: frozenset[str] = frozenset()) -> bool:
    """The test on one parsed sentence; ``surnames`` of people named in full before it, the article's ``title`` (lower
    case) for the story's own topic, the ``nouns`` (lemmas) earlier sentences used: a bare definite object ("issued
    the rule") leans back when an earlier sentence named it."""
    if doc.text.rstrip().endswith("?") or not doc.ents or not any(e.label_ in NAMING for e in doc.ents):
        return False
    root = next(iter(doc.sents)).root
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in root.children):
        return False
    subjects = [s for s in root.children if s.dep_ in SUBJECTS]
    return finite(root) and bool(subjects) and not any(
        points_back(s) or described_before(s, title) or called_by_surname(s, surnames) for s in subjects
    ) and not _object_told_before(root, title, nouns) and not _opens_on_connective(doc)


def _object_told_before(root, title: str, nouns: frozenset[str]) -> bool:
    """A bare definite object that an earlier sentence named ("President Reagan first issued the rule, which …")."""
    return any(o.dep_ == "dobj" and described_before(o, title) and o.lemma_.lower() in nouns for o in root.children)


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
