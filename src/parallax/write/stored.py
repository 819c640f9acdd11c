"""What a brief reads of each article, worked out once per article and stored: its sentences' vectors, its English
parse and its language values. A brief's rewrite reads them back and works out only the articles that have none
(the new ones), instead of encoding and parsing every article of the story again.

The vectors of an article are encoded as one batch of its own texts (its title and sentences), so they do not
depend on which other articles were new in the same run: a rewrite gives the brief a full rewrite gives.
``write_brief`` is pure of the store (what it read comes in, what it worked out goes back), so it runs in
this process or on an executor's worker alike; the caller saves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

import parallax
from parallax.analyse import given
from parallax.analyse.given import ATTRIBUTIONS, FIGURES, SIGNALS
from parallax.models import Article, Brief, Citation
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


ANALYSIS_KINDS = (SIGNALS, ATTRIBUTIONS, FIGURES)
# what makes an article's stored signals, attributions and figures: any change to these files works them out again
ANALYSIS_CODE = ("analyse", "text", "data", "models.py", "write/pool.py", "write/sections/reported.py")


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """What stored signals, attributions and figures were made by: a digest of the code and data that make them (the analyse
    stage and its models, the text model, the sentences a brief reads, the figure reading) and the parse's version."""
    from parallax.analyse.parses import parse_version

    root = Path(parallax.__file__).parent
    files = sorted(f for name in ANALYSIS_CODE for f in ((root / name).rglob("*") if (root / name).is_dir()
                   else [root / name]) if f.is_file() and "__pycache__" not in f.parts)
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return f"{digest.hexdigest()[:16]}+{parse_version()}"


def _versions(embedder) -> dict[str, str]:
    from parallax.analyse.parses import parse_version

    found = {PARSE_KIND: parse_version(), **dict.fromkeys(ANALYSIS_KINDS, analysis_version())}
    return {VECTORS_KIND: vectors_version(embedder), **found} if embedder is not None else found


@dataclass
class Blobs:
    """Stored bytes of a story's articles, by kind and article id (sentence vectors, parses, ``ANALYSIS_KINDS``);
    ``fresh`` the ones worked out now (to be saved)."""

    found: dict[str, dict[str, bytes]] = field(default_factory=dict)
    fresh: dict[str, list[str]] = field(default_factory=dict)

    def of(self, kind: str) -> dict[str, bytes]:
        return self.found.setdefault(kind, {})

    def add(self, kind: str, article_id: str, body: bytes) -> None:
        self.of(kind)[article_id] = body
        self.fresh.setdefault(kind, []).append(article_id)

    def only_fresh(self) -> Blobs:
        """The bytes worked out now, alone (what a worker sends back)."""
        return Blobs({k: {i: self.of(k)[i] for i in ids} for k, ids in self.fresh.items()}, dict(self.fresh))

    def only(self, ids) -> Blobs:
        """The bytes held for the articles ``ids``, as found."""
        return Blobs({kind: {i: rows[i] for i in ids if i in rows} for kind, rows in self.found.items()})

    def take_fresh(self, other: Blobs) -> None:
        """Add ``other``'s fresh bytes as fresh (worked out now, to be saved)."""
        for kind, ids in other.fresh.items():
            for article_id in ids:
                self.add(kind, article_id, other.of(kind)[article_id])

    def take(self, other: Blobs) -> None:
        """Hold ``other``'s bytes as found: stored already, so not sent back or saved again as fresh."""
        for kind, rows in other.found.items():
            self.of(kind).update(rows)


def _wanted(embedder, articles: Sequence[Article], kinds=None) -> dict[str, tuple[str, list[Article]]]:
    """Kind -> (version, the articles it is stored for): vectors (only with an embedder) and attributions of every
    article, parses, signals and figures of the articles the parser reads; only ``kinds`` where given."""
    from parallax.analyse.parses import parsed

    english = [a for a in articles if parsed(a)]
    return {kind: (version, list(articles) if kind in (ATTRIBUTIONS, VECTORS_KIND) else english)
            for kind, version in _versions(embedder).items() if kinds is None or kind in kinds}


def lacks(blobs: Blobs, embedder, article: Article, read: bool) -> bool:
    """Whether a brief would work something out for the article: a kind it is stored for that ``blobs`` lacks; its
    signals, attributions and figures only if the brief ``read`` it (an independent article, not a reprint)."""
    kinds = _wanted(embedder, [article], None if read else (PARSE_KIND, VECTORS_KIND)).items()
    return any(wanted and article.id not in blobs.of(kind) for kind, (_, wanted) in kinds)


def read_blobs(store, embedder, articles: Sequence[Article]) -> Blobs:
    """What the store holds for ``articles``: vectors (only with an embedder), attributions, and for the articles the
    parser reads their parses, signals and figures."""
    return Blobs({kind: store.article_blobs(kind, version, wanted) if wanted else {}
                  for kind, (version, wanted) in _wanted(embedder, articles).items()})


def held_blobs(store, embedder, articles: Sequence[Article]) -> Blobs:
    """Which of ``articles`` have stored sentence vectors (only with an embedder) and parses, without their bytes
    (empty bytes stand in): what a brief's cost estimate reads (``write.budget.estimate``)."""
    return Blobs({kind: dict.fromkeys(store.article_blob_ids(kind, version, wanted), b"") if wanted else {}
                  for kind, (version, wanted) in _wanted(embedder, articles, (PARSE_KIND, VECTORS_KIND)).items()})


