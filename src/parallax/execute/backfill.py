"""A backfill through an Executor: extraction, embedding and language analysis run wherever the
executor sends them; storing and story assignment stay in this process, serially.

Work is cut into the same batches whatever the executor, and results come back in input order,
so a Dask backfill stores the same rows in the same order as a serial one, and story
assignment (a pure function of the stored articles and vectors) yields the same stories.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from parallax.embed import Embedder, embedding_text, get_embedder
from parallax.errors import InputError
from parallax.execute.base import Executor
from parallax.ingest.files import read_path
from parallax.ingest.outlets import OutletCatalog
from parallax.ingest.records import record_page
from parallax.ingest.sources import store_outlets, with_outlet
from parallax.models import Article, Failure, Page
from parallax.settings import Settings
from parallax.store.base import Store, UpsertCounts

BATCH = 64  # items per task: big enough to hide shipping costs, small enough to spread over workers
WINDOW = 32  # tasks per round trip: bounds memory on long inputs
LANGUAGE_KIND = "language"

Source = str | Path | Page | dict


@dataclass(frozen=True)
class BackfillReport:
    articles: int  # stored articles after the backfill
    inserted: int
    updated: int
    embedded: int  # vectors computed (the rest were cached)
    analysed: int  # articles given language scores (0 when the analyser is not installed)
    stories: int
    executor: str
    failures: tuple[Failure, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage


# -- work that runs on the executor (module-level, so every executor can ship it) ---------------
def extract_batch(pages: Sequence[Page | InputError]) -> list[Article | Failure]:
    """An Article per page, or the Failure that says why the page is unusable."""
    from parallax.text.article import build_article

    results: list[Article | Failure] = []
    for page in pages:
        try:
            if isinstance(page, InputError):
                raise page
            results.append(build_article(page))
        except InputError as exc:
            results.append(Failure("ingest", exc.item, exc.reason))
    return results


@cache
def _embedder(name: str) -> Embedder:
    return get_embedder(name)  # one model load per worker process, reused by every task


def embed_batch(job: tuple[str, Sequence[str]]) -> np.ndarray:
    """Unit vectors for ``texts`` from the embedder named ``name`` (loaded once per worker)."""
    name, texts = job
    return _embedder(name).embed_batch(list(texts))


def analyse_batch(articles: Sequence[Article]) -> list[tuple[str, dict]]:
    """(article id, language analysis body) per article."""
    from parallax.analyse.language import score_article

    return [(a.id, language_body(score_article(a))) for a in articles]


def language_body(scores) -> dict:
    """A LanguageScores as the JSON body stored under kind ``language``."""
    return {
        "version": scores.version,
        "scores": {d: {"value": s.value, "evidence": [list(e) for e in s.evidence]} for d, s in scores.scores.items()},
        "sentences": list(scores.sentences),
    }


# -- the backfill ---------------------------------------------------------------------------------
def backfill(sources: Iterable[Source], store: Store, settings: Settings, executor: Executor,
             embedder_name: str | None = None, catalog=None) -> BackfillReport:
    """Store, embed, analyse and cluster ``sources`` (paths, Pages or JSON records) through ``executor``."""
    seconds: dict[str, float] = {}
    with _timed(seconds, "extract"):
        counts, failures = _extract(_pages(sources, catalog), store, executor, catalog)
    articles = store.articles_since()
    with _timed(seconds, "embed"):
        vectors, embedded = embed_stored(store, articles, embedder_name or settings.embedder, executor)
    with _timed(seconds, "analyse"):
        analysed = analyse_stored(store, articles, executor)
    with _timed(seconds, "cluster"):
        stories = assign_stories(store, settings, articles, vectors)
    return BackfillReport(len(articles), counts.inserted, counts.updated, embedded, analysed, stories,
                          executor.name, tuple(failures), seconds)


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds[stage] = round(time.perf_counter() - start, 3)


def _pages(sources: Iterable[Source], catalog) -> Iterator[Page | InputError]:
    for number, source in enumerate(sources, start=1):
        if isinstance(source, (str, Path)):
            found: Iterable[Page | InputError] = read_path(Path(source))
        elif isinstance(source, dict):
            found = [_record(source, f"record {number}")]
        else:
            found = [source]
        for item in found:
            yield item if isinstance(item, InputError) or catalog is None else with_outlet(item, catalog)


def _record(record: dict, item: str) -> Page | InputError:
    try:
        return record_page(record, item)
    except InputError as exc:
        return exc


def _extract(pages: Iterable[Page | InputError], store: Store, executor: Executor,
             catalog) -> tuple[UpsertCounts, list]:
    counts, failures, outlets = UpsertCounts(), [], set()
    for window in _chunks(_chunks(pages, BATCH), WINDOW):
        results = [r for batch in executor.map(extract_batch, window) for r in batch]
        articles = [r for r in results if isinstance(r, Article)]
        failures += [r for r in results if isinstance(r, Failure)]
        counts = counts + store.upsert_articles(articles)
        outlets |= {a.outlet for a in articles if a.outlet}
    for failure in failures:
        store.record_failure(failure)
    store_outlets(store, catalog or OutletCatalog(), outlets)
    return counts, failures


def embed_stored(store: Store, articles: Sequence[Article], name: str, executor: Executor) -> tuple[dict, int]:
    """Vectors for ``articles`` (cached ones reused, the rest computed through ``executor`` and saved),
    and how many were computed."""
    key = get_embedder(name).cache_key
    found = store.embeddings(key, articles)
    missing = [a for a in articles if a.id not in found]
    for window in _chunks(_chunks(missing, BATCH), WINDOW):
        results = executor.map(embed_batch, [(name, [embedding_text(a) for a in batch]) for batch in window])
        rows = [(a.id, a.content_hash, v) for batch, vs in zip(window, results) for a, v in zip(batch, vs)]
        store.save_embeddings(key, rows)
        found.update((aid, v) for aid, _, v in rows)
    return {a.id: found[a.id] for a in articles}, len(missing)


def analyse_stored(store: Store, articles: Sequence[Article], executor: Executor) -> int:
    """Language scores for ``articles`` that lack current ones, through ``executor``; how many were scored."""
    try:
        from parallax.analyse.language import SCORER_VERSION
    except ImportError:
        return 0  # the analyser is optional: a backfill without it still yields stories
    done = store.article_analysis(LANGUAGE_KIND, SCORER_VERSION, articles)
    todo = [a for a in articles if a.id not in done]
    by_id = {a.id: a for a in todo}
    for window in _chunks(_chunks(todo, BATCH), WINDOW):
        bodies = [row for batch in executor.map(analyse_batch, window) for row in batch]
        store.save_article_analysis(LANGUAGE_KIND, SCORER_VERSION, [(by_id[i], body) for i, body in bodies])
    return len(todo)


def assign_stories(store: Store, settings: Settings, articles: Sequence[Article], vectors: dict) -> int:
    """Serial story assignment over every stored article, saved as the pipeline's cluster stage saves it."""
    from parallax.cluster import ClusterConfig, assign_to_stories

    from_settings = getattr(ClusterConfig, "from_settings", None)
    config = from_settings(settings) if from_settings else ClusterConfig()
    result = assign_to_stories(articles, vectors, config)
    saved = store.save_stories(result.stories)
    standing = {s.id for s in saved}
    gone = {old: "" for old in store.story_ids() if old not in standing}
    store.retire_stories({**gone, **result.merged})
    return len(saved)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
