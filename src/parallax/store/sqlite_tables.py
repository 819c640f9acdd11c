"""Whole-table reads and writes for SQLiteStore, in the neutral form of ``tables.py`` (store-to-store copies)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

import numpy as np

from parallax.store.tables import Table


def _decode(kind: str, value: object) -> object:
    if value is None:
        return None
    if kind == "time":
        return datetime.fromisoformat(str(value))
    if kind in ("json", "ids"):
        return json.loads(str(value))
    if kind == "vector":
        return np.frombuffer(value, dtype=np.float32)  # type: ignore[arg-type]
    return value


def _encode(kind: str, value: object) -> object:
    if value is None:
        return None
    if kind == "time":
        return value.isoformat()  # type: ignore[attr-defined]
    if kind in ("json", "ids"):
        return json.dumps(value, ensure_ascii=False)
    if kind == "vector":
        return np.asarray(value, np.float32).tobytes()
    return value


class SQLiteTablesMixin:
    """``read_table`` / ``write_table`` for ``SQLiteStore`` (uses its ``_query`` and ``_write``)."""

    def read_table(self, table: Table, batch: int = 1000) -> Iterator[list[tuple]]:
        """Every row of ``table`` in batches, in insertion (rowid) order, values in neutral form."""
        columns = ", ".join(f'"{c}"' for c in table.columns)
        kinds = [table.kind(c) for c in table.columns]
        last = -1
        while True:
            rows = self._query(
                f"SELECT rowid, {columns} FROM {table.name} WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, batch)
            )
            if not rows:
                return
            last = rows[-1][0]
            yield [tuple(_decode(k, v) for k, v in zip(kinds, tuple(r)[1:])) for r in rows]

    def write_table(self, table: Table, rows: Sequence[Sequence[object]]) -> None:
        """Insert neutral-form ``rows`` into ``table`` in one transaction."""
        kinds = [table.kind(c) for c in table.columns]
        columns = ", ".join(f'"{c}"' for c in table.columns)
        encoded: Iterable[tuple] = [tuple(_encode(k, v) for k, v in zip(kinds, r)) for r in rows]
        self._write(f"INSERT INTO {table.name} ({columns}) VALUES ({','.join('?' * len(kinds))})", encoded)
