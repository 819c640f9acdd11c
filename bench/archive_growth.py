"""Does a run cost what is new, or the whole archive? Replay an archive day by day through the pipeline.

    python bench/archive_growth.py [--articles 100000] [--batch 1000] [--store sqlite|postgresql]
        [--embedder e5|minilm|tfidf] [--writer extractive|none] [--warmup 2000] [--executor serial|processes:N]
        [--sentence-embedder minilm|muse] [--brief-budget CPU_S] [--folder DIR] [--b3-articles N]

The archive is built from the article-bias-prediction set (about 35,000 full texts; beyond that
its texts come round again with their words swapped, see ``records``), in its own date order and re-dated so
that each day holds ``--batch`` articles. Every day is one fresh process, as ``parallax run
--every`` on a timer: it ingests that day's file (real ingestion: extraction, sentences) and runs
the stages (embed, analyse, cluster, write briefs) over the store. Each process reports its
wall seconds per stage, its CPU seconds and its own peak RSS. ``--embedder`` picks the story
embedder (briefs keep the default sentence embedder). At the end the stored stories are compared
(B-cubed F1) with one pass (``assign_to_stories``) over the whole archive with the stored vectors.
Prints one line per day, then one JSON line:
{"store", "articles", "batch", "first_tenth_s", "last_tenth_s", "first_tenth_rss_mb", "last_tenth_rss_mb",
 "b3_vs_one_pass", "first_tenth_cpu_s", "last_tenth_cpu_s"} (mean seconds of a day's run and peak RSS over
the first and last tenth of the days).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SETS = Path(__file__).resolve().parents[2] / "shared/datasets/article_bias_prediction"
FILES = ("articles_train_fulltext.jsonl.gz", "articles_valid_fulltext.jsonl.gz")
START = datetime(2025, 1, 1, tzinfo=UTC)


def records(limit: int) -> list[dict]:
    """``limit`` article records in the set's date order, re-dated ``batch`` to a day by the caller.

    Past the set's end its texts come round again as new articles: cycle k >= 1 swaps every word type for
    another of about the same frequency (a fixed permutation per cycle, ``Recycler``), so no text or URL
    repeats (a repeat would be stored once, or read as a reprint of an old story) while each cycle keeps the
    set's own story structure, vocabulary size and word frequencies.
    """
    rows = []
    for name in FILES:
        with gzip.open(SETS / name, "rt", encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines)
    rows.sort(key=lambda r: (r.get("date") or "", r.get("url") or ""))
    recycle = Recycler(rows) if limit > len(rows) else None
    out = []
    for i in range(limit):
        r, cycle = rows[i % len(rows)], i // len(rows)
        record = {"url": r["url"], "title": r["title"], "text": r["content_original"], "outlet": r["source"]}
        if cycle:
            record = {**record, "url": _replayed(r["url"], cycle), "title": recycle(r["title"], cycle),
                      "text": recycle(r["content_original"], cycle)}
        out.append(record)
    return out


WORD = re.compile(r"[^\W\d_]+")


class Recycler:
    """Rewrites a text with each word type (lower-cased) swapped for another from its band of 64 types of
    similar frequency in the set; the swap is a permutation fixed by the cycle, and the case pattern stays."""

    BAND = 64

    def __init__(self, rows: list[dict]) -> None:
        counts = Counter(w.lower() for r in rows for f in ("title", "content_original")
                         for w in WORD.findall(r.get(f) or ""))
        self.ranked = [w for w, _ in counts.most_common()]
        self.tables: dict[int, dict[str, str]] = {}

    def table(self, cycle: int) -> dict[str, str]:
        if cycle not in self.tables:
            rng, swap = random.Random(cycle), {}
            for start in range(0, len(self.ranked), self.BAND):
                band = self.ranked[start : start + self.BAND]
                shuffled = band[:]
                rng.shuffle(shuffled)
                swap.update(zip(band, shuffled, strict=True))
            self.tables[cycle] = swap
        return self.tables[cycle]

    def __call__(self, text: str, cycle: int) -> str:
        swap = self.table(cycle)
        return WORD.sub(lambda m: _cased(swap.get(m.group().lower(), m.group()), m.group()), text or "")


def _cased(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _replayed(url: str, cycle: int) -> str:
    """The URL with a ``replay`` query parameter (a fragment would be dropped by the canonical URL)."""
    parts = urlsplit(url)
    query = "&".join(p for p in (parts.query, f"replay={cycle}") if p)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def write_days(folder: Path, articles: int, batch: int) -> list[Path]:
    """One JSONL file per day of ``batch`` articles, spread over the day's hours."""
    days, rows = [], records(articles)
    for day, start in enumerate(range(0, len(rows), batch)):
        path = folder / f"day{day:04d}.jsonl"
        chunk = rows[start : start + batch]
        with path.open("w", encoding="utf-8") as out:
            for i, row in enumerate(chunk):
                when = START + timedelta(days=day, seconds=86_000 * i / len(chunk))
                out.write(json.dumps({**row, "published": when.isoformat()}) + "\n")
        days.append(path)
    return days


