"""Storage: the checkpoint between stages. Only this package contains SQL."""

from __future__ import annotations

from pathlib import Path

from parallax.errors import ConfigError, StoreError
from parallax.store.base import Store, StoreCounts, StoredBrief, UpsertCounts


def open_store(url: str, must_exist: bool = False) -> Store:
    """Open the store named by ``url``: a path, ``sqlite:///path`` or ``postgresql://...``.

    ``must_exist``: a read, so a SQLite path that does not exist is a ``StoreError`` (nothing is created).
    """
    url = url.removeprefix("sqlite:///")
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from parallax.store.postgres import PostgresStore
        except ImportError as exc:
            raise ConfigError(f"a PostgreSQL store needs psycopg 3: pip install 'psycopg[binary]' ({exc})") from exc
        return PostgresStore(url)
    if "://" in url:
        raise ConfigError(
            f"unknown database URL {url!r}; valid: a file path, sqlite:///PATH, postgresql://USER@HOST/DB"
        )
    from parallax.store.sqlite import SQLiteStore

    if must_exist and url != ":memory:" and not Path(url).is_file():
        raise StoreError(f"{url}: no such database (ingest something first, or name another with --db)")
    return SQLiteStore(Path(url))


__all__ = ["Store", "StoreCounts", "StoredBrief", "UpsertCounts", "open_store"]
