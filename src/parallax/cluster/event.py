"""The event vector of an article: its multilingual embedding less its language's offset, with its anchors and words.

A multilingual encoder puts two German reports of different events closer than a German and an
Arabic report of the same event: each language adds an offset of its own. The offset of a language
is the mean displacement from its articles to their nearest articles in other languages
(``foreign_offsets``): a Turkish report of an earthquake and its nearest French, Arabic and Chinese
reports differ mostly by language, so the displacement holds the language and not the event, even
when a batch's Turkish pages are all about that one earthquake (their plain mean would be the event).
Without other languages to compare with, the language's running mean (shrunk towards the mean of
all languages while it has few articles) stands in. Subtracting the offset and the mean of all
articles leaves what the text is about.

Beside the centred embedding sits a lexical block: the article's anchors (places, romanised names,
figures; ``anchors.py``), IDF-weighted, and its words tagged with its language, TF-IDF-weighted
within that language, hashed together into a fixed block. Words of two languages never match, so
the words add evidence between articles of one language only.

The state (counts, sums and offsets per language, document counts) is plain data, so it can be
saved and a later run can go on from it.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

LEXICAL_DIMENSIONS = 4096  # anchors and language-tagged words, hashed together
NEIGHBOURS = 3  # other-language articles an article's displacement is measured to (chosen on the tune half: 1 / 3 / 10)
OFFSET_SAMPLE = 2000  # articles of a batch that inform the offsets, at most (the cost is quadratic in them)
CROWD_SAMPLE = 2000  # articles of a language an article's neighbourhood is read from, at most
CROWD_BLOCK = 512  # rows of the similarity matrix computed at a time
SHRINK = 20.0  # articles' worth of the all-language mean mixed into a language's mean: a language of few articles, all on one event, keeps its event


@dataclass
class EventSpace:
    """Running language means and document frequencies; turns raw vectors into event vectors."""

    anchor_weight: float = 0.2
    term_weight: float = 0.0
    counts: Counter = field(default_factory=Counter)  # language -> articles seen
    sums: dict[str, np.ndarray] = field(default_factory=dict)  # language -> sum of its raw vectors
    anchor_documents: Counter = field(default_factory=Counter)  # anchor -> articles naming it
    term_documents: Counter = field(default_factory=Counter)  # language-tagged word -> articles using it
    offsets: dict[str, np.ndarray] = field(default_factory=dict)  # language -> its offset (``foreign_offsets``)
    documents: int = 0

    def observe(self, language: str, vector: np.ndarray, anchors: frozenset[str], terms: Counter | None = None) -> None:
        """Count one article into the language means and the anchor and word frequencies."""
        vector = np.asarray(vector, np.float32)
        self.counts[language] += 1
        self.sums[language] = self.sums.get(language, np.zeros_like(vector)) + vector
        self.anchor_documents.update(anchors)
        self.term_documents.update((terms or Counter()).keys())
        self.documents += 1

    def language_mean(self, language: str) -> np.ndarray:
        """What centring subtracts: the mean of all articles plus the language's offset where known, else
        the language's mean raw vector shrunk towards the mean over all languages."""
        total = sum(self.sums.values())
        overall = total / max(1, self.documents)
        if language in self.offsets:
            return overall + self.offsets[language]
        own = self.sums.get(language, 0.0)
        return (own + SHRINK * overall) / (self.counts[language] + SHRINK)

    def vector(
        self, language: str, vector: np.ndarray, anchors: frozenset[str], terms: Counter | None = None
    ) -> np.ndarray:
        """The event vector: the centred embedding (unit length) and the lexical block (anchors and words).

        Its dot product with another is ``(1 - a)`` times the centred cosine, plus ``a`` times the anchors'
        cosine, plus ``t`` times the TF-IDF cosine of the words (zero across languages).
        """
        vector = np.asarray(vector, np.float32)
        centred = _unit(vector - self.language_mean(language)) if self.documents else _unit(vector)
        a, t = self.anchor_weight, self.term_weight
        lexical = math.sqrt(a) * _unit(self.anchor_block(anchors))
        if t and terms:
            lexical += math.sqrt(t) * self.term_block(terms, language)
        return np.concatenate([math.sqrt(1.0 - a) * centred, lexical]).astype(np.float32)

    def anchor_block(self, anchors: frozenset[str]) -> np.ndarray:
        """IDF weights of the anchors named by at least one other article, hashed into a fixed block."""
        shared = [(anchor, seen) for anchor in anchors if (seen := self.anchor_documents[anchor]) > 1]
        return _hashed([anchor for anchor, _ in shared], [self.idf(seen) for _, seen in shared])

    def term_block(self, terms: Counter, language: str) -> np.ndarray:
        """Unit-length TF-IDF of the words (document frequencies within ``language``), hashed.

        Words no other article uses count in the length but link nothing, so they are left out of the block.
        """
        articles = self.counts[language]
        weights = {w: (1.0 + math.log(n)) * math.log((articles + 1) / (self.term_documents[w] + 1)) for w, n in terms.items()}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        shared = [(w, v / norm) for w, v in weights.items() if self.term_documents[w] > 1] if norm else []
        return _hashed([word for word, _ in shared], [weight for _, weight in shared])

    def idf(self, seen: int) -> float:
        return math.log((self.documents + 1) / (seen + 1)) + 1.0


