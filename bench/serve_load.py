"""The web server and JSON API under load while the pipeline writes to the same SQLite database.

    python bench/serve_load.py [--clients 50] [--seconds 30] [--embedder tfidf] [--keep DIR]

1. Builds a database from half of the demo corpus (articles_a: ingest, then `parallax run`).
2. Starts `parallax serve` on a free loopback port (one uvicorn process, as a user runs it).
3. Starts the writer: `parallax ingest articles_b.jsonl` then `parallax run`, on the same database.
4. Meanwhile ``--clients`` concurrent clients (asyncio + httpx, keep-alive) request a mix of pages,
   JSON twins, feeds and searches for ``--seconds``; every answer must be 200, and a write without
   the token must be refused (403): any other answer or a transport error counts as an error.

Prints requests/s, p50/p99 latency per kind of request and overall, errors, and whether the writer
finished cleanly while the load ran; then one JSON line. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

DEMO = Path(__file__).resolve().parents[1] / "src/parallax/data/demo"


def cli(*args: str, db: Path, embedder: str) -> subprocess.Popen:
    env = {**os.environ, "PARALLAX_EMBEDDER": embedder, "NO_COLOR": "1", "OMP_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", "parallax", *args, "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def must(process: subprocess.Popen, what: str) -> None:
    _, err = process.communicate()
    if process.returncode:
        raise SystemExit(f"{what} failed:\n{err[-2000:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/stories.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def request_mix(base: str) -> list[tuple[str, str, str, int]]:
    """(kind, method, path, expected status) for the pages a reader and a feed reader ask for."""
    stories = httpx.get(base + "/stories.json?per_page=10").json()["stories"]
    ids = [s["id"] for s in stories][:5]
    mix = [("list", "GET", "/", 200), ("list.json", "GET", "/stories.json", 200),
           ("search.json", "GET", "/search.json?q=minister", 200), ("outlets.json", "GET", "/outlets.json", 200),
           ("new-stories.atom", "GET", "/feeds/stories.atom", 200),
           ("write-without-token", "POST", "/api/feeds", 403)]
    for story_id in ids:
        mix += [("story", "GET", f"/stories/{story_id}", 200), ("story.json", "GET", f"/stories/{story_id}.json", 200),
                ("story-feed.atom", "GET", f"/stories/{story_id}/feed.atom", 200)]
    return mix


async def client(http: httpx.AsyncClient, mix: list, offset: int, until: float, seen: dict, errors: list) -> None:
    n = offset
    while time.monotonic() < until:
        kind, method, path, expected = mix[n % len(mix)]
        n += 1
        began = time.perf_counter()
        try:
            answer = await http.request(method, path, json={"url": "https://x.example/rss"} if method == "POST" else None)
            ok = answer.status_code == expected
        except httpx.HTTPError as exc:
            ok, answer = False, exc
        seen[kind].append(time.perf_counter() - began)
        if not ok:
            errors.append(f"{kind} {path}: {getattr(answer, 'status_code', answer)!r}")


async def load(base: str, mix: list, clients: int, seconds: float) -> tuple[dict, list, float]:
    seen: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        began = time.monotonic()
        await asyncio.gather(*(client(http, mix, i, began + seconds, seen, errors) for i in range(clients)))
        return seen, errors, time.monotonic() - began


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def report(seen: dict, errors: list, elapsed: float, writer_ok: bool, writer_seconds: float, clients: int) -> dict:
    every = [t for times in seen.values() for t in times]
    for kind, times in sorted(seen.items()):
        print(f"{kind:22s} {len(times):6d} requests  p50 {1000 * percentile(times, 50):7.1f} ms"
              f"  p99 {1000 * percentile(times, 99):7.1f} ms")
    summary = {"clients": clients, "seconds": round(elapsed, 1), "requests": len(every),
               "requests_per_s": round(len(every) / elapsed, 1), "p50_ms": round(1000 * percentile(every, 50), 1),
               "p99_ms": round(1000 * percentile(every, 99), 1), "errors": len(errors),
               "writer_ok": writer_ok, "writer_seconds": round(writer_seconds, 1)}
    print(f"all: {summary['requests']} requests in {elapsed:.1f} s = {summary['requests_per_s']}/s, "
          f"p50 {summary['p50_ms']} ms, p99 {summary['p99_ms']} ms, errors {len(errors)}; "
          f"writer {'finished cleanly' if writer_ok else 'FAILED'} in {writer_seconds:.1f} s")
    for line in errors[:10]:
        print("  error:", line)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--embedder", default="tfidf")
    parser.add_argument("--keep", type=Path, help="build the database here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="serve-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "load.db"
    outlets = str(DEMO / "outlets.csv")
    must(cli("ingest", str(DEMO / "articles_a.jsonl"), "--outlets-csv", outlets, db=db, embedder=args.embedder), "ingest")
    must(cli("run", db=db, embedder=args.embedder), "run")
    port = free_port()
    server = cli("serve", "--port", str(port), db=db, embedder=args.embedder)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        mix = request_mix(base)
        writer_began = time.monotonic()
        writer = subprocess.Popen(
            f"{sys.executable} -m parallax ingest {DEMO / 'articles_b.jsonl'} --outlets-csv {outlets} --db {db}"
            f" && {sys.executable} -m parallax run --db {db}", shell=True, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "PARALLAX_EMBEDDER": args.embedder, "NO_COLOR": "1"})
        seen, errors, elapsed = asyncio.run(load(base, mix, args.clients, args.seconds))
        still_running = writer.poll() is None
        _, writer_err = writer.communicate()
        writer_seconds = time.monotonic() - writer_began
        if still_running:
            print("note: the writer was still running when the load ended (it wrote throughout)")
        summary = report(seen, errors, elapsed, writer.returncode == 0, writer_seconds, args.clients)
        if writer.returncode:
            print(writer_err[-2000:])
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