def save_blobs(store, embedder, articles: Sequence[Article], blobs: Blobs) -> None:
    by_id = {a.id: a for a in articles}
    for kind, version in _versions(embedder).items():
        if blobs.fresh.get(kind):
            store.save_article_blobs(kind, version, [(by_id[i], blobs.of(kind)[i]) for i in blobs.fresh[kind]])


def _complete(blobs: Blobs, embedder, articles: Sequence[Article]) -> tuple[dict[str, np.ndarray], dict]:
    """Text → vector and article → parse (or its stored bytes, read only if asked for) for every article, working out
    (and noting as fresh) what is missing."""
    from parallax.analyse import parses

    known: dict[str, np.ndarray] = {}
    docs: dict[Article, tuple | bytes] = {}
    vectors, stored = blobs.of(VECTORS_KIND), blobs.of(PARSE_KIND)
    for article in articles:
        if embedder is not None:
            if article.id not in vectors:
                matrix = np.asarray(embedder.embed_batch(texts_of(article)), dtype=np.float32)
                blobs.add(VECTORS_KIND, article.id, matrix.tobytes())
            texts = texts_of(article)
            known.update(zip(texts, np.frombuffer(vectors[article.id], np.float32).reshape(len(texts), -1)))
        if parses.parsed(article):
            if article.id in stored:
                docs[article] = stored[article.id]
            else:
                docs[article] = parses.parse(article)
                blobs.add(PARSE_KIND, article.id, parses.to_bytes(docs[article]))
    return known, docs


def write_brief(writer, material: StoryMaterial, embedder, blobs: Blobs) -> Brief:
    """The writer's brief of ``material``, reading the articles' vectors, parses, signals, attributions and figures
    from ``blobs`` (and adding the missing ones to it)."""
    known, docs = _complete(blobs, embedder, material.articles)
    if embedder is not None:
        material = replace(material, sentence_vectors=TextVectors(known, embedder), embedder=embedder.name)
    with _given(blobs, docs, material.articles):
        return writer.write(material)


def work_out(embedder, articles: Sequence[Article], blobs: Blobs, read: frozenset[str]) -> Blobs:
    """What a brief reads of each of ``articles`` that ``blobs`` lacks, worked out as writing their brief would
    (``write_brief``) and returned alone: sentence vectors and parse, and of the articles the brief reads (ids in
    ``read``: not reprints) signals, attributions and figures. The per-article part of a wide story's brief, which
    ``pipeline.writing`` spreads over an executor's workers first."""
    from parallax.analyse.parses import parsed
    from parallax.analyse.statements import sentence_signals
    from parallax.write.sections.claims import attributions
    from parallax.write.sections.reported import article_figures

    _, docs = _complete(blobs, embedder, articles)
    with _given(blobs, docs, articles):
        for article in (a for a in articles if a.id in read):
            attributions(article)
            if parsed(article):
                sentence_signals(article), article_figures(article)
    return blobs.only_fresh()


@contextmanager
def _given(blobs: Blobs, docs: dict, articles: Sequence[Article]) -> Iterator[None]:
    """Within the block, the articles' parses and their stored signals, attributions and figures are given to the
    analysis (``analyse.given``); what it works out for them is added to ``blobs``."""
    from parallax.analyse.parses import giving

    stored = {kind: _decoded(kind, blobs.of(kind), articles) for kind in ANALYSIS_KINDS}
    with giving(docs), given.giving(SIGNALS, stored[SIGNALS]), given.giving(ATTRIBUTIONS, stored[ATTRIBUTIONS]), \
            given.giving(FIGURES, stored[FIGURES]), given.recording() as made:
        yield
    wanted = {given.key(kind, a) for kind in ANALYSIS_KINDS for a in articles}
    for found, (article, value) in made.items():
        if found in wanted:
            blobs.add(found[0], article.id, json.dumps(_encoded(found[0], article, value)).encode())


def _encoded(kind: str, article: Article, value) -> dict:
    """An article's signals, attributions or figures as JSON, with what they were worked out for (``given.KEYS``)."""
    rows = list(value) if kind == SIGNALS else [asdict(v) for v in value] if kind == ATTRIBUTIONS else [
        [asdict(figure), sorted(places)] for figure, places in value]
    return {"for": _for(article), "value": rows}


def _for(article: Article) -> list:
    return [article.outlet, article.language, article.published.isoformat() if article.published else None]


def _decoded(kind: str, found: Mapping[str, bytes], articles: Sequence[Article]) -> dict[Article, object]:
    """The stored values still valid for the articles as they now are (outlet, language and day the same)."""
    out = {}
    for article in articles:
        if article.id in found and (body := json.loads(found[article.id]))["for"] == _for(article):
            rows = body["value"]
            out[article] = tuple(rows) if kind == SIGNALS else tuple(map(_attribution, rows)) if kind == ATTRIBUTIONS \
                else [(_figure(figure), frozenset(places)) for figure, places in rows]
    return out


def _attribution(row: dict):
    from parallax.analyse.who.relations import Attribution, Span

    spans = {k: Span(**row[k]) for k in ("source", "cue", "content")}
    return Attribution(**{**row, **spans, "citation": Citation(**row["citation"]), "quotation": tuple(row["quotation"])})


def _figure(row: dict):
    from parallax.analyse.who.figures import Figure

    return Figure(**{**row, "citation": Citation(**row["citation"])})


def sentence_scores(store, articles: Sequence[Article]) -> Mapping[str, tuple[dict[str, float], ...]]:
    """Each article's stored per-sentence language values (the analyse stage's), where stored."""
    from parallax.analyse.language import SCORER_VERSION

    bodies = store.article_analysis("language", SCORER_VERSION, articles)
    return {i: tuple(body.get("sentences", ())) for i, body in bodies.items()}
