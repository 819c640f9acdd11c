"""Soak: `parallax run --feeds … --every` against loopback feeds that publish new items every cycle.

    python bench/soak.py [--cycles 12] [--feeds 8] [--items 5] [--hosts 4] [--every 5s] [--days 3]
        [--warmup 24] [--embedder tfidf] [--writer extractive] [--db soak.db]

Serves ``--feeds`` RSS feeds from ``--hosts`` loopback servers. Each time a feed is fetched it
publishes ``--items`` new items (real article texts from the article-bias-prediction set, read
at run time) and still lists its previous items, as a live feed does. Each cycle stands for
``--days`` days (the n-th fetch's items are dated n × days after a start that many cycles ago),
so stories go cold and leave the clustering state during the soak, as they do over months.
``--warmup`` is the run's ``cluster_warmup``: below it a run re-clusters the whole archive, so a
soak shorter than the shipped 2,000 articles would only exercise that path. One
``parallax run`` process runs on the timer for ``--cycles`` cycles and is then stopped while it
sleeps. After each cycle the bench reads that process's resident memory (VmRSS) and the cycle's
time (from one "next run in" line to the next, less the sleep). At the end the store must hold
each published item once (none lost, none stored twice) and each article in one standing story.
The thirds leave out the first cycle, which also starts the process and loads the models.
Prints one JSON line per cycle, then a summary JSON line:
{"cycles", "published", "stored", "lost", "duplicated", "unplaced", "first_third_s", "last_third_s",
 "first_third_rss_mb", "last_third_rss_mb"}.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive_growth import records
from support.loopback import LoopbackServer

WINDOW = 3  # cycles' worth of items a feed keeps listing


class Publisher:
    """Feeds that publish the next items of a shared pool each time they are fetched."""

    def __init__(self, servers: list[LoopbackServer], feeds: int, items: int, pool: list[dict], days: float,
                 cycles: int):
        self.servers, self.items, self.pool, self.days = servers, items, pool, days
        self.start = time.time() - cycles * days * 86400
        self.fetches = [0] * feeds
        self.published: dict[int, list[str]] = {f: [] for f in range(feeds)}
        self._next, self._lock, self._titles = 0, threading.Lock(), {}
        self.urls = [servers[f % len(servers)].add_handler(f"/feed/{f}.xml", self._feed(f)) for f in range(feeds)]

    def _feed(self, f: int):
        def answer(path: str, headers: dict) -> tuple:
            with self._lock:
                when = formatdate(self.start + self.fetches[f] * self.days * 86400, usegmt=True)
                self.fetches[f] += 1
                for _ in range(self.items):
                    self.published[f].append(self._publish(f, when))
                listed = self.published[f][-WINDOW * self.items:]
            items = "".join(self._item(link) for link in reversed(listed))
            body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {f}</title>'
                    f"<link>http://example.invalid/</link><description>soak feed</description>{items}</channel></rss>")
            return 200, "application/rss+xml", body
        return answer

    def _publish(self, f: int, when: str) -> str:
        n, self._next = self._next, self._next + 1
        row = self.pool[n % len(self.pool)]
        title = row["title"] if n < len(self.pool) else f"{row['title']} ({n // len(self.pool)})"
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n") if p.strip())
        page = (f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
                f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>")
        link = self.servers[f % len(self.servers)].add(f"/a/{n}.html", page)
        self._titles[link] = title, when
        return link

    def _item(self, link: str) -> str:
        title, when = self._titles[link]
        return f"<item><title>{html.escape(title)}</title><link>{link}</link><pubDate>{when}</pubDate></item>"


def cycles(process: subprocess.Popen, count: int, interval: float):
    """Yield (seconds, rss MB) after each of ``count`` cycles of the running process."""
    last = time.perf_counter()
    for line in process.stderr:
        if "next run in" not in line:
            continue
        now = time.perf_counter()
        yield now - last, rss_mb(process.pid)
        last = now + interval
        count -= 1
        if not count:
            return


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def check(db: Path, publisher: Publisher) -> dict:
    """Published items against stored articles and their stories."""
    from parallax.store.sqlite import SQLiteStore

    store = SQLiteStore(str(db))
    articles = store.articles_since()
    placed = [a for s in store.stories(limit=10**9) for a in s.article_ids]
    store.close()
    published = {link for links in publisher.published.values() for link in links}
    stored = [a.url for a in articles]
    return {"published": len(published), "stored": len(stored), "lost": len(published - set(stored)),
            "duplicated": len(stored) - len(set(stored)), "unplaced": len({a.id for a in articles} - set(placed)),
            "placed_twice": len(placed) - len(set(placed))}


def thirds(values: list[float], pick) -> tuple[float, float]:
    third = max(1, len(values) // 3)
    return round(pick(values[:third]), 2), round(pick(values[-third:]), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=12)
    parser.add_argument("--feeds", type=int, default=8)
    parser.add_argument("--items", type=int, default=5, help="new items per feed per cycle")
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--every", default="5s")
    parser.add_argument("--days", type=float, default=3.0, help="days of news a cycle stands for")
    parser.add_argument("--warmup", default="24", help="cluster_warmup of the runs")
    parser.add_argument("--embedder", default="tfidf")
    parser.add_argument("--writer", default="extractive")
    parser.add_argument("--db", type=Path, help="the store (default: a temporary file)")
    args = parser.parse_args()
    from parallax.cli.run import parse_interval

    interval = parse_interval(args.every)
    folder = Path(tempfile.mkdtemp(prefix="parallax-soak-"))
    db = args.db or folder / "soak.db"
    servers = [LoopbackServer().start() for _ in range(args.hosts)]
    pool = records(args.cycles * args.feeds * args.items)
    publisher = Publisher(servers, args.feeds, args.items, pool, args.days, args.cycles)
    (folder / "feeds.txt").write_text("\n".join(publisher.urls) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "parallax", "run", "--feeds", str(folder / "feeds.txt"), "--every", args.every,
               "--allow-loopback", "--embedder", args.embedder, "--writer", args.writer, "--db", str(db)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               env={**os.environ, "COLUMNS": "200", "PARALLAX_HOST_DELAY": "0",
                                    "PARALLAX_CLUSTER_WARMUP": args.warmup})
    seconds, rss = [], []
    try:
        for n, (spent, resident) in enumerate(cycles(process, args.cycles, interval)):
            seconds.append(spent)
            rss.append(resident)
            print(json.dumps({"cycle": n, "seconds": round(spent, 2), "rss_mb": round(resident, 1)}), flush=True)
    finally:
        process.terminate()
        process.wait(timeout=60)
        for server in servers:
            server.stop()
    first_s, last_s = thirds(seconds[1:], lambda v: sum(v) / len(v))  # the first cycle also starts the process
    first_rss, last_rss = thirds(rss[1:], max)
    print(json.dumps({"cycles": len(seconds), **check(db, publisher), "first_third_s": first_s, "last_third_s": last_s,
                      "first_third_rss_mb": first_rss, "last_third_rss_mb": last_rss}))


if __name__ == "__main__":
    main()
