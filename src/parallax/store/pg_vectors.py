"""pgvector for the PostgreSQL store: binary adapters, per-model HNSW indexes, k-NN SQL, and the store's
embedding methods (``PgEmbeddingsMixin``)."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import itemgetter

import numpy as np
import psycopg
from psycopg import sql
from psycopg.adapt import Dumper, Loader
from psycopg.pq import Format
from psycopg.types import TypeInfo

from parallax.models import Article
from parallax.store.pg_articles import naive

# pgvector's HNSW index takes vectors of at most this many dimensions; wider ones are searched exactly.
HNSW_MAX_DIM = 2000
# hnsw.ef_search per query (pgvector's default is 40): recall matters more than a millisecond here.
EF_SEARCH = 100
_LOCK_INDEX = 7201  # advisory lock key: one process at a time creates an index
_BUILD_MEMORY = "1GB"  # an HNSW build that fits in memory is several times faster


class _VectorDumper(Dumper):
    """numpy array -> pgvector's binary form: dim (uint16), unused (uint16), float32 big-endian."""

    format = Format.BINARY

    def dump(self, obj: np.ndarray) -> bytes:
        values = np.asarray(obj, dtype=">f4").ravel()
        return struct.pack(">HH", values.size, 0) + values.tobytes()


class _VectorTextLoader(Loader):
    """pgvector's text form ``[1,2.5,...]`` -> float32 array (shortest decimals round-trip exactly)."""

    def load(self, data: bytes) -> np.ndarray:
        return np.array(bytes(data)[1:-1].split(b","), dtype=np.float32)


class _VectorLoader(Loader):
    format = Format.BINARY

    def load(self, data: bytes) -> np.ndarray:
        (dim,) = struct.unpack_from(">H", data)
        return np.frombuffer(data, dtype=">f4", count=dim, offset=4).astype(np.float32)


def register_vector(conn: psycopg.Connection) -> None:
    """Teach ``conn`` to send numpy arrays as ``vector`` and read ``vector`` back as float32 arrays."""
    info = TypeInfo.fetch(conn, "vector")
    if info is None:
        raise psycopg.errors.UndefinedObject("the pgvector extension is not installed in this database")
    # The type's oid differs between databases, so each connection gets its own dumper class.
    dumper = type("VectorDumper", (_VectorDumper,), {"oid": info.oid})
    conn.adapters.register_dumper(np.ndarray, dumper)
    conn.adapters.register_loader(info.oid, _VectorTextLoader)
    conn.adapters.register_loader(info.oid, _VectorLoader)


def index_name(model: str, dim: int) -> str:
    """A stable, short (< 63 bytes) index name for one model at one dimension."""
    return f"embeddings_hnsw_{hashlib.sha1(model.encode()).hexdigest()[:16]}_{int(dim)}"


def create_index_sql(model: str, dim: int) -> sql.Composed:
    """A partial HNSW index (cosine) over one model's vectors, cast to the model's dimension."""
    return sql.SQL(
        "CREATE INDEX IF NOT EXISTS {name} ON embeddings USING hnsw ((vector::vector({dim})) vector_cosine_ops)"
        " WHERE model = {model} AND dim = {dim}"
    ).format(name=sql.Identifier(index_name(model, dim)), dim=sql.Literal(int(dim)), model=sql.Literal(model))


def nearest_sql(model: str, dim: int, since: bool) -> sql.Composed:
    """k-NN by cosine distance, skipping vectors whose article text changed since they were made.

    Model and dimension are literals, not parameters, so the planner can match the partial index.
    With ``since`` the search is exact: filtering after an approximate index scan could return fewer
    than k rows, so it orders by the uncast column, which no index covers, over the dated rows only.
    """
    dim_sql = sql.Literal(int(dim))
    distance = sql.SQL("e.vector <=> %(q)s" if since else "(e.vector::vector({dim})) <=> %(q)s").format(dim=dim_sql)
    dated = sql.SQL(" AND a.published >= %(since)s" if since else "")
    return sql.SQL(
        "SELECT e.article_id, 1 - ({distance}) AS similarity FROM embeddings e"
        " JOIN articles a ON a.id = e.article_id AND a.content_hash = e.content_hash"
        " WHERE e.model = {model} AND e.dim = {dim}{dated} ORDER BY {distance} LIMIT %(k)s"
    ).format(distance=distance, model=sql.Literal(model), dim=dim_sql, dated=dated)


class PgEmbeddingsMixin:
    """Article vectors: saved per model, read back while their content hash matches, searched by cosine.

    Needs the store's ``_transact``, ``_query`` and ``_indexed`` (the (model, dim) pairs with an index).
    """

    def save_embeddings(self, model: str, rows: Iterable[tuple[str, str, np.ndarray]]) -> None:
        batch = sorted(((aid, digest, np.asarray(v, np.float32).ravel()) for aid, digest, v in rows), key=itemgetter(0))
        self._transact(lambda conn: conn.cursor().executemany(
            "INSERT INTO embeddings VALUES (%s,%s,%s,%s,%s) ON CONFLICT (article_id, model) DO UPDATE SET"
            " content_hash=excluded.content_hash, dim=excluded.dim, vector=excluded.vector",
            [(aid, model, digest, v.shape[0], v) for aid, digest, v in batch],
        ))

    def _ensure_index(self, model: str, dim: int) -> None:
        """Build the model's HNSW index on first search: one bulk build is ~10x faster than growing it
        row by row during a backfill; later saves keep it current."""
        if (model, dim) in self._indexed or dim > HNSW_MAX_DIM:
            return
        if not self._query("SELECT to_regclass(%s) IS NOT NULL", (index_name(model, dim),))[0][0]:
            def create(conn: psycopg.Connection) -> None:
                conn.execute("SELECT pg_advisory_xact_lock(%s, 1)", (_LOCK_INDEX,))
                conn.execute(f"SET LOCAL maintenance_work_mem = '{_BUILD_MEMORY}'")
                conn.execute(create_index_sql(model, dim))

            self._transact(create)
        self._indexed.add((model, dim))

    def embeddings(self, model: str, articles: Sequence[Article]) -> dict[str, np.ndarray]:
        """Stored vectors whose content hash still matches the article."""
        wanted = {a.id: a.content_hash for a in articles}
        rows = self._query(
            "SELECT article_id, content_hash, vector FROM embeddings WHERE model = %s AND article_id = ANY(%s)",
            (model, list(wanted)),
        )
        return {aid: vector for aid, digest, vector in rows if wanted[aid] == digest}

    def nearest(
        self, model: str, vector: np.ndarray, k: int, since: datetime | None = None
    ) -> list[tuple[str, float]]:
        """The k stored articles most similar (cosine) to ``vector``, most similar first.

        Uses the model's HNSW index (approximate); with ``since`` it searches the dated rows exactly.
        """
        query = np.asarray(vector, np.float32).ravel()
        if k <= 0:
            return []
        if since is None:
            self._ensure_index(model, query.shape[0])
        params = {"q": query, "k": k, "since": naive(since)}
        search = nearest_sql(model, query.shape[0], since is not None)

        def run(conn: psycopg.Connection) -> list[tuple[str, float]]:
            conn.execute(f"SET LOCAL hnsw.ef_search = {max(EF_SEARCH, int(k))}")
            return [(aid, float(sim)) for aid, sim in conn.execute(search, params).fetchall()]

        return self._transact(run)
