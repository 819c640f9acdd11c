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
from parallax.analyse.totals import outlet_totals, profile_stage
from parallax.execute.base import Executor, SerialExecutor
from parallax.execute.tasks import analyse_batch, embed_batch, release_embedders, windows
from parallax.models import Article, Failure, Story
from parallax.settings import Settings
from parallax.store import Store

Tick = Callable[..., None]  # tick(n=1): n more items done
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


def _noop(n: int = 1) -> None:
    return None


def embed_stage(store: Store, settings: Settings, articles: Sequence[Article], executor: Executor,
                tick: Tick = _noop):
    """(embedder, vectors for every article, how many were computed); cached vectors are reused."""
    from parallax.embed import article_texts, embed_articles, get_embedder

    embedder = get_embedder(settings.story_embedder)
    computed = 0

    def compute(missing: list[Article]):
        nonlocal computed
        computed = len(missing)
        tick(len(articles) - len(missing))
        for window in windows(missing):
            jobs = [(embedder.name, [article_texts(a) for a in batch]) for batch in window]
            yield from zip(window, executor.map(embed_batch, jobs))
            tick(sum(len(batch) for batch in window))

    vectors = embed_articles(store, embedder, articles, compute)
    if not computed:
        tick(len(articles))
    return embedder, vectors, computed


def analyse_stage(store: Store, articles: Sequence[Article], executor: Executor, tick: Tick = _noop,
                  meanwhile: Callable[[], object] | None = None) -> tuple[int, object]:
    """Language scores for articles that lack current ones: (how many scored, what ``meanwhile()`` returned).

    ``meanwhile`` is this process's next stage (placing the articles): when the scoring fits one executor round
    trip (a daily batch) it runs while the workers score (``map_alongside``), else after them."""
    from parallax.analyse.language import SCORER_VERSION
    from parallax.execute.base import map_alongside

    done = store.article_analysis(LANGUAGE_KIND, SCORER_VERSION, articles)
    todo = [a for a in articles if a.id not in done]
    by_id, rounds, other = {a.id: a for a in todo}, list(windows(todo)), None
    for n, window in enumerate(rounds):
        overlap = meanwhile is not None and len(rounds) == 1
        results, other = map_alongside(executor, analyse_batch, window, meanwhile) if overlap else (
            executor.map(analyse_batch, window), other)
        bodies = [row for batch in results for row in batch]
        store.save_article_analysis(LANGUAGE_KIND, SCORER_VERSION, [(by_id[i], body) for i, body in bodies])
        tick(len(bodies))
    if meanwhile is not None and len(rounds) != 1:
        other = meanwhile()
    return len(todo), other


def cluster_config(settings: Settings):
    from parallax.cluster import ClusterConfig

    return ClusterConfig(threshold=settings.cluster_threshold, window_days=settings.cluster_window_days,
                         merge_model=settings.cluster_merge_model)


@dataclass
class Resumed:
    """The assignment state a run starts from: saved by the last run, or empty (``fresh``)."""

    name: str
    watermark: int
    stream: object
    fresh: bool


def resume_stream(store: Store, settings: Settings) -> Resumed:
    """The saved state for the current algorithm, story embedder and configuration, or a fresh one.

    A state that has seen fewer than ``cluster_warmup`` articles is not resumed: its language means
    and anchor counts rest on too few articles to fix stories by, so the run re-clusters the
    (still small) archive in one pass.
    """
    from parallax.cluster import ALGORITHM
    from parallax.cluster.persist import new_stream, restore, state_name
    from parallax.embed import get_embedder

    config = cluster_config(settings)
    name = state_name(ALGORITHM, get_embedder(settings.story_embedder).article_key, config)
    saved = store.cluster_state(name)
    stream = restore(saved[1], config) if saved else None
    if stream is None or stream.fed < settings.cluster_warmup:
        return Resumed(name, 0, new_stream(config), True)
    return Resumed(name, saved[0], stream, False)


def place(store: Store, resumed: Resumed, articles: Sequence[Article], vectors, vector_key: str):
    """Feed new articles to the open stories (``cluster.persist.feed``): what changed, nothing saved yet."""
    from parallax.cluster.persist import feed

    return feed(resumed.stream, articles, vectors, StoredArchive(store, vector_key, resumed))


def cluster_stage(store: Store, resumed: Resumed, articles: Sequence[Article], vectors, watermark: int,
                  vector_key: str, batch=None) -> list[Story]:
    """Feed new articles to the open stories (unless ``place`` did: ``batch``); save changed stories, merges, outlet
    totals and the state at once."""
    from parallax.cluster.persist import frozen, save

    batch = batch or place(store, resumed, articles, vectors, vector_key)
    merged = dict(batch.merged)
    if resumed.fresh:  # a stored story this assignment does not produce was absorbed into others: retire it
        standing = {s.id for s in batch.stories}
        merged = {**{old: "" for old in store.story_ids() if old not in standing}, **merged}
    totals = outlet_totals(store, articles, resumed.fresh)
    held = {a: reason for a, reason in batch.held.items() if store.story_of_article(a) is None}  # first placed now
    sketches = frozen(resumed.stream)
    state = (resumed.name, watermark, save(resumed.stream))
    saved = store.commit_stories(batch.stories, merged, state, batch.reopened, totals, sketches)
    if sketches:  # frozen stories: no brief of theirs is due, their articles' stored analysis can go
        store.drop_article_blobs([story_id for story_id, _, _ in sketches])
    for article_id, reason in sorted(held.items()):
        store.record_failure(Failure("cluster", article_id, f"kept alone as its own story: {reason}"))
    return saved


