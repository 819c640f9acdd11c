"""Near-duplicates and wire copies by MinHash LSH over word shingles."""

from __future__ import annotations

import copy
import hashlib
import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.minhash import _SCHEME_WIDTHS, _fmix  # the pre-mix update_batch applies (datasketch pinned)

from parallax.models import Article

SHINGLE_WORDS = 5
PERMUTATIONS = 64
WINDOW_DAYS = 7.0  # wire copies appear within days; older copies are reprinted archives, not wire traffic
THRESHOLD = 0.6  # estimated Jaccard of 5-word shingles: wire copies keep most of them, rewrites almost none
MIN_SHINGLES = 20  # too short to call a copy: two briefs may share a stock phrase
_WORD = re.compile(r"\w+")
_EPOCH = datetime.min.replace(tzinfo=UTC)
_SEED = 1
_REFERENCE = MinHash(num_perm=PERMUTATIONS, seed=_SEED)  # its permutations, drawn once (not once per article)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word n-grams of ``text``."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(0, len(words) - size + 1))}


def signature(text: str) -> MinHash | None:
    """The MinHash of ``text``'s shingles; None when the text is too short to judge.

    The sketch datasketch's ``update_batch`` makes from the shingles' default hashes (``_sha1_32``), built here
    from bytes: the words encoded once, the shingles joined from them (the UTF-8 of the shingles ``shingles``
    gives), and the hashes permuted in one array operation instead of one ``int`` call each."""
    words = " ".join(_WORD.findall(text.lower())).encode("utf-8").split(b" ")
    grams = set(map(b" ".join, zip(*(words[k:] for k in range(SHINGLE_WORDS)))))
    if len(grams) < MIN_SHINGLES:
        return None
    hashes = np.frombuffer(_sha1_32(grams), "<u4")[::5, None]
    a, b = _REFERENCE.permutations
    sketch = copy.copy(_REFERENCE)  # its permutations shared, not copied
    sketch.hashvalues = np.minimum(_REFERENCE.hashvalues, (_fmix(hashes, _SCHEME_WIDTHS[sketch.scheme]) * a + b).min(axis=0))
    return sketch


def _sha1_32(grams: Iterable[bytes]) -> bytes:
    """The grams' SHA-1 digests joined: datasketch's default hash of a gram is its digest's first four bytes read
    little-endian, so the hashes are every fifth little-endian 32-bit word of this (a digest is 20 bytes)."""
    sha1 = hashlib.sha1
    return b"".join([sha1(g).digest() for g in grams])


@dataclass
class ReprintIndex:
    """Fed articles in published order; says which earlier article each one copies."""

    threshold: float = THRESHOLD
    window_days: float = WINDOW_DAYS
    _lsh: MinHashLSH = field(init=False)
    _dated: deque = field(default_factory=deque, init=False)  # (day, id) oldest first, for forgetting
    _sketches: dict[str, MinHash] = field(default_factory=dict, init=False)
    _original: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=PERMUTATIONS)

    def add(self, article: Article) -> str | None:
        """Index ``article``; return the id of the original it reprints, or None."""
        if article.id in self._sketches:
            return self._original.get(article.id)
        sketch = signature(article.text)
        if sketch is None:
            return None
        self._forget_before(article)
        matches = [c for c in self._lsh.query(sketch) if sketch.jaccard(self._sketches[c]) >= self.threshold]
        self._sketches[article.id] = sketch
        self._lsh.insert(article.id, sketch)
        if article.published is not None:
            self._dated.append((_day(article.published), article.id))
        if not matches:
            return None
        best = max(matches, key=lambda c: sketch.jaccard(self._sketches[c]))
        self._original[article.id] = self._original.get(best, best)
        return self._original[article.id]

    def to_state(self) -> dict:
        """The window as plain data: sketches' hash values, dates, and the originals still in reach."""
        ids = list(self._sketches)
        hashes = np.stack([self._sketches[i].hashvalues for i in ids]) if ids else np.zeros((0, PERMUTATIONS))
        original = {k: v for k, v in self._original.items() if k in self._sketches}
        return {"ids": ids, "hashes": hashes.astype(np.uint64), "dated": [list(d) for d in self._dated],
                "original": original, "threshold": self.threshold, "window_days": self.window_days,
                "scheme": next(iter(self._sketches.values())).scheme if ids else ""}

    @classmethod
    def from_state(cls, state: dict) -> ReprintIndex:
        index = cls(state["threshold"], state["window_days"])
        for article_id, hashes in zip(state["ids"], state["hashes"]):
            sketch = MinHash(num_perm=PERMUTATIONS, seed=1, hashvalues=hashes, scheme=state["scheme"])
            index._sketches[article_id] = sketch
            index._lsh.insert(article_id, sketch)
        index._dated.extend((day, article_id) for day, article_id in state["dated"])
        index._original.update(state["original"])
        return index

    def _forget_before(self, article: Article) -> None:
        """Drop sketches older than the window, so the index stays the size of a week of news."""
        if article.published is None:
            return
        horizon = _day(article.published) - self.window_days
        while self._dated and self._dated[0][0] < horizon:
            _, old = self._dated.popleft()
            self._lsh.remove(old)
            del self._sketches[old]


def _day(moment: datetime) -> float:
    return _aware(moment).timestamp() / 86400.0


def published_order(articles: Iterable[Article]) -> list[Article]:
    """Articles by publication time (undated ones last), ties kept in input order."""
    return sorted(articles, key=lambda a: (a.published is None, _aware(a.published) if a.published else _EPOCH))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def find_reprints(articles: Sequence[Article]) -> dict[str, str]:
    """``{reprint id: original id}``; the original is the earliest published copy."""
    index = ReprintIndex()
    found = {a.id: index.add(a) for a in published_order(articles)}
    return {reprint: original for reprint, original in found.items() if original}


__all__ = ["ReprintIndex", "find_reprints", "published_order", "shingles", "signature"]
