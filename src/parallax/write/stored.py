"""What a brief reads of each article, worked out once per article and stored: its sentences' vectors, its English
parse and its language values. A brief's rewrite reads them back and works out only the articles that have none
(the new ones), instead of encoding and parsing every article of the story again.

The vectors of an article are encoded as one batch of its own texts (its title and sentences), so they do not
depend on which other articles were new in the same run: a rewrite gives the brief a full rewrite gives.
``write_brief`` is pure of the store (what it read comes in, what it worked out goes back), so it runs in
this process or on an executor's worker alike; the caller saves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from parallax.models import Article, Brief
from parallax.write.material import StoryMaterial

PARSE_KIND = "parse"
VECTORS_KIND = "sentence_vectors"


def texts_of(article: Article) -> list[str]:
    """The texts of an article a brief embeds: its title and each sentence the sentence pool reads, as it cites it."""
    from parallax.write.pool import read_sentences

    return [article.title] + [text for _, text in read_sentences(article)]


def vectors_version(embedder) -> str:
    """What stored sentence vectors were made by: the embedder and the rule of which sentences a brief reads (a
    stored matrix has one row per text of ``texts_of``)."""
    from parallax.write.pool import READ_SENTENCES

    return f"{getattr(embedder, 'name', '')}+read-{READ_SENTENCES or 'all'}"


@dataclass
class TextVectors:
    """The material's sentence-vector hook: stored vectors by text, the embedder for any other text."""

    known: dict[str, np.ndarray]
    embedder: object

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.known))
        if missing:
            self.known.update(zip(missing, self.embedder.embed_batch(missing)))
        return np.array([self.known[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)


@dataclass
class Blobs:
    """Stored bytes of a story's articles by article id: sentence vectors and parses; ``fresh`` the ones worked
    out now (to be saved)."""

    vectors: dict[str, bytes] = field(default_factory=dict)
    parses: dict[str, bytes] = field(default_factory=dict)
    fresh: dict[str, list[str]] = field(default_factory=lambda: {VECTORS_KIND: [], PARSE_KIND: []})


def read_blobs(store, embedder, articles: Sequence[Article]) -> Blobs:
    """What the store holds for ``articles`` (vectors only with an embedder; parses of English articles)."""
    from parallax.analyse.parses import parse_version

    english = [a for a in articles if a.language == "en" and a.sentences]
    vectors = store.article_blobs(VECTORS_KIND, vectors_version(embedder), articles) if embedder is not None else {}
    return Blobs(vectors, store.article_blobs(PARSE_KIND, parse_version(), english) if english else {})


def save_blobs(store, embedder, articles: Sequence[Article], blobs: Blobs) -> None:
    from parallax.analyse.parses import parse_version

    by_id = {a.id: a for a in articles}
    for kind, version, found in ((VECTORS_KIND, vectors_version(embedder), blobs.vectors),
                                 (PARSE_KIND, parse_version(), blobs.parses)):
        if blobs.fresh[kind]:
            store.save_article_blobs(kind, version, [(by_id[i], found[i]) for i in blobs.fresh[kind]])


def _complete(blobs: Blobs, embedder, articles: Sequence[Article]) -> tuple[dict[str, np.ndarray], dict]:
    """Text → vector and article → parse for every article, working out (and noting as fresh) what is missing."""
    from parallax.analyse import parses

    known: dict[str, np.ndarray] = {}
    docs: dict[Article, tuple] = {}
    for article in articles:
        if embedder is not None:
            if article.id not in blobs.vectors:
                matrix = np.asarray(embedder.embed_batch(texts_of(article)), dtype=np.float32)
                blobs.vectors[article.id] = matrix.tobytes()
                blobs.fresh[VECTORS_KIND].append(article.id)
            texts = texts_of(article)
            known.update(zip(texts, np.frombuffer(blobs.vectors[article.id], np.float32).reshape(len(texts), -1)))
        if article.language == "en" and article.sentences:
            if article.id in blobs.parses:
                docs[article] = parses.from_bytes(blobs.parses[article.id])
            else:
                docs[article] = parses.parse(article)
                blobs.parses[article.id] = parses.to_bytes(docs[article])
                blobs.fresh[PARSE_KIND].append(article.id)
    return known, docs


def write_brief(writer, material: StoryMaterial, embedder, blobs: Blobs) -> Brief:
    """The writer's brief of ``material``, reading the articles' vectors and parses from ``blobs`` (and adding the
    missing ones to it)."""
    from parallax.analyse.parses import giving

    known, docs = _complete(blobs, embedder, material.articles)
    if embedder is not None:
        material = replace(material, sentence_vectors=TextVectors(known, embedder), embedder=embedder.name)
    with giving(docs):
        return writer.write(material)


def sentence_scores(store, articles: Sequence[Article]) -> Mapping[str, tuple[dict[str, float], ...]]:
    """Each article's stored per-sentence language values (the analyse stage's), where stored."""
    from parallax.analyse.language import SCORER_VERSION

    bodies = store.article_analysis("language", SCORER_VERSION, articles)
    return {i: tuple(body.get("sentences", ())) for i, body in bodies.items()}
