"""A real PostgreSQL 16 + pgvector server from the pgserver wheel, started once per test session.

Each test gets its own database, cloned from a template the store has already migrated
(CREATE DATABASE ... TEMPLATE takes ~0.2 s). When pgserver is missing or cannot start,
tests that need PostgreSQL skip with the reason.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

TEMPLATE = "parallax_template"
# The server's data lives in /tmp only for the session; durability buys nothing here.
_FAST = ("ALTER SYSTEM SET fsync = off", "ALTER SYSTEM SET synchronous_commit = off",
         "ALTER SYSTEM SET full_page_writes = off", "SELECT pg_reload_conf()")


class PostgresServer:
    """A started server: ``url(database)`` connects to one of its databases."""

    def __init__(self, server: object, root: Path):
        self._server = server
        self.root = root

    def url(self, database: str = "postgres") -> str:
        return self._server.get_uri(database)  # type: ignore[attr-defined]

    def execute(self, *statements: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def stop(self) -> None:
        self._server.cleanup()  # type: ignore[attr-defined]
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PostgresServer:
    """Start a throwaway server (as root, pgserver runs it as its own system user 'pgserver')."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns that XDG_RUNTIME_DIR is unset (it falls back to /tmp)
        import pgserver

    # A short path of its own: the Unix socket lives in the data folder and socket paths are capped at 107 bytes.
    root = Path(tempfile.mkdtemp(prefix="parallax-pg-"))
    server = PostgresServer(pgserver.get_server(root / "data", cleanup_mode="delete"), root)
    server.execute(*_FAST)
    return server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except Exception as exc:  # noqa: BLE001 - any failure to start means "no PostgreSQL here"
        pytest.skip(f"PostgreSQL from the pgserver wheel cannot run here: {type(exc).__name__}: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> str:
    """A database the PostgreSQL store has migrated, to clone per test."""
    from parallax.store.postgres import PostgresStore

    pg_server.execute(f"CREATE DATABASE {TEMPLATE}")
    PostgresStore(pg_server.url(TEMPLATE)).close()
    return TEMPLATE


@pytest.fixture
def pg_url(pg_server: PostgresServer, pg_template: str) -> Iterator[str]:
    """The URL of a fresh, migrated database of its own for one test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    pg_server.execute(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    yield pg_server.url(name)
    pg_server.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def pg_empty_url(pg_server: PostgresServer) -> Iterator[str]:
    """The URL of an empty database (nothing migrated yet)."""
    name = f"e_{uuid.uuid4().hex[:12]}"
    pg_server.execute(f"CREATE DATABASE {name}")
    yield pg_server.url(name)
    pg_server.execute(f"DROP DATABASE {name} WITH (FORCE)")


def backend_store(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh, migrated store of the backend ``request.param`` names: "sqlite" or "postgres"."""
    if request.param == "sqlite":
        from parallax.store.sqlite import SQLiteStore

        return SQLiteStore(tmp_path / "test.db")
    from parallax.store.postgres import PostgresStore

    return PostgresStore(request.getfixturevalue("pg_url"))
