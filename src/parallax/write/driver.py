"""The brief driver (``pipeline.write_stage`` runs it): what a story's brief is written from, whether it is due
(``write.changes``, the decision recorded), and saving it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from parallax.errors import CitationError, InputError
from parallax.models import Article, Failure, Outlet, Story
from parallax.store import Store, StoredBrief


def write_here(writer, material, embedder, blobs):
    """(brief or None, why it failed or "", blobs) in this process: ``execute.tasks.write_brief_job``'s twin."""
    return (*attempt(writer, material, embedder, blobs), blobs)


def attempt(writer, material, embedder, blobs) -> tuple[object, str]:
    """(the brief, "") or (None, why not): a story whose brief cannot be written is recorded as a failure and the
    run goes on with the other stories."""
    from parallax.write.stored import write_brief

    try:
        return write_brief(writer, material, embedder, blobs), ""
    except (CitationError, InputError) as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - one story no one foresaw must not end the run
        return None, f"{type(exc).__name__}: {exc}"


def write_lead_page(label: str, material, embedder, *left_out: tuple[str, str]):
    """(page or None, why it failed or "", no blobs) of a one-article story (``write.single``) by the writer
    ``label``, or with ``left_out`` a queued page (``write.budget``): its embedder is named in the provenance as a
    full brief's is, so the next run's decision reads the same input hash."""
    from parallax.write.single import WHY, lead_page
    from parallax.write.stored import Blobs

    named = replace(material, embedder=_embedder_name(embedder))
    try:
        return lead_page(named, label, left_out or (("comparison", WHY),)), "", Blobs()
    except (CitationError, InputError) as exc:
        return None, str(exc), Blobs()


def save_brief(store: Store, story: Story, brief, error: str) -> int:
    from parallax.forecast import record_forecasts
    from parallax.write import brief_to_dict

    if brief is None:
        store.record_failure(Failure("write", story.id, error))
        return 0
    p, body = brief.provenance, brief_to_dict(brief)
    store.save_brief(StoredBrief(story.id, story.version, p.writer, p.input_hash, body, p.generated_at))
    record_forecasts(store, story, body)
    return 1


def story_material(store: Store, story: Story):
    """Everything a writer needs about one story, read from the store: its articles, their outlets, and their
    language values as the analyse stage stored them."""
    from parallax.write import material_for
    from parallax.write.stored import sentence_scores

    articles = store.articles(story.article_ids)
    outlets = {a.outlet: store.outlet(a.outlet) or Outlet(name=a.outlet) for a in articles}
    return replace(material_for(story, articles, outlets), sentence_scores=sentence_scores(store, articles))


def brief_due(store: Store, writer: str, story: Story, embedder=None) -> bool:
    """Whether the story's brief is rewritten now (``write.changes``); the decision and why are recorded."""
    from parallax.write.changes import decide, material_change

    old = store.brief(story.id)
    history = {version: ids for version, ids, _ in store.story_versions(story.id)}
    if old is None or old.writer != writer or old.story_version not in history:
        why = "a new story" if old is None else "the last brief is by another writer or of an unknown version"
        return _decided(store, writer, story, True, why)
    before_ids = set(history[old.story_version])
    articles = store.articles(list(dict.fromkeys([*story.article_ids, *before_ids])))
    before = [a for a in articles if a.id in before_ids]
    new = [a for a in articles if a.id not in before_ids and a.id in set(story.article_ids)]
    unchanged = len(before) == len(before_ids) and _input_hash(story, before, writer, embedder) == old.input_hash
    sources = _source_keys(story, articles)
    kept = sum(1 for v, w, rewritten, _ in store.brief_decisions(story.id)
               if w == writer and v > old.story_version and not rewritten)
    decision = decide(unchanged, material_change(before, new, sources) if unchanged else "", len(new), kept)
    return _decided(store, writer, story, decision.rewrite, decision.reason)


def _decided(store: Store, writer: str, story: Story, rewrite: bool, reason: str) -> bool:
    store.save_brief_decision(story.id, story.version, writer, rewrite, reason)
    return rewrite


def _input_hash(story: Story, articles: Sequence[Article], writer: str, embedder) -> str:
    """The input hash a brief of ``articles`` (with their current texts) by ``writer`` records."""
    from parallax.write.material import StoryMaterial
    from parallax.write.sections.sources import input_hash

    ids = {a.id for a in articles}
    reprints = {k: v for k, v in story.reprints if k in ids and v in ids}
    return input_hash(StoryMaterial(story, tuple(articles), reprints=reprints, embedder=_embedder_name(embedder)), writer)


def _embedder_name(embedder) -> str:
    return getattr(embedder, "name", "tfidf") if hasattr(embedder, "embed_batch") else "tfidf"


def _source_keys(story: Story, articles: Sequence[Article]) -> dict[str, str]:
    from parallax.write.material import StoryMaterial

    material = StoryMaterial(story, tuple(articles), reprints=dict(story.reprints))
    return {a.id: material.source_key(a) for a in articles}
