"""Per-article work through an executor: story vectors (embed) and language scores (analyse).

Both reuse what is stored and compute only what is missing; each batch goes to the executor's workers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from parallax.analyse.language.stored import LANGUAGE_KIND
from parallax.execute.base import Executor
from parallax.execute.tasks import analyse_batch, embed_batch, windows
from parallax.models import Article, Failure
from parallax.settings import Settings
from parallax.store import Store

Tick = Callable[..., None]  # tick(n=1): n more items done


def no_tick(n: int = 1) -> None:
    return None


def embed_stage(store: Store, settings: Settings, articles: Sequence[Article], executor: Executor,
                tick: Tick = no_tick):
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


def analyse_stage(store: Store, articles: Sequence[Article], executor: Executor, tick: Tick = no_tick,
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
        rows = [row for batch in results for row in batch]
        store.save_article_analysis(LANGUAGE_KIND, SCORER_VERSION,
                                    [(by_id[i], body) for i, body in rows if not isinstance(body, str)])
        for i, why in ((i, body) for i, body in rows if isinstance(body, str)):  # tried again by the next run
            store.record_failure(Failure("analyse", i, why))
        tick(len(rows))
    if meanwhile is not None and len(rounds) != 1:
        other = meanwhile()
    return len(todo), other
