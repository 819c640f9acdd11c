"""Who a source means, learned: every actor named near an attribution is scored as its speaker, the best one wins.

Candidates are the people, organisations, governments and groups named in the
attribution's sentence and the ``WINDOW`` sentences before it. Each is described
by what the parse says about it and about the source span — does it hold the
span's head, does a pronoun's gender agree, how far back it is, how many other
people were named since, is it the subject of its sentence, is the cue a verb of
saying — and a logistic model (``data/models/speaker/weights.json``, trained on
the tune halves of the brief audit sets by ``train/train_speaker.py``; see the model card there) gives
the chance that it is the speaker. Below the threshold chosen on the tune half
the statement has no known speaker and is left out: a guess is never filed as
someone's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parallax.analyse.who.cues import CUE_WORDS, reports_speech
from parallax.analyse.who.entities import PRONOUN_GENDER, TITLE_FORMS, Actors, Mention
from parallax.data import logistic, logistic_weights

WEIGHTS = Path(__file__).resolve().parents[2] / "data" / "models" / "speaker" / "weights.json"
WINDOW = 2  # sentences before the attribution whose actors may be meant
QUOTES = "“”\"‘’"
FEATURES = ("bias", "in_span", "holds_head", "pronoun", "pron_agree", "pron_clash", "pron_unknown", "other_pronoun",
            "description", "title_match", "distance", "same_sentence", "after_source", "between", "person", "org",
            "place", "owner", "dateline", "subject", "speech", "quoted", "head_subject", "head_named", "cue_subject",
            "in_quote", "spoke_before", "nearest", "nearest_agree", "only_person", "pron_nearest_agree",
            "pron_spoke_before", "according_to", "rival_between", "rival_any")

HOLDS_HEAD = FEATURES.index("holds_head")


@dataclass(frozen=True)
class Source:
    """The source span of an attribution in sentence ``index``: its syntactic head and the cue it goes with."""

    index: int
    start: int
    end: int
    head: object  # spaCy Token
    cue_says: bool  # the cue is a verb of saying (or "according to")
    quoted: bool  # the sentence holds a quotation mark
    cue: tuple[int, int] = (0, 0)  # where the cue is in the article
    according: bool = False  # the cue is "according to"


@lru_cache(maxsize=1)
def weights() -> dict:
    """The shipped weights: {"features": [...], "coef": [...], "threshold": p}."""
    return logistic_weights(WEIGHTS, FEATURES, "speaker model", "train/train_speaker.py")


def source_of(actors: Actors, index: int, start: int, end: int, cue=None, text: str = "") -> Source | None:
    """The parsed source span ``text[start:end]`` of sentence ``index``; None when it covers no token."""
    doc, offset = actors.docs[index], actors.starts[index]
    span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if head.dep_ == "appos" and not head.ent_type_:  # "…, the top Democrat on the committee": whom it describes
        head = head.head
    named = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    head = named[0] if named else head  # "The governor of the region, Oleksandr Prokudin, said": the person named
    says = cue is None or reports_speech(cue, text)
    where = (cue.start, cue.end) if cue is not None else (0, 0)
    according = cue is not None and "according" in cue.text.lower()
    return Source(index, start, end, head, says, any(q in doc.text for q in QUOTES), where, according)


def candidates(actors: Actors, source: Source) -> list[tuple[Mention, tuple[float, ...]]]:
    """Each actor named in the source's sentence or the ``WINDOW`` before it, with its features."""
    window = [m for k in range(max(0, source.index - WINDOW), source.index + 1) for m in actors.in_sentence(k)]
    scored = [(m, features(actors, source, m, window)) for m in window]
    named = source.head.pos_ == "PROPN"  # a source that is a name is the actor holding it, never one named nearby
    return [(m, v) for m, v in scored if admissible(v) and not (named and not v[HOLDS_HEAD])]


def admissible(values: tuple[float, ...]) -> bool:
    """What no evidence overrides: "he" or "she" is a person whose known gender agrees, with nobody else who could
    be meant named in between (nor anywhere near, for a person whose gender the article does not show); "I",
    "we", "they" or "it" name nobody; a description named elsewhere ("the ministry", "the senator") is an actor that bears it; and
    nobody named inside a quotation is the one quoted."""
    f = dict(zip(FEATURES, values))
    return not (f["pron_clash"] or f["other_pronoun"] or f["in_quote"] or (f["pronoun"] and not f["person"])
                or (f["description"] and not f["in_span"] and not f["title_match"])
                or f["rival_between"] or (f["pron_unknown"] and f["rival_any"]))


