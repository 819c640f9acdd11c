"""Every sentence of a story with its vectors: the shared ground of the section builders."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from parallax.analyse.who.numbers import NUMBER_PATTERN, parse_number
from parallax.models import Article, Citation
from parallax.write.material import StoryMaterial
from parallax.write.trim import strip_dateline
from parallax.write.wording import headline_penalty, stands_alone

# Cosine at which two sentences count as saying the same thing, per vector kind (ranking, repeats): "dense" is
# MiniLM's; e5 puts any two sentences of one story closer, so its cuts are where it best agrees with MiniLM's on the
# brief audit's tune half (English pairs of different articles: F1 0.73 at 0.875 for 0.60; the same share of pairs,
# 0.915, for 0.70) — across languages e5 then joins 1.4 % of the pairs. MUSE's the same way on the tune halves
# (``bench/encoder_cuts.py``: 121,318 English pairs of BASIL and real_news_dev tune and PAC fresh_tune; F1 0.48 at
# 0.59 for 0.60, the same share of pairs, 0.56 %, at 0.68 for 0.70).
SAME_FACT = {"tfidf": 0.30, "dense": 0.60, "e5": 0.875, "muse": 0.59}
# Stricter cosine at which another outlet's sentence may be cited in support of a sentence.
SUPPORT = {"tfidf": 0.40, "dense": 0.70, "e5": 0.915, "muse": 0.68}

HEADLINE_STEP, HEADLINE_CAP = 0.1, 0.3  # an outlet that loads its headline lends that voice to its sentences
COMMENTARY = 0.45  # an opinion score above this makes a sentence commentary: no claim, event or answer
REPORTED = 0.5  # share of a sentence's opinion score that counts when it reports someone's words
_REPORTED = re.compile(r"\b(said|says|told|called|according to|dismissed|rejected|denied|accused|warned)\b")
# page furniture that extraction left in: links to other stories, credits, captions, player notices, embeds
_FURNITURE = re.compile(r"^(?:read (?:more|also)|see also|also read|related|source|photo|image|video|watch|credit|"
                        r"legende|lesen sie auch|lire aussi|leer más|leggi anche|читайте также|advertisement|"
                        r"your browser|follow us|subscribe|обратите внимание)\b|pic\.twitter\.com|^\(?[\w ]{0,30}photo\)?$|"
                        r"\b(?:updated|published|last modified):\s",  # a byline's time stamp
                        re.IGNORECASE)
FURNITURE_WORDS = 4  # a line this short with no full stop is a label or a kicker, not a sentence
# sentences of an article a brief reads (encodes, ranks, cites), 0: all. A cap bounds what a new article costs a
# brief, but 40 lost 5 of 372 BASIL quotes under their speaker on the brief audit's tune half (coverage 0.605 ->
# 0.591; claims, takeaway and citations unchanged), so every sentence is read (BENCHMARKS #26, session 16)
READ_SENTENCES = 0


def is_furniture(text: str) -> bool:
    """Whether a stored sentence is page furniture rather than the story's text."""
    text = text.strip()
    return bool(_FURNITURE.search(text)) or (len(text.split()) <= FURNITURE_WORDS and not text.endswith((".", "!", "?")))


def numbers_in(text: str) -> frozenset[float]:
    """Every value above one written in ``text`` ("34", "1,200", "thirty-one"); "one" is too common to count."""
    values = (parse_number(m.group()) for m in NUMBER_PATTERN.finditer(text))
    return frozenset(v for v in values if v is not None and v > 1)


