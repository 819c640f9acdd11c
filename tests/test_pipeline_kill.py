"""Crash safety: a run killed with SIGKILL at any point, then a run, gives the uninterrupted run's stories."""

from __future__ import annotations

import contextlib
import json
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


def _counts(url: str) -> tuple[int, int, int]:
    """(analysed articles, briefs, the state's watermark) as a reader sees them while the run goes on."""
    store = open_store(url)
    try:
        briefs = sum(1 for sid in store.story_ids() if store.brief(sid))
        analysed = len(store.article_analysis("language", _scorer(), store.articles_since()))
        return analysed, briefs, store.cluster_state(_state_name())[0]
    finally:
        store.close()


def _state_name() -> str:
    from parallax.pipeline import resume_stream

    with contextlib.closing(open_store(":memory:")) as empty:
        return resume_stream(empty, settings()).name


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
    """Standing stories with their members, the stories still lacking a brief and the outlets' profiles."""
    store = open_store(url)
    try:
        stories = {s.id: s.article_ids for s in store.stories(limit=10_000)}
        missing = store.stories_needing_briefs(f"extractive/{_writer_version()}")
        profiles = {o.name: json.dumps(store.outlet_profile(o.name), sort_keys=True) for o in store.outlets()}
        return stories | {"~unbriefed": tuple(s.id for s in missing), "~profiles": tuple(sorted(profiles.items()))}
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
    analysed, briefs, watermark = _counts(killed)
    _kill_when(killed, lambda now: now[0] > analysed)  # while the new articles are analysed
    _kill_when(killed, lambda now: now[2] > watermark)  # once the stories and the state are committed
    briefs = _counts(killed)[1]
    _kill_when(killed, lambda now: now[1] > briefs)  # while changed stories' briefs are written
    run_once(killed)
    expected = _stories(reference)
    assert _stories(killed) == expected and len(expected) > 10 and expected["~unbriefed"] == ()
    assert any(p != "null" for _, p in expected["~profiles"])


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
