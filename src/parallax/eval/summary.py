"""Summary evaluation: ROUGE of the writer's summary against editors' neutral roundups.

Each line of the file is one story: ``{"story", "reference_title", "reference",
"articles": [article, ...]}`` with articles in the article-set format.
Progress goes to stderr; the figures are one JSON line on stdout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from parallax.errors import InputError
from parallax.models import Article, Outlet, Page, Story
from parallax.settings import default
from parallax.text.article import build_article
from parallax.write.base import Writer, get_writer
from parallax.write.material import SentenceVectors, StoryMaterial
from parallax.write.wording import loadedness


def read_stories(path: Path) -> Iterator[dict]:
    """The stories of a summary-set file, one JSON object per line."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}", f"not valid JSON: {exc}") from exc


def _published(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def record_article(record: dict) -> Article:
    """An ``Article`` from one article-set record (its id stands in for a missing outlet)."""
    page = Page(
        url="",
        body=record.get("text") or "",
        title=record.get("title") or "",
        outlet=record.get("outlet") or str(record.get("id", "")),
        published=_published(record.get("published")),
        source=str(record.get("id", "")),
        external_id=str(record.get("id", "")),
    )
    return build_article(page)


def story_material(row: dict, vectors: SentenceVectors | None, embedder: str) -> StoryMaterial:
    """The writer's material for one summary-set story; unusable articles are skipped."""
    articles: dict[str, Article] = {}
    outlets: dict[str, Outlet] = {}
    for record in row.get("articles") or []:
        try:
            article = record_article(record)
        except InputError as exc:
            print(f"skip {exc}", file=sys.stderr)
            continue
        articles.setdefault(article.id, article)
        outlets[article.outlet] = Outlet(name=article.outlet, leaning=record.get("leaning") or "")
    story = Story(id=str(row.get("story", "")), article_ids=tuple(articles))
    return StoryMaterial(story, tuple(articles.values()), outlets, {}, vectors, embedder if vectors else "tfidf")


def sentence_vectors(embedder: str) -> tuple[SentenceVectors | None, str]:
    """(hook, name): the embedder's ``embed_batch``, or None when it is TF-IDF (fitted per story instead)."""
    if embedder == "tfidf":
        return None, "tfidf"
    from parallax.embed import get_embedder

    chosen = get_embedder(embedder)  # falls back to TF-IDF loudly when the model is missing
    return (None, "tfidf") if chosen.name == "tfidf" else (chosen.embed_batch, chosen.name)


def rouge_f1(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Mean ROUGE-1/2/L F1 ×100 of (prediction, reference) pairs, with stemming."""
    from rouge_score.rouge_scorer import RougeScorer

    scorer = RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores = [scorer.score(reference, prediction) for prediction, reference in pairs]
    return {k: round(100 * float(np.mean([s[k].fmeasure for s in scores])), 2) if scores else 0.0
            for k in ("rouge1", "rouge2", "rougeL")}


def summarise(row: dict, writer: Writer, vectors: SentenceVectors | None, embedder: str) -> tuple[str, float]:
    """The writer's summary text for one story ("" when it cannot write one) and source loadedness."""
    material = story_material(row, vectors, embedder)
    source = float(np.mean([loadedness(a.text) for a in material.articles])) if material.articles else 0.0
    try:
        brief = writer.write(material)
    except InputError as exc:
        print(f"no summary: {exc}", file=sys.stderr)
        return "", source
    return " ".join(s.text for s in brief.summary), source


def evaluate_summaries(
    path: Path,
    predictions: Path | None = None,
    writer: str = "extractive",
    embedder: str = default("embedder"),
    start: int = 0,
    stop: int | None = None,
    settings: Any = None,
) -> dict:
    """Write a summary per story (rows ``start:stop``), score it; optionally save predictions."""
    chosen = get_writer(writer, settings)  # one writer for the whole set (an unknown name fails before any work)
    vectors, embedder = sentence_vectors(embedder)
    rows = list(read_stories(Path(path)))[start:stop]
    results = []
    for n, row in enumerate(rows, 1):
        summary, source = summarise(row, chosen, vectors, embedder)
        results.append((row, summary, source))
        if n % 25 == 0 or n == len(rows):
            print(f"{n}/{len(rows)} stories", file=sys.stderr)
    if predictions is not None:
        _write_predictions(Path(predictions), results)
    figures = rouge_f1([(summary, str(row.get("reference", ""))) for row, summary, _ in results])
    figures["stories"] = len(results)
    figures["words"] = round(float(np.mean([len(s.split()) for _, s, _ in results])), 1) if results else 0.0
    figures["loaded_summary"] = round(float(np.mean([loadedness(s) for _, s, _ in results])), 3) if results else 0.0
    figures["loaded_sources"] = round(float(np.mean([src for _, _, src in results])), 3) if results else 0.0
    return figures


def _write_predictions(path: Path, results: list[tuple[dict, str, float]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row, summary, _ in results:
            out.write(json.dumps({"story": row.get("story"), "summary": summary}, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m parallax.eval.summary FILE [--predictions OUT] [--writer W] [--embedder E]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="parallax eval summary")
    parser.add_argument("file", type=Path)
    parser.add_argument("--predictions", type=Path)
    parser.add_argument("--writer", default="extractive")
    parser.add_argument("--embedder", default=default("embedder"))
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--stop", type=int)
    args = parser.parse_args(argv)
    figures = evaluate_summaries(args.file, args.predictions, args.writer, args.embedder, args.start, args.stop)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