def foreign_offsets(
    languages: Sequence[str], vectors: np.ndarray, neighbours: int = NEIGHBOURS, sample: int = OFFSET_SAMPLE
) -> dict[str, np.ndarray]:
    """Each language's offset: the mean, over its articles, of the article's (unit) vector less the mean of
    its ``neighbours`` nearest articles in other languages. Languages with too few others get none."""
    rows = np.asarray(vectors, np.float32)
    rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    codes = np.asarray(languages)
    if len(rows) > sample:  # an even spread over the batch, the same on every run
        keep = np.linspace(0, len(rows) - 1, sample).astype(int)
        rows, codes = rows[keep], codes[keep]
    offsets = {}
    for language in sorted(set(codes)):
        own, other = rows[codes == language], rows[codes != language]
        if len(other) < neighbours:
            continue
        nearest = np.argpartition(-(own @ other.T), neighbours - 1, axis=1)[:, :neighbours]
        offsets[str(language)] = (own - other[nearest].mean(axis=1)).mean(axis=0)
    return offsets


def crowding(
    languages: Sequence[str], rows: np.ndarray, offset: float, neighbours: int, floor: float, cap: float = np.inf,
    sample: int = CROWD_SAMPLE,
) -> np.ndarray:
    """How crowded each article's neighbourhood in its own language is: the mean score (event-vector dot product
    less the language ``offset``) of its ``neighbours`` nearest articles in its language, less ``floor``, between
    zero and ``cap``.

    In a corpus of one topic (NeuS: a dozen reports a week on one budget fight) every report has close
    neighbours that are other events, and closeness alone does not tell them from its own event's; where
    an article sits alone in its language's space, a moderate score already means its event. The cap keeps
    a tight story of one event whole, however many reports it has: their closeness grows past what they pay.
    """
    rows, codes = np.asarray(rows, np.float32), np.asarray(languages)
    found = np.zeros(len(rows))
    for language in sorted(set(codes)):
        members = np.flatnonzero(codes == language)
        references = members[np.linspace(0, len(members) - 1, min(sample, len(members))).astype(int)]
        k = min(neighbours, len(references) - 1)
        if k < 1:
            continue
        for start in range(0, len(members), CROWD_BLOCK):
            block = members[start : start + CROWD_BLOCK]
            scores = rows[block] @ rows[references].T
            scores[block[:, None] == references[None, :]] = -np.inf  # not itself
            found[block] = -np.partition(-scores, k - 1, axis=1)[:, :k].mean(axis=1) - offset
    return np.clip(found - floor, 0.0, cap)


def _hashed(tokens: list[str], weights: list[float]) -> np.ndarray:
    """The block holding each token's weight in its slot, added in the tokens' order in float32 (``np.add.at``
    adds unbuffered, one after another: the sums that ``block[slot] += weight`` gives token by token)."""
    block = np.zeros(LEXICAL_DIMENSIONS, np.float32)
    slots = [zlib.crc32(token.encode("utf-8")) % LEXICAL_DIMENSIONS for token in tokens]
    np.add.at(block, np.asarray(slots, np.intp), np.array(weights, np.float64).astype(np.float32))
    return block


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
