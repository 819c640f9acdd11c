"""Article SQL for the PostgreSQL store: batched upserts with change detection, search, rows to Articles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

import psycopg

from parallax.models import Article, Sentence
from parallax.store.base import UpsertCounts

COLUMNS = ("id", "url", "title", "text", "outlet", "published", "language", "content_hash", "source", "external_id")
_TYPES = ("text", "text", "text", "text", "text", "timestamp", "text", "text", "text", "text")

SELECT = f"SELECT {', '.join(COLUMNS)} FROM articles"
SENTENCES = 'SELECT article_id, idx, start, "end" FROM sentences WHERE article_id = ANY(%s) ORDER BY article_id, idx'
# plainto_tsquery ANDs the stemmed terms, like the SQLite store's FTS5 phrase list.
SEARCH = (
    f"SELECT {', '.join(COLUMNS)} FROM articles, plainto_tsquery('english', %(terms)s) AS q"
    " WHERE search @@ q ORDER BY ts_rank(search, q) DESC, seq LIMIT %(limit)s"
)

# One statement upserts a whole batch; RETURNING names the rows written, and xmax = 0 marks fresh inserts.
_UPSERT = (
    f"INSERT INTO articles ({', '.join(COLUMNS)}, ingested_at, updated_at)"
    f" SELECT u.*, %(now)s, %(now)s FROM unnest({', '.join(f'%({c})s::{t}[]' for c, t in zip(COLUMNS, _TYPES))})"
    " AS u ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*COLUMNS[1:], "updated_at"))
    + " WHERE articles.content_hash <> excluded.content_hash RETURNING id, (xmax = 0) AS inserted"
)


_LOCK_ARTICLE = 7203  # advisory lock namespace: one writer per bucket of article ids at a time
# Ids share 256 buckets, so a transaction holds at most 256 locks (PostgreSQL's shared lock table is
# small); taking them in bucket order means writers of overlapping batches never wait in a cycle.
_LOCK_IDS = (
    "SELECT pg_advisory_xact_lock(%s, k) FROM (SELECT DISTINCT hashtext(id) & 255 AS k"
    " FROM unnest(%s::text[]) AS id) AS keys ORDER BY k"
)


def search_terms(query: str) -> str:
    """The words of a free-text query; punctuation and operators are dropped."""
    return " ".join(re.findall(r"\w+", query))


def upsert(conn: psycopg.Connection, articles: Sequence[Article], now: datetime) -> UpsertCounts:
    """Upsert ``articles`` in rounds of distinct ids; rewrite sentences of changed ones.

    Rows are inserted in the given order (``seq`` keeps ingestion order, which breaks ties in
    ``articles_since`` as SQLite's rowid does); deadlocks are avoided by first taking one advisory
    lock per bucket of ids in a single global order.
    """
    counts = UpsertCounts()
    conn.execute(_LOCK_IDS, (_LOCK_ARTICLE, list({a.id for a in articles})))
    for batch in _rounds(articles):
        written = conn.execute(_UPSERT, {**_columns(batch), "now": now}).fetchall()
        changed = {aid for aid, _ in written}
        inserted = sum(1 for _, fresh in written if fresh)
        _replace_sentences(conn, [a for a in batch if a.id in changed])
        counts = counts + UpsertCounts(inserted, len(written) - inserted, len(batch) - len(written))
    return counts


def _rounds(articles: Sequence[Article]) -> list[list[Article]]:
    """Split so no round holds an id twice (one INSERT may not touch a row twice); order is kept."""
    rounds: list[list[Article]] = []
    seen: dict[str, int] = {}
    for a in articles:
        n = seen[a.id] = seen.get(a.id, -1) + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(a)
    return rounds


def _columns(batch: Sequence[Article]) -> dict[str, list[object]]:
    rows = [
        (a.id, a.url, a.title, a.text, a.outlet, naive(a.published), a.language, a.content_hash, a.source,
         a.external_id)
        for a in batch
    ]
    return {name: [r[i] for r in rows] for i, name in enumerate(COLUMNS)}


def _replace_sentences(conn: psycopg.Connection, changed: Sequence[Article]) -> None:
    if not changed:
        return
    conn.execute("DELETE FROM sentences WHERE article_id = ANY(%s)", ([a.id for a in changed],))
    with conn.cursor().copy('COPY sentences (article_id, idx, start, "end") FROM STDIN') as copy:
        for a in changed:
            for s in a.sentences:
                copy.write_row((a.id, s.index, s.start, s.end))


def article(row: dict, sentences: tuple[Sentence, ...]) -> Article:
    """An Article from a row of ``SELECT`` and its sentence spans."""
    return Article(**{c: row[c] for c in COLUMNS}, sentences=sentences)


def naive(value: datetime | None) -> datetime | None:
    """Naive UTC, the pipeline's convention for stored times."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)
