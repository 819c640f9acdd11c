"""Whole-table reads and writes for PostgresStore, in the neutral form of ``tables.py`` (store-to-store copies)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import psycopg
from psycopg import sql

from parallax.store.pg_articles import naive
from parallax.store.pg_stories import json_body
from parallax.store.pg_vectors import register_vector
from parallax.store.tables import Table

# Rows stream through a server-side cursor in this order; seq and id keep insertion order.
_INSERTION_ORDER = {"articles": "seq", "failures": "id"}


def _encode(kind: str, value: object) -> object:
    if value is None:
        return None
    if kind == "time":
        return naive(value)  # type: ignore[arg-type]
    if kind == "json":
        return json_body(value)  # type: ignore[arg-type]
    if kind == "ids":
        return list(value)  # type: ignore[call-overload]
    if kind == "vector":
        return np.asarray(value, np.float32).ravel()
    return value


def _decode(kind: str, value: object) -> object:
    return list(value) if kind == "ids" and value is not None else value  # type: ignore[call-overload]


class PgTablesMixin:
    """``read_table`` / ``write_table`` for ``PostgresStore`` (uses its ``_conn`` and ``_transact``)."""

    def read_table(self, table: Table, batch: int = 1000) -> Iterator[list[tuple]]:
        """Every row of ``table`` in batches (insertion order where it matters), values in neutral form."""
        order = _INSERTION_ORDER.get(table.name) or ", ".join(f'"{c}" COLLATE "C"' if i == 0 else f'"{c}"'
                                                              for i, c in enumerate(table.key))
        query = sql.SQL("SELECT {columns} FROM {table} ORDER BY {order}").format(
            columns=sql.SQL(", ").join(map(sql.Identifier, table.columns)), table=sql.Identifier(table.name),
            order=sql.SQL(order),
        )
        kinds = [table.kind(c) for c in table.columns]
        with self._connect() as conn, conn.transaction():
            register_vector(conn)
            with conn.cursor(name=f"read_{table.name}") as cur:
                cur.itersize = batch
                cur.execute(query)
                while rows := cur.fetchmany(batch):
                    yield [tuple(_decode(k, v) for k, v in zip(kinds, r)) for r in rows]

    def write_table(self, table: Table, rows: Sequence[Sequence[object]]) -> None:
        """Insert neutral-form ``rows`` into ``table`` in one transaction."""
        kinds = [table.kind(c) for c in table.columns]
        insert = sql.SQL("INSERT INTO {table} ({columns}) VALUES ({marks})").format(
            table=sql.Identifier(table.name), columns=sql.SQL(", ").join(map(sql.Identifier, table.columns)),
            marks=sql.SQL(", ").join(sql.Placeholder() * len(kinds)),
        )
        encoded = [tuple(_encode(k, v) for k, v in zip(kinds, r)) for r in rows]

        def work(conn: psycopg.Connection) -> None:
            conn.cursor().executemany(insert, encoded)

        self._transact(work)
