"""Every store test runs against each backend: SQLite and a real PostgreSQL (pgserver)."""

from __future__ import annotations

import pytest
from support.pg import backend_store, pg_empty_url, pg_server, pg_template, pg_url  # noqa: F401 - fixtures

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A fresh, migrated store of each backend."""
    s = backend_store(request, tmp_path)
    yield s
    s.close()
