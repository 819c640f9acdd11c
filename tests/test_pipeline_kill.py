"""Crash safety: a run killed with SIGKILL at any point, then a run, gives the uninterrupted run's stories."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path

import pytest
from pipeline_kill_driver import main as run_once
from pipeline_kill_driver import settings
from support.pg import pg_empty_url, pg_server  # noqa: F401 - fixtures

from parallax.ingest import ingest, load_catalog
from parallax.store import open_store

pytestmark = pytest.mark.slow
DRIVER = Path(__file__).with_name("pipeline_kill_driver.py")
DEMO = Path(str(files("parallax.data").joinpath("demo")))


def _ingest(url: str, half: str) -> None:
    store = open_store(url)
    try:
        ingest([str(DEMO / f"articles_{half}.jsonl")], store, load_catalog(DEMO / "outlets.csv"), settings())
    finally:
        store.close()


def _counts(url: str) -> tuple[int, int]:
    """(analysed articles, briefs) as a reader sees them while the run goes on."""
    store = open_store(url)
    try:
        briefs = sum(1 for sid in store.story_ids() if store.brief(sid))
        analysed = len(store.article_analysis("language", _scorer(), store.articles_since()))
        return analysed, briefs
    finally:
        store.close()


def _scorer() -> str:
    from parallax.analyse.language import SCORER_VERSION

    return SCORER_VERSION


def _kill_when(url: str, reached, timeout: float = 240.0) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, str(DRIVER), url], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while not reached(_counts(url)):
        assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read()[-2000:]}"
        assert time.monotonic() < deadline, "the run made too little progress in time"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _stories(url: str) -> dict[str, tuple[str, ...]]:
    store = open_store(url)
    try:
        stories = {s.id: (s.article_ids, s.version) for s in store.stories(limit=10_000)}
        missing = store.stories_needing_briefs(f"extractive/{_writer_version()}")
        return {sid: members for sid, (members, _) in stories.items()} | {"~unbriefed": tuple(s.id for s in missing)}
    finally:
        store.close()


def _writer_version() -> str:
    from parallax.write.extractive import ExtractiveWriter

    return ExtractiveWriter.version


def _scenario(reference: str, killed: str) -> None:
    for url in (reference, killed):
        _ingest(url, "a")
        run_once(url)
        _ingest(url, "b")
    run_once(reference)
    analysed, briefs = _counts(killed)
    _kill_when(killed, lambda now: now[0] > analysed)  # while the new articles are analysed
    _kill_when(killed, lambda now: now[1] > briefs)  # while changed stories' briefs are written
    run_once(killed)
    expected = _stories(reference)
    assert _stories(killed) == expected and len(expected) > 10 and expected["~unbriefed"] == ()


def test_a_killed_run_then_a_run_gives_the_uninterrupted_stories_on_sqlite(tmp_path):
    _scenario(str(tmp_path / "reference.db"), str(tmp_path / "killed.db"))


def test_a_killed_run_then_a_run_gives_the_uninterrupted_stories_on_postgresql(pg_server):  # noqa: F811
    names = ["k_reference", "k_killed"]
    for name in names:
        pg_server.execute(f"CREATE DATABASE {name}")
    try:
        _scenario(*(pg_server.url(name) for name in names))
    finally:
        for name in names:
            pg_server.execute(f"DROP DATABASE {name} WITH (FORCE)")
