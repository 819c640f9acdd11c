"""Work shipped to executors: module-level functions, so every executor (processes, Dask) can send them.

Each takes one batch and returns its results in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache

import numpy as np

from parallax.embed import Embedder, get_embedder
from parallax.embed.base import return_freed_memory
from parallax.errors import InputError
from parallax.models import Article, Failure, Page

BATCH = 64  # items per task: big enough to hide shipping costs, small enough to spread over workers
WINDOW = 32  # tasks per round trip: bounds memory on long inputs


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
        except Exception as exc:  # noqa: BLE001 - one page no one foresaw must not end the batch
            item = page.item if isinstance(page, InputError) else (page.source or page.url)
            results.append(Failure("ingest", item, f"unexpected error: {type(exc).__name__}: {exc}"))
    return results


_embedder_names: set[str] = set()  # the names ``_embedder`` loaded in this process


@cache
def _embedder(name: str) -> Embedder:
    return get_embedder(name)  # one model load per worker process, reused by every task


def release_embedders() -> None:
    """Let this process's loaded models go and hand their memory back (``Embedder.release``): the stages after
    embedding never use them, and a later run loads them again."""
    for name in _embedder_names:
        _embedder(name).release()
    return_freed_memory()


def embed_batch(job: tuple[str, Sequence[tuple[str, str]]]) -> np.ndarray:
    """Article vectors for (title and lead, headline) pairs from the embedder named ``name`` (loaded once per worker)."""
    name, pairs = job
    _embedder_names.add(name)
    return _embedder(name).article_vectors(list(pairs))


def analyse_batch(articles: Sequence[Article]) -> list[tuple[str, dict | str]]:
    """(article id, stored language-analysis body) per article; for an article that cannot be scored, why not (a
    string) in place of the body: the batch is scored at once, and if that fails, one article at a time."""
    from parallax.analyse.language.scoring import score_articles
    from parallax.analyse.language.stored import scores_to_body

    try:
        return [(a.id, scores_to_body(scored)) for a, scored in zip(articles, score_articles(list(articles)))]
    except Exception:  # noqa: BLE001 - one article no one foresaw must not end the run
        return [_analysed(a) for a in articles]


def _analysed(article: Article) -> tuple[str, dict | str]:
    from parallax.analyse.language.scoring import score_articles
    from parallax.analyse.language.stored import scores_to_body

    try:
        return article.id, scores_to_body(score_articles([article])[0])
    except Exception as exc:  # noqa: BLE001 - recorded as the article's failure by the caller
        return article.id, f"language analysis failed: {type(exc).__name__}: {exc}"


@cache
def _writer(settings):
    from parallax.write import get_writer

    return get_writer(settings.writer, settings)  # one writer per worker process and settings


def write_brief_job(job: tuple) -> tuple:
    """One story's brief: job = (settings, material, sentence embedder name or "", stored blobs of its articles).
    Returns (brief or None, why it failed or "", the blobs worked out here, for the caller to store)."""
    from parallax.write.driver import attempt

    settings, material, embedder, blobs = job
    brief, error = attempt(_writer(settings), material, _embedder(embedder) if embedder else None, blobs)
    return brief, error, blobs.only_fresh()


def work_out_job(job: tuple):
    """The per-article part of briefs (``write.stored.work_out``): job = (sentence embedder name or "", articles,
    their stored blobs, the ids of those the briefs read). Returns the blobs worked out here, for the caller to store."""
    from parallax.write.stored import Blobs, work_out

    name, articles, blobs, read = job
    embedder = _embedder(name) if name else None
    try:
        return work_out(embedder, articles, blobs, read)
    except Exception:  # noqa: BLE001 - one article no one foresaw must not end the run
        fresh = Blobs()  # the others, one by one; the failing one's brief meets the error itself and records it
        for article in articles:
            try:
                fresh.take_fresh(work_out(embedder, [article], blobs.only([article.id]), read))
            except Exception:  # noqa: BLE001, S112 - left to the brief (``write.driver.attempt``)
                continue
        return fresh


def batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def windows(items: Iterable) -> Iterator[list[list]]:
    """Batches grouped into windows: one executor round trip each."""
    return batches(batches(items, BATCH), WINDOW)