@dataclass(frozen=True)
class StoredArchive:
    """The frozen stories as the assignment reads them from the store (``cluster.persist.Archive``). A run that
    re-clusters the archive from its start (``fresh``) looks none up: its own pass holds every story."""

    store: Store
    vector_key: str
    resumed: Resumed

    def story_of(self, article_id: str) -> str | None:
        return self.store.story_of_article(article_id)

    def frozen(self, story_id: str):
        """The stored story ``story_id``, its articles and their vectors; None if any is missing."""
        story = self.store.story(story_id)
        if story is None:
            return None
        articles = self.store.articles(story.article_ids)
        vectors = self.store.embeddings(self.vector_key, articles)
        return (story, articles, vectors) if articles and len(vectors) == len(articles) else None

    def nearest(self, query, day: float | None) -> list[tuple[str, float]]:
        from parallax.cluster.reopen import CANDIDATES, HORIZON_DAYS

        if self.resumed.fresh:
            return []
        since = None if day is None else day - HORIZON_DAYS
        return self.store.frozen_nearest(self.resumed.name, query, since, CANDIDATES)


def widest_first(stories: Sequence[Story], top: int = 0) -> list[Story]:
    """The most widely covered stories first (most articles); only the first ``top`` when it is above 0."""
    ordered = sorted(stories, key=lambda s: (-len(s.article_ids), s.id))
    return ordered[:top] if top > 0 else ordered


def write_stage(store: Store, writer, stories: Sequence[Story], embedder=None, tick: Tick = _noop,
                executor: Executor | None = None, settings: Settings | None = None, budget=None) -> int:
    """Write a brief for each story (a failing one is recorded, not saved); a one-article story's page is its lead.

    Each article's sentence vectors and parse are read from the store, and worked out (and stored) only for the
    articles that have none (``write.stored``). With an ``executor`` and the ``settings`` its workers build the
    writer from, the stories of a window are written there; only this process reads and writes the store. With a
    ``budget`` (``write.budget``), a full brief past it is queued: a story with no brief gets a queued page."""
    from parallax.execute.tasks import batches, write_brief_job
    from parallax.write.budget import Budget, fitting, keeps_its_brief, queued_page
    from parallax.write.driver import save_brief, story_material, write_here, write_lead_page
    from parallax.write.single import is_single
    from parallax.write.stored import save_blobs

    written, remote = 0, executor is not None and settings is not None and not isinstance(executor, SerialExecutor)
    budget = budget or Budget(0.0)
    for window in batches(stories, BRIEF_WINDOW if remote else 1):
        materials = [story_material(store, story) for story in window]
        full = fitting(store, embedder, materials, budget)
        jobs = [(settings, m, getattr(embedder, "name", ""), full[m.story.id]) for m in materials if m.story.id in full]
        results = iter(executor.map(write_brief_job, jobs) if remote else [
            write_here(writer, m, embedder, blobs) for _, m, _, blobs in jobs])
        for story, material in zip(window, materials):
            if is_single(material):
                brief, error, blobs = write_lead_page(writer.label, material, embedder)
            elif story.id in full:
                brief, error, blobs = next(results)
            elif not keeps_its_brief(store.brief(story.id)):  # queued: its page says so (``write.budget``)
                brief, error, blobs = queued_page(material, embedder)
            else:
                continue
            save_blobs(store, embedder, material.articles, blobs)
            saved = save_brief(store, story, brief, error)
            written += saved if story.id in full or is_single(material) else 0
            tick()
    return written


BRIEF_WINDOW = 16  # stories sent to an executor at once; their briefs are saved when the window comes back


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
    with progress("writing briefs", len(due)) as tick:
        written = write_stage(store, writer, due, embedder, tick, executor, settings, budget)
    with progress("proposing forecast resolutions", None):
        proposals = propose_stage(store, articles, known) if changed or articles else 0
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
    yield _noop


def _sentence_embedder(settings: Settings, stories: Sequence[Story]):
    """The brief writer's sentence embedder (English MiniLM by default), loaded only when a brief is due."""
    from parallax.embed import get_embedder

    return get_embedder(settings.embedder) if stories else None


def propose_stage(store: Store, new_articles: Sequence[Article] | None = None, known: frozenset[str] = frozenset()) -> int:
    """Look through later coverage for evidence that settles open forecasts; proposals await a person."""
    from parallax.forecast import propose_resolutions

    return len(propose_resolutions(store, new_articles, known))
