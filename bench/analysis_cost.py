"""CPU seconds ``analyse_batch`` (the language analysis of a new article) spends an article, and whether its stored
bodies are identical to a saved reference.

    OMP_NUM_THREADS=1 nice -n 19 python bench/analysis_cost.py STORE.db REFERENCE.jsonl [--articles 1000] [--save] [--vader]

Reads the store's articles (``articles_since()``), scores the first ``--articles`` of them in one process, in
batches as a worker does, and prints the CPU seconds (process time, after the models are loaded). With ``--save``
it writes each body as one JSON line (``id``, ``body``) to REFERENCE; without, it compares every body byte for byte
(``json.dumps(..., sort_keys=True)``) with REFERENCE and names the articles that differ. ``--vader`` also compares
``FastVader`` with the vaderSentiment package on every headline and sentence, with the CPU seconds of each.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from parallax.execute.tasks import BATCH, analyse_batch, batches
from parallax.store import open_store


def _warm() -> None:
    """Load the models and the VADER lexicon outside the timed part (a worker loads them once)."""
    from parallax.analyse.language import score_headline

    score_headline("A warm-up headline that loads every model")
    analyse_batch([])


def _timed(articles: list) -> tuple[list[str], float]:
    """Each body as a JSON line, and the CPU seconds of ``analyse_batch`` alone (a worker ships each batch's bodies
    off; keeping them here as lines, not objects, leaves the garbage collector as little to walk as there)."""
    lines, cpu = [], 0.0
    for chunk in batches(articles, BATCH):
        start = time.process_time()
        bodies = analyse_batch(chunk)
        cpu += time.process_time() - start
        lines += _lines(bodies)
    return lines, cpu


def _lines(bodies: list[tuple[str, dict]]) -> list[str]:
    return [json.dumps({"id": i, "body": b}, sort_keys=True, ensure_ascii=False) for i, b in bodies]


def _compare(lines: list[str], reference: Path) -> int:
    saved = reference.read_text(encoding="utf-8").splitlines()
    saved_by_id = {json.loads(line)["id"]: line for line in saved}
    differ = [json.loads(line)["id"] for line in lines if saved_by_id.get(json.loads(line)["id"]) != line]
    print(f"identity: {len(lines) - len(differ)}/{len(lines)} bodies identical to {reference}")
    for article_id in differ[:10]:
        print(f"  differs: {article_id}")
    return len(differ)


def _vader_check(articles: list) -> int:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from parallax.analyse.language.vader import FastVader

    texts = [a.title for a in articles] + [a.sentence_text(s.index) for a in articles for s in a.sentences]
    found = {}
    for name, analyser in (("vaderSentiment", SentimentIntensityAnalyzer()), ("FastVader", FastVader())):
        start = time.process_time()
        found[name] = [analyser.polarity_scores(t) for t in texts]
        print(f"{name}: {time.process_time() - start:.2f} CPU s over {len(texts)} texts")
    differ = [t for t, a, b in zip(texts, found["vaderSentiment"], found["FastVader"]) if a != b]
    print(f"vader identity: {len(texts) - len(differ)}/{len(texts)} texts scored the same")
    return len(differ)


def main(argv: list[str]) -> int:
    limit = int(argv[argv.index("--articles") + 1]) if "--articles" in argv else 1000
    store_path, reference = Path(argv[0]), Path(argv[1])
    articles = open_store(str(store_path)).articles_since()[:limit]
    _warm()
    lines, cpu = _timed(articles)
    sentences = sum(len(a.sentences) for a in articles)
    print(
        f"{len(articles)} articles, {sentences} sentences: {cpu:.2f} CPU s, {cpu / max(len(articles), 1):.4f} s/article"
    )
    if "--vader" in argv and _vader_check(articles):
        return 1
    if "--save" in argv:
        reference.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"saved {len(lines)} bodies to {reference}")
        return 0
    return 1 if _compare(lines, reference) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
