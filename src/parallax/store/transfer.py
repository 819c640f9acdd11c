"""Move a whole database between stores (SQLite <-> PostgreSQL) and prove nothing was lost.

Every table of ``tables.TABLES`` is streamed in batches from the source into an empty target;
then both sides are read again and each table's row count and content hash are compared.
The hash is order-insensitive (a sum of per-row digests), so it checks content, not layout.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from parallax.errors import StoreError
from parallax.store.tables import TABLES, Table

OnBatch = Callable[[str, int], object]  # (table, rows copied in this batch)
_MODULUS = 2**256


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_hash: str
    target_hash: str

    @property
    def same(self) -> bool:
        return self.source_rows == self.target_rows and self.source_hash == self.target_hash


@dataclass(frozen=True)
class TransferReport:
    tables: tuple[TableCheck, ...]

    @property
    def ok(self) -> bool:
        return all(t.same for t in self.tables)

    @property
    def differences(self) -> list[str]:
        """One line per table whose count or content differs between source and target."""
        return [f"{t.table}: {t.source_rows} rows -> {t.target_rows} rows"
                + ("" if t.source_hash == t.target_hash else ", content hash differs")
                for t in self.tables if not t.same]

    def rows(self, table: str) -> int:
        return next(t.source_rows for t in self.tables if t.table == table)


def migrate_store(source, target, on_item: OnBatch | None = None) -> TransferReport:
    """Copy every table of ``source`` into the empty ``target``, then compare counts and content hashes."""
    filled = [t.name for t in TABLES if _has_rows(target, t)]
    if filled:
        raise StoreError(f"the target database is not empty (rows in {', '.join(filled)}); migrate into a fresh one")
    checks = []
    for table in TABLES:
        source_rows, source_hash = _fingerprint(_copied(source, target, table, on_item))
        target_rows, target_hash = _fingerprint(target.read_table(table))
        checks.append(TableCheck(table.name, source_rows, target_rows, source_hash, target_hash))
    return TransferReport(tuple(checks))


def _has_rows(store, table: Table) -> bool:
    return any(batch for batch in store.read_table(table, batch=1))


def _copied(source, target, table: Table, on_item: OnBatch | None) -> Iterator[list[tuple]]:
    """The source's batches of ``table``, each written to the target before it is passed on."""
    for batch in source.read_table(table):
        target.write_table(table, batch)
        if on_item:
            on_item(table.name, len(batch))
        yield batch


def _fingerprint(batches: Iterable[list[tuple]]) -> tuple[int, str]:
    """(rows, order-insensitive content hash) of a table's neutral rows."""
    count, total = 0, 0
    for batch in batches:
        count, total = count + len(batch), (total + sum(_row_digest(r) for r in batch)) % _MODULUS
    return count, f"{total:064x}"


def _row_digest(row: tuple) -> int:
    text = json.dumps([_canonical(v) for v in row], sort_keys=True, ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")


def _canonical(value: object) -> object:
    if isinstance(value, datetime):
        naive = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        return naive.isoformat()
    if isinstance(value, np.ndarray):
        return np.asarray(value, "<f4").tobytes().hex()
    return value
