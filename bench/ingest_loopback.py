"""Live feed ingestion throughput against loopback servers: feeds and pages processed per second.

    python bench/ingest_loopback.py [--feeds 20] [--items 25] [--hosts 4] [--concurrency 8] [--host-delay 0]

Serves made-up RSS feeds and article pages from HOSTS loopback servers (each one host to the
politeness rules), then times three runs of ``ingest_feeds_once`` into a fresh SQLite store:
the first run (every feed and page fetched, extracted and stored), a run with nothing changed
(every feed answers 304), and a run where every feed changed but every item was seen before.
Prints one JSON line with the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.articles import article_html
from support.feeds import rss
from support.loopback import LoopbackServer

from parallax.ingest import ingest_feeds_once, load_catalog
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

DATE = "Tue, 02 Apr 2024 10:00:00 GMT"




def serve_feeds(servers: list[LoopbackServer], feeds: int, items: int, version: str) -> list[str]:
    urls = []
    for f in range(feeds):
        server = servers[f % len(servers)]
        links = [server.add(f"/{f}/{i}", article_html(f"Story {f}-{i}", extra=f"Item {f}-{i} of feed {f}."))
                 for i in range(items)]
        body = rss(f"Feed {f}", [(u, f"Story {f}-{i}", DATE) for i, u in enumerate(links)])
        urls.append(server.add(f"/{f}/feed.xml", body, "application/rss+xml", headers={"ETag": f'"{version}"'}))
    return urls


def timed_run(feeds: list[str], store: SQLiteStore, settings: Settings) -> tuple[float, object]:
    started = time.perf_counter()
    report = ingest_feeds_once(feeds, store, load_catalog(), settings)
    return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=25)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--host-delay", type=float, default=0.0)
    args = parser.parse_args()
    settings = Settings(allow_loopback=True, fetch_concurrency=args.concurrency, host_delay=args.host_delay,
                        host_concurrency=4, fetch_retries=0, fetch_backoff=0.0)
    servers = [LoopbackServer().start() for _ in range(args.hosts)]
    try:
        with tempfile.TemporaryDirectory() as folder:
            store = SQLiteStore(Path(folder) / "bench.db")
            feeds = serve_feeds(servers, args.feeds, args.items, "v1")
            first_s, first = timed_run(feeds, store, settings)
            same_s, same = timed_run(feeds, store, settings)
            serve_feeds(servers, args.feeds, args.items, "v2")
            seen_s, seen = timed_run(feeds, store, settings)
            store.close()
    finally:
        for server in servers:
            server.stop()
    pages = args.feeds * args.items
    assert (first.inserted, first.failed, same.not_modified, seen.skipped) == (pages, 0, args.feeds, pages)
    print(json.dumps({
        "benchmark": "ingest_loopback", "feeds": args.feeds, "pages": pages, "hosts": args.hosts,
        "concurrency": args.concurrency, "host_delay_s": args.host_delay,
        "first_run_s": round(first_s, 2), "pages_per_s": round(pages / first_s, 1),
        "feeds_per_s_first_run": round(args.feeds / first_s, 2),
        "unchanged_run_s": round(same_s, 3), "feeds_per_s_unchanged_304": round(args.feeds / same_s, 1),
        "changed_feeds_seen_items_s": round(seen_s, 3), "feeds_per_s_seen_items": round(args.feeds / seen_s, 1),
    }))


if __name__ == "__main__":
    main()
