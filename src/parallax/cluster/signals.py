"""What an article brings to story assignment: its vector, anchors, names, terms, language and day."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from parallax.cluster.anchors import SPACELESS, place_ids, romanised_names
from parallax.cluster.anchors import figures as any_figures
from parallax.cluster.elapsed import looks_back
from parallax.models import Article
from parallax.text.language import UNDETERMINED, identify_language

LEAD_CHARS = 1500  # names and terms from the title and lead: later paragraphs drift to background
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*|[A-Z]{2,6})\b")
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_STOP_WORDS = """
the and for that with this from have has had was were are been will would could should about after
into over than then them they their there these those what when where which while who whom whose why
how not but its it's his her him she he our you your said says say also more most some such only
just other new one two three first last year years day days week weeks time told according may might
can monday tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december mr mrs ms
"""
_STOP = frozenset(_STOP_WORDS.split())
_NAME_STOP = frozenset(w.capitalize() for w in _STOP) | {"The", "A", "An", "In", "On", "At", "But", "And", "As", "If"}


_NUMBER = re.compile(
    r"(?<![\w.])\$?(\d[\d,.]*\d|\d)(\s?(?:%|percent\b|million\b|billion\b|trillion\b|thousand\b|[km]\b|bn\b))?",
    re.IGNORECASE,
)
_UNITS = {"percent": "%", "k": "thousand", "m": "million", "bn": "billion"}


def names(text: str) -> frozenset[str]:
    """Capitalised words that are not sentence-initial, and figures: a cheap stand-in for named entities."""
    found = {m.group(1).lower() for m in _NAME.finditer(text) if m.group(1) not in _NAME_STOP}
    return frozenset(found | figures(text))


def figures(text: str) -> set[str]:
    """Numbers with their unit ("#6.6million", "#14.7%", "#250000"): the counts that tell one event from another."""
    found = set()
    for match in _NUMBER.finditer(text):
        value, unit = match.group(1).replace(",", "").rstrip("."), (match.group(2) or "").strip().lower()
        if len(value) > 1 or unit:  # a lone digit is too common to tell events apart
            found.add(f"#{value}{_UNITS.get(unit, unit)}")
    return found


def terms(text: str) -> Counter[str]:
    """Counts of lower-cased content words, crudely singularised."""
    words = (w.strip("'-") for w in _WORD.findall(text.lower()))
    return Counter(_singular(w) for w in words if w not in _STOP and len(w) > 2)


_LETTERS = re.compile(r"[^\W\d_]+")


def language_terms(text: str, language: str) -> Counter[str]:
    """Counts of the words of ``text`` tagged with its language ("de:erdbeben"): words of two languages never match.

    Any script: words of three or more letters, lower-cased; in scripts written without spaces, pairs of
    characters. Very common words of a language weigh little through its own document frequencies
    (``event.py``), so no stop list is needed beyond English's.
    """
    tag, english, found = f"{language}:", language == "en", []
    for word in _LETTERS.findall(text.lower()):
        if not word.isascii() and SPACELESS.fullmatch(word):  # (no ASCII letter is in a spaceless script)
            found += [tag + word[i : i + 2] for i in range(len(word) - 1)]
        elif len(word) > 2 and word not in _STOP:
            found.append(tag + (_singular(word) if english else word))
    return Counter(found)  # counted in one pass, in order of first use


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 4 else word


def day_number(moment: datetime | None) -> float | None:
    """Days since the epoch, or None for an undated article."""
    if moment is None:
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.timestamp() / 86400.0


@dataclass(frozen=True)
class Signals:
    """One article as the story index sees it."""

    id: str
    vector: np.ndarray
    names: frozenset[str]
    terms: Counter[str]
    day: float | None
    title: str
    outlet: str = ""
    language: str = ""
    places: frozenset[str] = frozenset()
    held: str = ""  # why the article is kept alone rather than placed ("" when it is placed)
    crowding: float = 0.0  # how crowded its neighbourhood in its language is (``event.crowding``)
    looks_back: bool = False  # its head says it reports something long after an earlier event (``elapsed.py``)


_CJK = re.compile("[\u3040-\u9fff]+")  # kana and CJK ideographs, counted by run (not character by character)
MIN_WORDS = 8  # fewer words than this (of title and text) is too little to tell one event from another
HEAD_CHARS = 200  # where the words are counted first


def lead_of(article: Article) -> str:
    """The title and lead: where names, places and figures of the event itself are."""
    return f"{article.title}\n{article.text[:LEAD_CHARS]}"


def anchors_of(article: Article) -> frozenset[str]:
    """Places, romanised names and figures of the article's lead, in one set of language-free tokens."""
    lead = lead_of(article)
    return place_ids(lead) | {f"n:{n}" for n in romanised_names(lead)} | any_figures(lead)


def held_reason(article: Article) -> str:
    """Why ``article`` is too uncertain to join a story ("" when it is not)."""
    text = f"{article.title} {article.text}"
    words = _word_count(text[:HEAD_CHARS])  # a head's count is at most the whole's: enough words there are enough
    if words < MIN_WORDS:
        words = _word_count(text)
    if words < MIN_WORDS:
        return f"too few words to place ({words})"
    if article.language in ("", UNDETERMINED):
        why = identify_language(f"{article.title}. {article.text}").reason
        return f"language undetermined: {why}" if why else "language undetermined"
    return ""


def _word_count(text: str) -> int:
    return len(text.split()) + sum(map(len, _CJK.findall(text))) // 2  # CJK: ~2 characters a word


def signals_of(
    article: Article, vector: np.ndarray, places: frozenset[str] | None = None, crowding: float = 0.0,
    words: bool = True,
) -> Signals:
    """Extract the assignment signals of ``article`` with its (event) ``vector``; its names and lead terms only
    with ``words`` (``ClusterConfig.reads_words``: nothing else reads them)."""
    lead = lead_of(article)
    return Signals(
        article.id,
        np.asarray(vector, np.float32),
        names(lead) if words else frozenset(),
        terms(lead) if words else Counter(),
        day_number(article.published),
        article.title,
        article.outlet.strip().lower(),
        article.language,
        place_ids(lead) if places is None else places,
        held_reason(article),
        crowding,
        looks_back(article.title, article.text, article.language),
    )


class DocumentFrequencies:
    """Running document counts, so rare shared names weigh more than common ones."""

    def __init__(self) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()

    def add(self, words) -> None:
        self.documents += 1
        self.counts.update(set(words))

    def weigh(self, counts: Counter[str]) -> dict[str, float]:
        """Unit-length TF-IDF weights (sublinear term frequency) of ``counts``."""
        weights = {w: (1.0 + math.log(n)) * self.idf(w) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return {w: v / norm for w, v in weights.items()}

    def idf(self, word: str) -> float:
        return math.log((self.documents + 1) / (self.counts[word] + 1)) + 1.0
