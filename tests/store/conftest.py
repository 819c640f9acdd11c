"""Every store test runs against each backend: SQLite and a real PostgreSQL (pgserver)."""

from __future__ import annotations

import pytest
from support.pg import pg_empty_url, pg_server, pg_template, pg_url  # noqa: F401 - fixtures

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A fresh, migrated store of each backend."""
    if request.param == "sqlite":
        from parallax.store.sqlite import SQLiteStore

        s = SQLiteStore(tmp_path / "test.db")
    else:
        from parallax.store.postgres import PostgresStore

        s = PostgresStore(request.getfixturevalue("pg_url"))
    yield s
    s.close()