class StageClock:
    """A progress factory that notes when each stage starts and ends (the clustering runs between two)."""

    def __init__(self) -> None:
        self.marks: dict[str, tuple[float, float]] = {}
        self.cpu: dict[str, tuple[float, float]] = {}  # the same marks in this process's CPU seconds

    @contextlib.contextmanager
    def __call__(self, description: str, total: int | None = None):
        start, cpu = time.perf_counter(), time.process_time()
        yield lambda n=1: None
        self.marks[description.split()[0]] = (start, time.perf_counter())
        self.cpu[description.split()[0]] = (cpu, time.process_time())

    def seconds(self) -> dict[str, float]:
        figures = {}
        for unit, m in (("s", self.marks), ("cpu_s", self.cpu)):
            spans = {name: end - start for name, (start, end) in m.items()}
            spans["clustering"] = m["writing"][0] - m["analysing"][1]
            figures.update({f"{name}_{unit}": round(value, 2) for name, value in spans.items()})
        return figures


def child(url: str, day: str, embedder: str, writer: str, warmup: str, executor: str = "serial",
          sentence_embedder: str = "", brief_budget: str = "0") -> None:
    """One day: ingest its file, run the stages; print seconds and peak RSS as JSON.

    ``writer`` "none" runs only what grows with the archive if anything does: embedding the new
    articles and the clustering stage (state read, feed, state saved with the changed stories).
    """
    from parallax.ingest import ingest, load_catalog
    from parallax.settings import load_settings
    from parallax.store import open_store

    settings = load_settings(environ={}).with_overrides(
        story_embedder=embedder, cluster_warmup=int(warmup), executor=executor,
        **({} if writer == "none" else {"writer": writer}), **({"embedder": sentence_embedder} if sentence_embedder else {}),
        brief_budget=float(brief_budget))
    store = open_store(url)
    started, cpu = time.perf_counter(), time.process_time()
    ingest([day], store, load_catalog(), settings)
    ingested, ingest_cpu = time.perf_counter(), time.process_time() - cpu
    figures = cluster_only(store, settings) if writer == "none" else all_stages(store, settings)
    done = time.perf_counter()
    store.close()
    rss, usage = peak_rss_mb(), resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"ingest_s": round(ingested - started, 2), "ingest_cpu_s": round(ingest_cpu, 2),
                      "run_s": round(done - ingested, 2),
                      "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "rss_mb": round(rss, 1), **figures}))


def all_stages(store, settings) -> dict:
    from parallax.execute import get_executor
    from parallax.pipeline import run_stages

    clock = StageClock()
    with get_executor(settings.executor) as pool:
        report = run_stages(store, settings, clock, pool)
        workers = _children_cpu()
    return {**clock.seconds(), "articles": report.articles, "stories": report.stories, "briefs": report.briefs_written,
            "briefs_kept": report.briefs_kept, "queued": report.briefs_queued, "changed": report.changed_stories, "workers_cpu_s": workers}


