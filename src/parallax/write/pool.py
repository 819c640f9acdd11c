"""Every sentence of a story with its vectors: the shared ground of the section builders."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from parallax.models import Article, Citation
from parallax.write.material import StoryMaterial

# Cosine at which two sentences count as saying the same thing, per vector kind.
SAME_FACT = {"tfidf": 0.30, "dense": 0.60}


@dataclass(frozen=True)
class SentenceRef:
    """One sentence of one article, with who stands behind it."""

    article: Article
    index: int
    text: str
    source: str  # independent source key: reprints carry their original's outlet
    reprint: bool

    @property
    def citation(self) -> Citation:
        s = self.article.sentences[self.index]
        return Citation(self.article.id, self.article.outlet or self.article.id, self.index, s.start, s.end)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, eq=False)
class SentencePool:
    """Sentences, their unit vectors and the pairwise cosine matrix."""

    material: StoryMaterial
    refs: tuple[SentenceRef, ...]
    vectors: np.ndarray
    same_fact: float

    @cached_property
    def sim(self) -> np.ndarray:
        return self.vectors @ self.vectors.T if len(self.refs) else np.zeros((0, 0))

    @cached_property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source for r in self.refs))

    @cached_property
    def _closest(self) -> np.ndarray:
        """``[i, k]``: the non-reprint sentence of source k most similar to sentence i (-1: none)."""
        closest = np.full((len(self.refs), len(self.sources)), -1, dtype=np.int64)
        for k, source in enumerate(self.sources):
            cols = np.array([j for j, r in enumerate(self.refs) if r.source == source and not r.reprint], dtype=np.int64)
            if len(cols):
                closest[:, k] = cols[np.argmax(self.sim[:, cols], axis=1)]
        return closest

    def best_per_source(self, i: int) -> dict[str, int]:
        """For each source, its sentence most similar to sentence ``i`` (``i`` itself for its own)."""
        best = {self.refs[i].source: i}
        for k, source in enumerate(self.sources):
            if source not in best and self._closest[i, k] >= 0:
                best[source] = int(self._closest[i, k])
        return best

    def supporters(self, i: int) -> dict[str, int]:
        """Sources that say the same as sentence ``i``, each with its supporting sentence."""
        return {s: j for s, j in self.best_per_source(i).items() if j == i or self.sim[i, j] >= self.same_fact}

    def centrality(self, i: int) -> float:
        """Mean over the other sources of their closest sentence's cosine to ``i``."""
        others = [j for s, j in self.best_per_source(i).items() if j != i]
        return float(np.mean([self.sim[i, j] for j in others])) if others else 0.0


def sentence_pool(material: StoryMaterial) -> SentencePool:
    """All sentences of the story's articles, embedded with the material's hook or TF-IDF."""
    refs = tuple(
        SentenceRef(a, s.index, a.text[s.start : s.end], material.source_key(a), material.is_reprint(a))
        for a in material.articles
        for s in a.sentences
    )
    dense = material.sentence_vectors is not None
    vectors = embed_texts(material, [r.text for r in refs])
    return SentencePool(material, refs, vectors, SAME_FACT["dense" if dense else "tfidf"])


def embed_texts(material: StoryMaterial, texts: list[str], fit_on: list[str] | None = None) -> np.ndarray:
    """Unit-length vectors of ``texts`` from the material's hook, else TF-IDF fitted on the story."""
    if not texts:
        return np.zeros((0, 1))
    if material.sentence_vectors is not None:
        vectors = np.asarray(material.sentence_vectors(texts), dtype=np.float64)
    else:
        vectors = _tfidf(texts, fit_on or _story_texts(material))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _story_texts(material: StoryMaterial) -> list[str]:
    return [a.title for a in material.articles] + [a.text for a in material.articles]


def _tfidf(texts: list[str], corpus: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        vectorizer.fit(corpus + texts)
    except ValueError:  # only stop words: nothing to compare
        return np.zeros((len(texts), 1))
    return vectorizer.transform(texts).toarray()