@dataclass(frozen=True)
class SentenceRef:
    """One sentence of one article, with who stands behind it."""

    article: Article
    index: int
    text: str  # what the brief emits: the sentence, or a contiguous piece of it (dateline dropped)
    source: str  # independent source key: reprints carry their original's outlet
    reprint: bool

    @cached_property
    def numbers(self) -> frozenset[float]:
        return numbers_in(self.text)

    @cached_property
    def alone(self) -> bool:
        """Whether the sentence reads on its own out of its article (``wording.stands_alone``)."""
        return stands_alone(self.text, self.article.language)

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
    support: float = 1.0
    _derived: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False)

    def derived(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per pool and ``key``: what several sections read (the outlooks, the story's figures,
        its stakeholders) is worked out once. Callers treat the value as read-only."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

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
        """Sources that state what sentence ``i`` states, each with its supporting sentence.

        Support is stricter than ranking similarity: the cosine must reach ``support``
        and, when ``i`` gives numbers, the other sentence must give none that conflict.
        """
        return {s: j for s, j in self.best_per_source(i).items()
                if j == i or (self.sim[i, j] >= self.support and self.compatible(i, j))}

    def compatible(self, i: int, j: int) -> bool:
        """False when sentence ``i`` states numbers and ``j`` does not repeat any of them (31 vs 34 dead)."""
        mine, theirs = self.refs[i].numbers, self.refs[j].numbers
        return not mine or bool(mine & theirs)

    @cached_property
    def opinion(self) -> np.ndarray:
        """Per sentence, how opinionated its wording reads (0–1): the language stage's sentence scores."""
        from parallax.analyse import score_article

        stored = self.material.sentence_scores
        scores = {a.id: stored[a.id] if a.id in stored else score_article(a).sentences
                  for a in self.material.articles if a.sentences}
        voice = {a.id: min(HEADLINE_CAP, HEADLINE_STEP * headline_penalty(a.title)) for a in self.material.articles}
        values = [_opinion(scores[r.article.id], r.index) + voice[r.article.id] for r in self.refs]
        # reported speech: the loaded words are the speaker's, quoted, not the outlet's own voice
        return np.array([v * (REPORTED if _REPORTED.search(r.text) else 1.0) for v, r in zip(values, self.refs)])

    @cached_property
    def article_opinion(self) -> dict[str, float]:
        """Each article's mean sentence opinion score in the pool."""
        scores: dict[str, list[float]] = {}
        for r, value in zip(self.refs, self.opinion):
            scores.setdefault(r.article.id, []).append(float(value))
        return {a: sum(v) / len(v) for a, v in scores.items()}

    @cached_property
    def camps(self) -> dict[str, frozenset[str]]:
        """Each source's country and leaning: a fact that crosses camps is more than an echo."""
        found: dict[str, frozenset[str]] = {}
        for r in self.refs:
            outlet = self.material.outlet_of(r.article)
            found.setdefault(r.source, frozenset(f for f in (f"c:{outlet.country}", f"l:{outlet.leaning}") if f[2:]))
        return found

    def spread(self, i: int) -> float:
        """Share of the story's countries and leanings among the sources supporting sentence ``i``."""
        every = frozenset().union(*self.camps.values()) if self.camps else frozenset()
        if len(every) <= 1:
            return 0.0
        mine = frozenset().union(*(self.camps[s] for s in self.supporters(i)))
        return len(mine) / len(every)

    @cached_property
    def headline_affinity(self) -> np.ndarray:
        """Per sentence, its cosine to the mean of the story's headlines: what the editors put on top."""
        titles = [a.title for a in self.material.articles if a.title.strip()]
        if not titles or not len(self.refs):
            return np.zeros(len(self.refs))
        centre = embed_texts(self.material, titles).mean(axis=0)
        return self.vectors @ (centre / (np.linalg.norm(centre) or 1.0))

    def centrality(self, i: int) -> float:
        """Mean over the other sources of their closest sentence's cosine to ``i``."""
        return float(self.centralities[i])

    @cached_property
    def centralities(self) -> np.ndarray:
        """``centrality`` of every sentence, computed once for the sections that rank by it."""
        return np.array([self._centrality(i) for i in range(len(self.refs))])

    def about_the_event(self, i: int) -> bool:
        """Whether sentence ``i`` is at least as central as the story's median sentence: about the story's own event,
        not background or another event."""
        return self.centrality(i) >= self._median_centrality

    @cached_property
    def _median_centrality(self) -> float:
        return float(np.median(self.centralities)) if len(self.refs) else 0.0

    def _centrality(self, i: int) -> float:
        others = [j for s, j in self.best_per_source(i).items() if j != i]
        return float(np.mean([self.sim[i, j] for j in others])) if others else 0.0


def _opinion(sentences: tuple[dict[str, float], ...], index: int) -> float:
    if index >= len(sentences):
        return 0.0
    values = sentences[index]
    return max(values.get("opinionated", 0.0), values.get("loaded_language", 0.0), values.get("biased", 0.0) - 0.3)


def read_sentences(article: Article) -> list[tuple[int, str]]:
    """(index, text as a brief cites it) of the article's sentences a brief reads: page furniture skipped, and
    of a long article only the first ``READ_SENTENCES`` (0: all)."""
    sentences = article.sentences[:READ_SENTENCES] if READ_SENTENCES else article.sentences
    raw = ((s.index, article.text[s.start : s.end]) for s in sentences)
    return [(index, strip_dateline(text)) for index, text in raw if not is_furniture(text)]


def sentence_pool(material: StoryMaterial) -> SentencePool:
    """The sentences of the story's articles a brief reads (``read_sentences``), embedded with the material's hook
    or TF-IDF."""
    refs = tuple(
        SentenceRef(a, index, text, material.source_key(a), material.is_reprint(a))
        for a in material.articles
        for index, text in read_sentences(a)
    )
    kind = vector_kind(material)
    vectors = embed_texts(material, [r.text for r in refs])
    return SentencePool(material, refs, vectors, SAME_FACT[kind], SUPPORT[kind])


def vector_kind(material: StoryMaterial) -> str:
    """Which cosine cuts the material's sentence vectors take: TF-IDF's, e5's, MUSE's, or the other dense encoders'."""
    if material.sentence_vectors is None:
        return "tfidf"
    return material.embedder if material.embedder in SAME_FACT else "dense"


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
