"""The Embedder interface: texts in, L2-normalised float32 rows out."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from parallax.models import Article

LEAD_SENTENCES = 3  # the title plus the lead carries the event; the rest adds cost, not signal
LEAD_CHARS = 600


def embedding_text(article: Article) -> str:
    """What gets embedded for an article: its title and first sentences."""
    lead = " ".join(article.sentence_text(i) for i in range(min(LEAD_SENTENCES, len(article.sentences))))
    lead = lead or article.text
    return f"{article.title}. {lead[:LEAD_CHARS]}".strip()


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

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    @property
    def cache_key(self) -> str:
        """The model name under which vectors are stored."""
        return f"{self.name}@{self.version}"

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


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
