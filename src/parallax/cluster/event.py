"""The event vector of an article: its multilingual embedding less its language's offset, with its anchors.

A multilingual encoder puts two German reports of different events closer than a German and an
Arabic report of the same event: each language adds an offset of its own. Subtracting the running
mean vector of the article's language (shrunk towards the mean of all languages while a language has
few articles) removes that offset and leaves what the text is about. Beside it sit the article's
anchors (places, romanised names, figures; ``anchors.py``), IDF-weighted and hashed into a fixed
block, so that the cosine of two event vectors is ``(1 - w)`` times the centred embedding cosine plus
``w`` times the anchors' cosine.

The state (counts and sums per language, anchor document counts) is plain data, so it can be saved
and a later run can go on from it.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

ANCHOR_DIMENSIONS = 2048
SHRINK = 20.0  # articles' worth of the all-language mean mixed into a language's mean: a language of few articles, all on one event, keeps its event


@dataclass
class EventSpace:
    """Running language means and anchor document frequencies; turns raw vectors into event vectors."""

    anchor_weight: float = 0.2
    counts: Counter = field(default_factory=Counter)  # language -> articles seen
    sums: dict[str, np.ndarray] = field(default_factory=dict)  # language -> sum of its raw vectors
    anchor_documents: Counter = field(default_factory=Counter)  # anchor -> articles naming it
    documents: int = 0

    def observe(self, language: str, vector: np.ndarray, anchors: frozenset[str]) -> None:
        """Count one article into the language means and the anchor frequencies."""
        vector = np.asarray(vector, np.float32)
        self.counts[language] += 1
        self.sums[language] = self.sums.get(language, np.zeros_like(vector)) + vector
        self.anchor_documents.update(anchors)
        self.documents += 1

    def language_mean(self, language: str) -> np.ndarray:
        """The mean raw vector of ``language``, shrunk towards the mean over all languages."""
        total = sum(self.sums.values())
        overall = total / max(1, self.documents)
        own = self.sums.get(language, 0.0)
        return (own + SHRINK * overall) / (self.counts[language] + SHRINK)

    def vector(self, language: str, vector: np.ndarray, anchors: frozenset[str]) -> np.ndarray:
        """The event vector: centred embedding and hashed anchors, each of unit length, weighted."""
        vector = np.asarray(vector, np.float32)
        centred = _unit(vector - self.language_mean(language)) if self.documents else _unit(vector)
        block = _unit(self.anchor_block(anchors))
        w = self.anchor_weight
        return np.concatenate([math.sqrt(1.0 - w) * centred, math.sqrt(w) * block]).astype(np.float32)

    def anchor_block(self, anchors: frozenset[str]) -> np.ndarray:
        """IDF weights of the anchors named by at least one other article, hashed into a fixed block."""
        block = np.zeros(ANCHOR_DIMENSIONS, np.float32)
        for anchor in anchors:
            seen = self.anchor_documents[anchor]
            if seen > 1:  # an anchor no other article shares links nothing
                block[zlib.crc32(anchor.encode("utf-8")) % ANCHOR_DIMENSIONS] += self.idf(seen)
        return block

    def idf(self, seen: int) -> float:
        return math.log((self.documents + 1) / (seen + 1)) + 1.0


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
