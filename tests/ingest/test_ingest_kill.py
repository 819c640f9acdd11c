"""Durability: a live run killed with SIGKILL midway, then restarted, loses nothing and duplicates nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from support.articles import article_html
from support.feeds import rss

from parallax.store.sqlite import SQLiteStore

DRIVER = Path(__file__).with_name("kill_driver.py")
DATE = "Tue, 02 Apr 2024 10:00:00 GMT"


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def stored_urls(db: Path) -> set[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}


def kill_when_stored(proc: subprocess.Popen, db: Path, at_least: int, timeout: float = 30.0) -> int:
    deadline = time.monotonic() + timeout
    while stored_count(db) < at_least:
        assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()}"
        assert time.monotonic() < deadline, "the run stored too little in time"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return stored_count(db)


def test_a_killed_run_resumes_without_loss_or_duplicates(loopback, tmp_path):
    pages = [loopback.add(f"/news/{n}", article_html(f"Story {n}", extra=f"Item {n}."), delay=0.04)
             for n in range(60)]
    broken = [loopback.add(f"/gone/{n}", "", status=404) for n in range(3)]
    feed = loopback.add("/feed.xml", rss("Loopback Daily", [(u, "t", DATE) for u in pages + broken]),
                        "application/rss+xml", headers={"ETag": '"v1"'})
    db = tmp_path / "live.db"
    command = [sys.executable, str(DRIVER), str(db), feed]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed_at = kill_when_stored(proc, db, at_least=10)
    assert proc.returncode == -signal.SIGKILL and 10 <= killed_at < len(pages)
    before = stored_urls(db)

    subprocess.run(command, check=True, capture_output=True, timeout=60)

    store = SQLiteStore(db)
    try:
        urls = [a.url for a in store.articles_since(None)]
        assert sorted(urls) == sorted(pages)  # nothing lost, nothing twice
        assert sorted(f.item for f in store.failures()) == sorted(broken)  # each failure recorded once
        assert store.feed_state(feed).etag == '"v1"'
    finally:
        store.close()
    refetched = [u for u in before if loopback.hits(u.removeprefix(loopback.url(""))) != 1]
    assert refetched == []  # resumed, not redone
