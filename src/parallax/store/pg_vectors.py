"""pgvector plumbing for the PostgreSQL store: binary adapters, per-model HNSW indexes, k-NN SQL."""

from __future__ import annotations

import hashlib
import struct

import numpy as np
import psycopg
from psycopg import sql
from psycopg.adapt import Dumper, Loader
from psycopg.pq import Format
from psycopg.types import TypeInfo

# pgvector's HNSW index takes vectors of at most this many dimensions; wider ones are searched exactly.
HNSW_MAX_DIM = 2000
# hnsw.ef_search per query (pgvector's default is 40): recall matters more than a millisecond here.
EF_SEARCH = 100


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
