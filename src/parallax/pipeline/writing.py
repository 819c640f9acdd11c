"""The writing stage: a brief for each changed story, widest first, within the run's brief budget."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.execute.base import Executor, SerialExecutor
from parallax.models import Story
from parallax.pipeline.per_article import Tick, no_tick
from parallax.settings import Settings
from parallax.store import Store


def widest_first(stories: Sequence[Story], top: int = 0) -> list[Story]:
    """The most widely covered stories first (most articles); only the first ``top`` when it is above 0."""
    ordered = sorted(stories, key=lambda s: (-len(s.article_ids), s.id))
    return ordered[:top] if top > 0 else ordered


def write_stage(store: Store, writer, stories: Sequence[Story], embedder=None, tick: Tick = no_tick,
                executor: Executor | None = None, settings: Settings | None = None, budget=None,
                passed: list | None = None) -> int:
    """Write a brief for each story (a failing one is recorded, not saved); a one-article story's page is its lead.

    Each article's sentence vectors and parse are read from the store, and worked out (and stored) only for the
    articles that have none (``write.stored``). With an ``executor`` and the ``settings`` its workers build the
    writer from, the stories of a window are written there; only this process reads and writes the store. With a
    ``budget`` (``write.budget``), a full brief past it is queued: a story with no brief gets a queued page, and what
    is left of the budget works out the queued stories' articles (``work_ahead``), here or, given a ``passed`` list
    to add the queued stories to, by the caller."""
    from parallax.execute.tasks import batches, write_brief_job
    from parallax.write.budget import Budget, fitting
    from parallax.write.driver import save_brief, story_material, write_here
    from parallax.write.single import is_single
    from parallax.write.stored import save_blobs

    written, remote = 0, executor is not None and settings is not None and not isinstance(executor, SerialExecutor)
    budget, ahead = budget or Budget(0.0), passed is None
    passed = [] if passed is None else passed
    for window in batches(stories, BRIEF_WINDOW if remote else 1):
        materials = [story_material(store, story) for story in window]
        full = fitting(store, embedder, materials, budget)
        if remote:
            work_out_first(store, executor, embedder, materials, full)
        jobs = [(settings, m, getattr(embedder, "name", ""), full[m.story.id]) for m in materials if m.story.id in full]
        results = iter(executor.map(write_brief_job, jobs) if remote else [
            write_here(writer, m, embedder, blobs) for _, m, _, blobs in jobs])
        for story, material in zip(window, materials):
            if (page := _page(store, writer.label, material, full, results, embedder, passed)) is None:
                continue
            brief, error, blobs = page
            save_blobs(store, embedder, material.articles, blobs)
            saved = save_brief(store, story, brief, error)
            written += saved if story.id in full or is_single(material) else 0
            tick()
    if ahead:
        work_ahead(store, executor if remote else SerialExecutor(), embedder, passed, budget)
    return written


def _page(store: Store, label: str, material, full: dict, results, embedder, passed: list):
    """(brief or None, why it failed, blobs) of a window's story: its lead page (one article), its full brief (from
    ``results``) or, queued by the budget (added to ``passed``), a queued page; None when it keeps its full brief."""
    from parallax.write.budget import keeps_its_brief, queued_page
    from parallax.write.driver import write_lead_page
    from parallax.write.single import is_single

    if is_single(material):
        return write_lead_page(label, material, embedder)
    if material.story.id in full:
        return next(results)
    passed.append(material.story)  # queued (``write.budget``): a story with no full brief shows a page that says so
    return None if keeps_its_brief(store.brief(material.story.id)) else queued_page(material, embedder)


BRIEF_WINDOW = 16  # stories sent to an executor at once; their briefs are saved when the window comes back


WORK_OUT_BATCH = 4  # articles a task works out before the briefs: a wide story's new articles spread over the workers


def work_ahead(store: Store, executor: Executor, embedder, passed: Sequence[Story], budget,
               meanwhile=lambda: None) -> tuple[int, object]:
    """Spend what is left of ``budget`` on the articles of the stories whose full brief it queued (``passed``, in
    order): worked out and stored (``work_out_first``), so that a later run's brief of them costs its own sections.
    A run that wrote no full brief works out at least ``WORK_OUT_BATCH`` articles. Returns (how many it worked out,
    what ``meanwhile()`` returned: this process's next stage, run while the workers work)."""
    from parallax.write.budget import new_articles, per_new_article
    from parallax.write.driver import story_material
    from parallax.write.stored import read_blobs

    each = per_new_article(embedder)
    room = budget.room(each, WORK_OUT_BATCH) if budget.limit > 0 and passed else 0
    materials, full, wanted = [], {}, room
    for story in passed:
        if wanted <= 0:
            break
        materials.append(material := story_material(store, story))
        full[story.id] = read_blobs(store, embedder, material.articles)
        wanted -= len(new_articles(material, full[story.id], embedder))
    done, other = work_out_first(store, executor, embedder, materials, full, room, meanwhile)
    budget.spent += done * each
    return done, other


def work_out_first(store: Store, executor: Executor, embedder, materials, full: dict, limit: int = 0,
                   meanwhile=lambda: None) -> tuple[int, object]:
    """Work out the per-article part of the window's full briefs (sentence vectors, parses, attributions, signals,
    figures: ``write.stored.work_out``) on every worker at once, save it, and give it to the briefs as stored. Else
    the one worker writing a wide story's brief works out all its new articles (a 60-article story: ~25 CPU s).
    Only the first ``limit`` articles that lack something, when above 0; (how many were worked out, what
    ``meanwhile()``, run while the workers work, returned)."""
    from parallax.execute.base import map_alongside
    from parallax.execute.tasks import batches, work_out_job
    from parallax.write.stored import lacks, save_blobs

    todo: dict[str, tuple] = {}  # article id -> (article, its stored blobs, whether its brief reads it)
    for material in (m for m in materials if m.story.id in full):
        blobs, read = full[material.story.id], {a.id for a in material.independent_articles()}
        for article in material.articles:
            if lacks(blobs, embedder, article, article.id in read):
                todo[article.id] = (article, blobs.only([article.id]), article.id in read)
    chosen = list(todo.values())[:limit] if limit > 0 else list(todo.values())
    jobs = [(getattr(embedder, "name", ""), [a for a, _, _ in chunk], _held(chunk),
             frozenset(a.id for a, _, read in chunk if read)) for chunk in batches(chosen, WORK_OUT_BATCH)]
    results, other = map_alongside(executor, work_out_job, jobs, meanwhile)
    for (_, articles, _, _), fresh in zip(jobs, results):
        save_blobs(store, embedder, articles, fresh)
        for material in (m for m in materials if m.story.id in full):
            full[material.story.id].take(fresh.only([a.id for a in material.articles]))
    return len(chosen), other


def _held(chunk: list[tuple]):
    """One Blobs holding what the store gave for each (article, its blobs, read) of ``chunk``."""
    from parallax.write.stored import Blobs

    held = Blobs()
    for _, blobs, _ in chunk:
        held.take(blobs)
    return held

