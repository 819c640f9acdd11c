"""Shared fixtures: real SQLite stores in temporary folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def store(tmp_path):
    from parallax.store.sqlite import SQLiteStore

    s = SQLiteStore(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def shared_dir():
    if not SHARED.exists():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(params=["sqlite", "postgres"])
def any_store(request, tmp_path):
    """A fresh store of each backend in turn (the test module imports the pg_* fixtures the PostgreSQL one needs)."""
    from support.pg import backend_store

    s = backend_store(request, tmp_path)
    yield s
    s.close()
