"""The fallback embedder: hashed, log-scaled term counts (stateless, so vectors compare across runs)."""

from __future__ import annotations

import numpy as np

from parallax.embed.base import Embedder

FEATURES = 1 << 13


class TfidfEmbedder(Embedder):
    """Word unigrams and bigrams hashed into a fixed space; no fitted vocabulary or IDF table."""

    name = "tfidf"
    dimensions = FEATURES
    version = "hash13-uni-bi"
    title_share = 0.0  # a second 8,192-wide block would pass pgvector's 16,000 limit; the title is in the lead text

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self._vectorizer = HashingVectorizer(
            n_features=FEATURES, alternate_sign=False, norm=None, stop_words="english", ngram_range=(1, 2)
        )

    def _encode(self, texts: list[str]) -> np.ndarray:
        counts = self._vectorizer.transform(texts)
        counts.data = 1.0 + np.log(counts.data)  # sublinear tf: a repeated word is evidence, not proof
        return counts.toarray().astype(np.float32)
