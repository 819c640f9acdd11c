"""Storage: the checkpoint between stages. Only this package contains SQL."""

from __future__ import annotations

from pathlib import Path

from parallax.errors import ConfigError
from parallax.store.base import Store, StoreCounts, StoredBrief, UpsertCounts


def open_store(url: str) -> Store:
    """Open the store named by ``url``: a path, ``sqlite:///path`` or ``postgresql://...``."""
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

    return SQLiteStore(Path(url))


__all__ = ["Store", "StoreCounts", "StoredBrief", "UpsertCounts", "open_store"]
