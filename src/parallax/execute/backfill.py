"""A backfill through an Executor: extraction, embedding and language analysis run wherever the
executor sends them; storing and story assignment stay in this process, serially.

Work is cut into the same batches whatever the executor, and results come back in input order,
so a Dask backfill stores the same rows in the same order as a serial one, and story
assignment (a pure function of the stored articles and vectors) yields the same stories.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from parallax.errors import InputError
from parallax.execute.base import Executor
from parallax.execute.tasks import extract_batch, windows
from parallax.ingest.files import read_path
from parallax.ingest.outlets import OutletCatalog
from parallax.ingest.outlets.identify import by_site
from parallax.ingest.records import record_page
from parallax.ingest.sources import store_outlets, with_outlet
from parallax.models import Article, Failure, Page
from parallax.pipeline import LANGUAGE_KIND, advance  # noqa: F401 - LANGUAGE_KIND re-exported
from parallax.settings import Settings
from parallax.store.base import Store, UpsertCounts

Source = str | Path | Page | dict


@dataclass(frozen=True)
class BackfillReport:
    articles: int  # stored articles after the backfill
    inserted: int
    updated: int
    embedded: int  # vectors computed (the rest were cached)
    analysed: int  # articles given language scores (0 when the analyser is not installed)
    stories: int  # standing stories after assignment
    executor: str
    failures: tuple[Failure, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage


# -- the backfill ---------------------------------------------------------------------------------
def backfill(sources: Iterable[Source], store: Store, settings: Settings, executor: Executor,
             embedder_name: str | None = None, catalog=None) -> BackfillReport:
    """Store, embed, analyse and cluster ``sources`` (paths, Pages or JSON records) through ``executor``."""
    seconds: dict[str, float] = {}
    with _timed(seconds, "extract"):
        counts, failures = _extract(_pages(sources, catalog), store, executor, catalog)
    if embedder_name:
        settings = settings.with_overrides(story_embedder=embedder_name)
    with _timed(seconds, "cluster"):  # the embedding and analysis times are taken out below
        _, embedded, analysed = advance(store, settings, executor, _StageTimes(seconds))
        stories = len(store.story_ids())
    seconds["cluster"] = round(seconds["cluster"] - seconds["embed"] - seconds["analyse"], 3)
    return BackfillReport(store.counts().articles, counts.inserted, counts.updated, embedded, analysed, stories,
                          executor.name, tuple(failures), seconds)


_STAGES = {"embedding": "embed", "analysing": "analyse"}  # progress description's first word -> stage


class _StageTimes:
    """A progress factory that notes the wall time of the embedding and analysis stages."""

    def __init__(self, seconds: dict[str, float]):
        self.seconds = seconds

    def __call__(self, description: str, total: int | None = None):
        return _timed(self.seconds, _STAGES.get(description.split()[0], description))


@contextmanager
def _timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield lambda n=1: None
    finally:
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
            yield item if isinstance(item, InputError) else with_outlet(item, catalog or OutletCatalog())


def _record(record: dict, item: str) -> Page | InputError:
    try:
        return record_page(record, item)
    except InputError as exc:
        return exc


def _extract(pages: Iterable[Page | InputError], store: Store, executor: Executor,
             catalog) -> tuple[UpsertCounts, list]:
    counts, failures, catalog = UpsertCounts(), [], catalog or OutletCatalog()
    for window in windows(pages):
        results = [r for batch in executor.map(extract_batch, window) for r in batch]
        # one outlet per site: a name's site is settled by the rows stored for the windows before
        articles = by_site([r for r in results if isinstance(r, Article)], catalog, store.outlet)
        failures += [r for r in results if isinstance(r, Failure)]
        counts = counts + store.upsert_articles(articles)
        store_outlets(store, catalog, articles)
    for failure in failures:
        store.record_failure(failure)
    return counts, failures