def features(actors: Actors, source: Source, m: Mention, window: list[Mention]) -> tuple[float, ...]:
    """The feature vector of actor mention ``m`` as the speaker of ``source`` (in ``FEATURES`` order)."""
    head = source.head
    at = actors.starts[source.index] + head.idx
    pronoun = PRONOUN_GENDER.get(head.lower_) if head.pos_ == "PRON" else None
    gender = actors.gender.get(m.person) if m.person else None
    description = head.pos_ == "NOUN" and not head.ent_type_
    title = TITLE_FORMS.get(head.lower_, head.lower_)
    before = [n for n in window if n.person and (n.sentence_index, n.start) < (source.index, source.start)]
    later = {n.person for n in before if (n.sentence_index, n.start) > (m.sentence_index, m.start)} - {m.person}
    agreeing = [n for n in before if pronoun and actors.gender.get(n.person) == pronoun]
    fitting = {n.person for n in before if actors.gender.get(n.person, pronoun) == pronoun} - {m.person}
    nearest = bool(before) and m.person is not None and before[-1].person == m.person
    nearest_agree = bool(agreeing) and m.person is not None and agreeing[-1].person == m.person
    span = _span(actors, m)
    spoke = span is not None and _spoke(span)
    values = {
        "bias": 1, "in_span": m.start < source.end and m.end > source.start, "holds_head": m.start <= at < m.end,
        "pronoun": pronoun is not None, "pron_agree": bool(pronoun) and gender == pronoun,
        "pron_clash": bool(pronoun and gender and gender != pronoun),
        "pron_unknown": bool(pronoun) and m.person is not None and gender is None,
        "other_pronoun": head.pos_ == "PRON" and pronoun is None, "description": description,
        "title_match": description and (title in actors.titles.get(m.person, ()) or head.lower_ in m.name.lower().split()),
        "distance": source.index - m.sentence_index, "same_sentence": m.sentence_index == source.index,
        "after_source": m.sentence_index == source.index and m.start >= source.end,
        "between": min(len(later), 3) / 3, "person": m.person is not None, "org": m.label == "ORG",
        "place": m.label in ("GPE", "NORP"), "owner": span is not None and _owner(m, span),
        "dateline": m.label == "GPE" and m.text.isupper() and m.start - actors.starts[m.sentence_index] < 3,
        "subject": span is not None and _role(span).dep_ in ("nsubj", "nsubjpass"), "speech": source.cue_says,
        "quoted": source.quoted, "head_subject": head.dep_ in ("nsubj", "nsubjpass"),
        "head_named": head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"),
        "cue_subject": span is not None and _subject_of(span, actors.starts[m.sentence_index], source.cue),
        "in_quote": _in_quote(actors, m), "spoke_before": spoke and m.sentence_index < source.index,
        "nearest": nearest, "nearest_agree": nearest_agree, "only_person": {n.person for n in before} == {m.person},
        "pron_nearest_agree": bool(pronoun) and nearest_agree, "pron_spoke_before": bool(pronoun) and spoke,
        "according_to": source.according, "rival_between": bool(pronoun) and bool(fitting & later),
        "rival_any": bool(pronoun) and bool(fitting),
    }
    return tuple(float(values[name]) for name in FEATURES)


def _role(span):
    """The token that plays the mention's part in its clause: its root, or the noun it stands in apposition to
    ("The Kremlin spokesman, Dmitry Peskov, said")."""
    root = span.root
    return root.head if root.dep_ == "appos" else root


def _subject_of(span, offset: int, cue: tuple[int, int]) -> bool:
    """Whether the mention is the subject of the cue's verb ("Harris said", "said Harris")."""
    root = _role(span)
    return root.dep_ in ("nsubj", "nsubjpass") and cue[0] <= offset + root.head.idx < cue[1]


def _spoke(span) -> bool:
    """Whether the mention is the subject of a verb of saying in its sentence."""
    root = _role(span)
    return root.dep_ == "nsubj" and root.head.lower_ in CUE_WORDS


def _in_quote(actors: Actors, m: Mention) -> bool:
    """Whether the mention stands inside quotation marks: named by the speaker, not speaking. The marks are paired
    over the whole article, so a sentence that closes a quotation opened before it is read right."""
    return any(start < m.start < end for start, end in actors.quoted)


def _span(actors: Actors, m: Mention):
    offset = actors.starts[m.sentence_index]
    return actors.docs[m.sentence_index].char_span(m.start - offset, m.end - offset, alignment_mode="expand")


def named_as_owner(actors: Actors, m: Mention) -> bool:
    """Whether the actor is named only as someone's or something's owner ("Trump's lawyer", "Trump's idea")."""
    span = _span(actors, m)
    return span is not None and _owner(m, span)


def _owner(mention: Mention, span) -> bool:
    """A person named only as someone's owner ("Trump's lawyer John Dowd"), or a body or place named only as where
    someone is ("witnesses in Herat")."""
    if mention.person:
        return span.root.dep_ == "poss" or any(t.tag_ == "POS" for t in span)
    return span.root.dep_ == "pobj" and span.root.head.lower_ in ("in", "at", "near", "from", "outside", "inside")


def probability(values: tuple[float, ...], model: dict | None = None) -> float:
    """The model's chance that a candidate with these features is the speaker."""
    return logistic(values, (model or weights())["coef"])


def choose(actors: Actors, source: Source, model: dict | None = None) -> Mention | None:
    """The most likely speaker of ``source``, or None when no candidate reaches the model's threshold."""
    model = model or weights()
    scored = [(probability(v, model), -k, m) for k, (m, v) in enumerate(candidates(actors, source))]
    if not scored:
        return None
    p, _, best = max(scored, key=lambda s: (s[0], s[1]))
    return best if p >= model["threshold"] else None
