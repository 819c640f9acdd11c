"""A reader's latency while another client pushes a 10 MB body at a write endpoint.

    python bench/serve_hostile.py [--reads 40]

Runs the real server (uvicorn) on loopback over the web tests' corpus, then times GET /stories.json
READS times alone, and READS times while a client trickles 10 MB (100 KB every 10 ms) to /api/feeds
with a valid token, and while one sends 10 MB at once without a token. Prints one JSON line: the
median and the slowest read of each run, and the status the uploads got (413 and 401 expected).
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "serve"))

from serve_corpus import populate

from parallax.serve import create_app
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

TOKEN = "bench-token"


def start(store) -> tuple[str, uvicorn.Server, threading.Thread]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(store, Settings(api_token=TOKEN)), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server, thread


def reads(base: str, n: int) -> list[float]:
    times = []
    with httpx.Client() as client:
        for _ in range(n):
            t = time.perf_counter()
            client.get(base + "/stories.json").raise_for_status()
            times.append(time.perf_counter() - t)
    return times


def trickle():
    for _ in range(100):
        yield b"x" * 100_000
        time.sleep(0.01)


def during(base: str, n: int, upload) -> tuple[list[float], list[int]]:
    statuses: list[int] = []
    thread = threading.Thread(target=lambda: statuses.append(upload(base)))
    thread.start()
    time.sleep(0.05)
    times = reads(base, n)
    thread.join()
    return times, statuses


def summary(times: list[float]) -> dict:
    return {"median_ms": round(statistics.median(times) * 1000, 1), "max_ms": round(max(times) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reads", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "s.db")
        populate(store)
        base, server, thread = start(store)
        reads(base, 5)  # warm up
        alone = reads(base, args.reads)
        slow, slow_status = during(base, args.reads, lambda b: httpx.post(
            b + "/api/feeds", content=trickle(), timeout=60,
            headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}).status_code)
        bulk, bulk_status = during(base, args.reads, lambda b: httpx.post(
            b + "/api/feeds", content=b"x" * 10_000_000, timeout=60,
            headers={"content-type": "application/json"}).status_code)
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
    print(json.dumps({"reads": args.reads, "alone": summary(alone),
                      "during_slow_10mb_upload": {**summary(slow), "upload_status": slow_status},
                      "during_10mb_without_token": {**summary(bulk), "upload_status": bulk_status}}))


if __name__ == "__main__":
    main()