def _children_cpu() -> float:
    """CPU seconds of this process's live worker processes (an executor's pool), read before it shuts down."""
    import os

    total = 0.0
    for pid in (c for c in os.listdir("/proc") if c.isdigit()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return round(total, 2)


def cluster_only(store, settings) -> dict:
    from parallax.execute.base import SerialExecutor
    from parallax.pipeline import cluster_stage, embed_stage, resume_stream

    started = time.perf_counter()
    resumed = resume_stream(store, settings)
    watermark, articles = store.articles_after(resumed.watermark)
    embedder, vectors, _ = embed_stage(store, settings, articles, SerialExecutor())
    embedded = time.perf_counter()
    changed = cluster_stage(store, resumed, articles, vectors, watermark, embedder.article_key)
    return {"embedding_s": round(embedded - started, 2), "clustering_s": round(time.perf_counter() - embedded, 2),
            "articles": len(articles), "changed": len(changed), "open_stories": len(resumed.stream.index.stories)}


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM starts afresh at exec; ru_maxrss keeps the forking parent's)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_pass_b3(url: str, embedder: str, first: int = 0) -> float:
    """B-cubed F1 of the stored stories against one pass of the assignment over every stored article (the
    first ``first`` stored, when above 0: their stories closed long before the end, so they are final)."""
    from parallax.cluster import assign_to_stories
    from parallax.embed import get_embedder
    from parallax.eval.clustering import bcubed
    from parallax.pipeline import cluster_config
    from parallax.settings import load_settings
    from parallax.store import open_store

    store = open_store(url)
    articles = store.articles_since()
    articles = articles[:first] if first > 0 else articles
    kept = {a.id for a in articles}
    stored = {a: s.id for s in store.stories(limit=10**9) for a in s.article_ids if a in kept}
    vectors = store.embeddings(get_embedder(embedder).article_key, articles)
    store.close()
    result = assign_to_stories(articles, vectors, cluster_config(load_settings(environ={})))
    one = {a: s.id for s in result.stories for a in s.article_ids}
    return round(bcubed(one, stored)[2], 4)


def _store_url(kind: str, folder: Path, stack: contextlib.ExitStack) -> str:
    if kind == "sqlite":
        return str(folder / "archive.db")
    import pgserver

    server = pgserver.get_server(Path(tempfile.mkdtemp(prefix="parallax-archive-")) / "d", cleanup_mode="delete")
    stack.callback(server.cleanup)
    server.psql("CREATE DATABASE archive")
    return server.get_uri("archive")


def _tenths(days: list[dict], field: str, pick) -> tuple[float, float]:
    tenth = max(1, len(days) // 10)
    return round(pick([d[field] for d in days[:tenth]]), 2), round(pick([d[field] for d in days[-tenth:]]), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--writer", default="extractive", help="brief writer; none: embed and cluster only")
    parser.add_argument("--warmup", default="2000", help="the cluster_warmup setting of each run")
    parser.add_argument("--executor", default="serial", help="where per-article work and briefs run: serial, "
                        "processes[:N] (workers' CPU is reported as workers_cpu_s)")
    parser.add_argument("--sentence-embedder", default="", help="the briefs' sentence embedder (the embedder "
                        "setting; default: its default)")
    parser.add_argument("--brief-budget", default="0", help="the brief_budget setting of each run (estimated CPU "
                        "seconds of full briefs; 0: every brief written)")
    parser.add_argument("--folder", type=Path, help="keep the day files, the store and days.jsonl here (default: a "
                        "temp dir); a folder holding them goes on from the next day")
    parser.add_argument("--b3-articles", type=int, default=0, help="compare with one pass over the first N "
                        "articles only (0: all; one pass over the whole archive is quadratic in its stories)")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        folder = args.folder or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="parallax-archive-")))
        folder.mkdir(parents=True, exist_ok=True)
        url, days = _store_url(args.store, folder, stack), write_days(folder, args.articles, args.batch)
        log = folder / "days.jsonl"  # one row a day, so a stopped replay goes on from its next day
        results = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        for n, day in enumerate(days[len(results):], start=len(results)):
            out = subprocess.run([sys.executable, __file__, "--child", url, str(day), args.embedder, args.writer,
                                  args.warmup, args.executor, args.sentence_embedder, args.brief_budget],
                                 check=False, capture_output=True, text=True)
            if out.returncode:
                sys.exit(f"day {n} ({day.name}) failed with exit status {out.returncode}:\n{out.stderr[-4000:]}")
            results.append({"day": n, "stored_before": n * args.batch, **json.loads(out.stdout.strip().splitlines()[-1])})
            with log.open("a", encoding="utf-8") as rows:
                rows.write(json.dumps(results[-1]) + "\n")
            print(json.dumps(results[-1]), flush=True)
        first_s, last_s = _tenths(results, "run_s", lambda v: sum(v) / len(v))
        first_rss, last_rss = _tenths(results, "rss_mb", max)
        first_cpu, last_cpu = _tenths(results, "cpu_s", lambda v: sum(v) / len(v))
        print(json.dumps({"store": args.store, "articles": args.articles, "batch": args.batch,
                          "first_tenth_s": first_s, "last_tenth_s": last_s, "first_tenth_rss_mb": first_rss,
                          "last_tenth_rss_mb": last_rss, "b3_vs_one_pass": one_pass_b3(url, args.embedder, args.b3_articles),
                          "first_tenth_cpu_s": first_cpu, "last_tenth_cpu_s": last_cpu}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:10])
    else:
        main()
