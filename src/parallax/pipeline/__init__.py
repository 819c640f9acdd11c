"""The stages in order. Each reads what earlier stages stored and saves its own output.

``ingest -> embed -> analyse -> cluster -> write``; every stage is idempotent and resumable,
so ``run_stages`` can be repeated at any time and only does the work that changed. Per-article
work (embedding, language analysis) goes through an Executor; story assignment stays serial,
so every executor yields the same stories.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from parallax.analyse.language.stored import LANGUAGE_KIND
from parallax.analyse.totals import profile_stage
from parallax.execute.base import Executor, SerialExecutor
from parallax.execute.tasks import release_embedders
from parallax.models import Article, Story
from parallax.pipeline.per_article import Tick, analyse_stage, embed_stage, no_tick
from parallax.pipeline.placing import Resumed, StoredArchive, cluster_config, cluster_stage, place, resume_stream
from parallax.pipeline.writing import BRIEF_WINDOW, widest_first, work_ahead, write_stage
from parallax.settings import Settings
from parallax.store import Store

__all__ = [
    "BRIEF_WINDOW", "LANGUAGE_KIND", "Resumed", "RunReport", "StoredArchive", "advance", "analyse_stage",
    "cluster_config", "cluster_stage", "embed_stage", "place", "propose_stage", "resume_stream", "run_stages",
    "widest_first", "write_stage",
]

ProgressFactory = Callable[[str, int | None], contextlib.AbstractContextManager[Tick]]


@dataclass(frozen=True)
class RunReport:
    articles: int
    embedded: int
    analysed: int
    stories: int
    changed_stories: int
    briefs_written: int
    resolutions_proposed: int = 0
    briefs_kept: int = 0  # changed stories whose last brief stands: their material did not change
    briefs_queued: int = 0  # full briefs past the run's ``brief_budget``: the next run writes them



def run_stages(store: Store, settings: Settings, progress: ProgressFactory, executor: Executor | None = None,
               top: int = 0) -> RunReport:
    """Embed, analyse and cluster the articles ingested since the last run, then write changed stories' briefs.

    The run resumes the saved assignment state, so it costs what is new, not the archive.
    Briefs are written widest story first and saved one by one, so an interrupted run keeps
    what it wrote and the next run writes the rest; ``top`` caps how many briefs this run
    writes (a slow local model on a large corpus).
    """
    from parallax.forecast.records import OPEN
    from parallax.write import get_writer
    from parallax.write.budget import Budget, budget_order
    from parallax.write.driver import brief_due

    executor = executor or SerialExecutor()
    articles, embedded, analysed = advance(store, settings, executor, progress)
    writer = get_writer(settings.writer, settings)
    changed = widest_first(store.stories_needing_briefs(writer.label), top)
    known = frozenset(f.id for f in store.forecasts(status=OPEN))
    embedder = _sentence_embedder(settings, changed)
    due = [s for s in changed if brief_due(store, writer.label, s, embedder)]  # the rest keep their brief
    budget = Budget(settings.brief_budget)
    due = budget_order(store, due) if budget.limit > 0 else due
    passed: list[Story] = []  # queued by the budget: what is left of it works ahead on them (``work_ahead``)
    with progress("writing briefs", len(due)) as tick:
        written = write_stage(store, writer, due, embedder, tick, executor, settings, budget, passed)
    with progress("proposing forecast resolutions", None):  # while the workers work ahead
        _, proposals = work_ahead(store, executor, embedder, passed, budget, lambda: propose_stage(
            store, articles, known) if changed or articles else 0)
    return RunReport(len(articles), embedded, analysed, len(store.story_ids()), len(changed), written, proposals,
                     len(changed) - len(due), budget.queued)


def advance(store: Store, settings: Settings, executor: Executor, progress: ProgressFactory | None = None):
    """Embed, analyse and place the articles ingested since the saved state; (articles, embedded, analysed)."""
    progress = progress or _silent
    resumed = resume_stream(store, settings)
    watermark, articles = store.articles_after(resumed.watermark)
    with progress("embedding articles", len(articles)) as tick:
        embedder, vectors, embedded = embed_stage(store, settings, articles, executor, tick)
    release_embedders()  # the model's memory goes back before language analysis and clustering
    placing = (lambda: place(store, resumed, articles, vectors, embedder.article_key)) if articles or resumed.fresh \
        else None
    with progress("analysing language", len(articles)) as tick:  # and placing them meanwhile (``analyse_stage``)
        analysed, batch = analyse_stage(store, articles, executor, tick, placing)
    if placing is not None:
        cluster_stage(store, resumed, articles, vectors, watermark, embedder.article_key, batch)
    profile_stage(store)
    return articles, embedded, analysed


@contextlib.contextmanager
def _silent(description: str, total: int | None = None):
    yield no_tick


def _sentence_embedder(settings: Settings, stories: Sequence[Story]):
    """The brief writer's sentence embedder (English MiniLM by default), loaded only when a brief is due."""
    from parallax.embed import get_embedder

    return get_embedder(settings.embedder) if stories else None


def propose_stage(store: Store, new_articles: Sequence[Article] | None = None, known: frozenset[str] = frozenset()) -> int:
    """Look through later coverage for evidence that settles open forecasts; proposals await a person."""
    from parallax.forecast import propose_resolutions

    return len(propose_resolutions(store, new_articles, known))
