"""The Embedder interface: texts in, L2-normalised float32 rows out; articles in, blended rows out.

An article's vector puts two unit vectors side by side: its title with the lead (most of the
cosine) and its headline alone (``TITLE_SHARE``). Headlines name the event in few words, and the
blend tells apart same-topic stories that a long lead makes look alike.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import hashlib
from collections.abc import Sequence

import numpy as np

from parallax.models import Article

LEAD_SENTENCES = 3  # the title plus the lead carries the event; the rest adds cost, not signal
LEAD_CHARS = 600
TITLE_SHARE = 0.25  # the headline alone: its share of an article vector's cosine (the rest: title and lead)


def embedding_text(article: Article) -> str:
    """What gets embedded for an article: its title and first sentences."""
    lead = " ".join(article.sentence_text(i) for i in range(min(LEAD_SENTENCES, len(article.sentences))))
    lead = lead or article.text
    return f"{article.title}. {lead[:LEAD_CHARS]}".strip()


def article_texts(article: Article) -> tuple[str, str]:
    """The two texts embedded for an article: title with lead, and the headline alone."""
    text = embedding_text(article)
    return text, article.title.strip() or text


def blend_rows(lead: np.ndarray, title: np.ndarray, title_share: float = TITLE_SHARE) -> np.ndarray:
    """Unit rows whose cosine is ``(1 - title_share)`` times the lead cosine plus ``title_share`` times the title's."""
    lead, title = normalise_rows(lead), normalise_rows(title)
    return np.hstack([np.sqrt(1.0 - title_share) * lead, np.sqrt(title_share) * title]).astype(np.float32)


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (all-zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


class Embedder:
    """Subclasses set ``name``, ``dimensions`` and implement ``_encode``.

    The base class batches, skips repeated texts and normalises rows.
    ``version`` names the recipe (text window, model revision) so stored
    vectors from another recipe are never reused.
    """

    name: str = ""
    dimensions: int = 0
    version: str = "1"
    batch_size: int = 64
    title_share: float = TITLE_SHARE  # 0: an article vector is its title-and-lead vector alone

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    @property
    def cache_key(self) -> str:
        """The model name and recipe of this embedder's text vectors."""
        return f"{self.name}@{self.version}"

    @property
    def article_key(self) -> str:
        """The name under which article vectors (``article_vectors``) are stored."""
        return f"{self.cache_key}+title{self.title_share:g}"

    def article_vectors(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """One row per (title and lead, headline) pair of ``article_texts``: the two vectors blended."""
        if not self.title_share:
            return self.embed_batch([lead for lead, _ in pairs])
        if not len(pairs):
            return np.zeros((0, 2 * self.dimensions), np.float32)
        leads = self.embed_batch([lead for lead, _ in pairs])
        titles = self.embed_batch([title for _, title in pairs])  # apart: short texts batch (and pad) together
        return blend_rows(leads, titles, self.title_share)

    def release(self) -> None:
        """Let go of what a loaded model holds (a later call loads it again) and hand the freed memory back."""
        return_freed_memory()

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row per text, in order; a repeated text is encoded once."""
        position: dict[str, int] = {}
        distinct: list[str] = []
        for text in texts:
            if position.setdefault(_digest(text), len(distinct)) == len(distinct):
                distinct.append(text)
        rows = [self._encode(distinct[i : i + self.batch_size]) for i in range(0, len(distinct), self.batch_size)]
        vectors = normalise_rows(np.vstack(rows)) if rows else np.zeros((0, self.dimensions), np.float32)
        return vectors[[position[_digest(t)] for t in texts]]


def return_freed_memory() -> None:
    """Collect unreachable objects and return the C heap's free pages to the system (glibc's ``malloc_trim``).

    A model's batches leave hundreds of megabytes freed but still mapped in the heap; without this the
    process keeps them through the stages after embedding. Elsewhere than glibc, only the collection runs.
    """
    gc.collect()
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
