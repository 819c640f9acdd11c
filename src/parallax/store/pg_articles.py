"""Article SQL for the PostgreSQL store: batched upserts with change detection, search, rows to Articles."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime

import psycopg
from psycopg.rows import dict_row

from parallax.models import Article, Sentence
from parallax.store.base import ArticleVersion, UpsertCounts
from parallax.store.versions import plan_upserts

COLUMNS = ("id", "url", "title", "text", "outlet", "published", "language", "content_hash", "source", "external_id",
           "date_precision", "notes", "version")
_TYPES = ("text", "text", "text", "text", "text", "timestamp", "text", "text", "text", "text", "text", "json",
          "integer")
_VERSION_COLUMNS = ("article_id", "version", "title", "text", "outlet", "published", "date_precision",
                    "content_hash", "source", "changed", "replaced_at")

SELECT = f"SELECT {', '.join(COLUMNS)} FROM articles"
SENTENCES = 'SELECT article_id, idx, start, "end" FROM sentences WHERE article_id = ANY(%s) ORDER BY article_id, idx'
# plainto_tsquery ANDs the stemmed terms, like the SQLite store's FTS5 phrase list.
SEARCH = (
    f"SELECT {', '.join(COLUMNS)} FROM articles, plainto_tsquery('english', %(terms)s) AS q"
    " WHERE search @@ q ORDER BY ts_rank(search, q) DESC, seq LIMIT %(limit)s"
)

# One statement inserts a whole batch of new articles, in the given order (``seq`` keeps it).
_INSERT = (
    f"INSERT INTO articles ({', '.join(COLUMNS)}, ingested_at, updated_at)"
    f" SELECT u.*, %(now)s, %(now)s FROM unnest({', '.join(f'%({c})s::{t}[]' for c, t in zip(COLUMNS, _TYPES))})"
    " AS u"
)
_UPDATE = (f"UPDATE articles SET {', '.join(f'{c} = %s' for c in COLUMNS[1:])}, updated_at = %s WHERE id = %s")
_REPLACED = f"INSERT INTO article_versions ({', '.join(_VERSION_COLUMNS)}) VALUES ({', '.join(['%s'] * 11)})"


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
    """Merge ``articles`` into the stored ones (see ``plan_upserts``); rewrite sentences of changed ones.

    New rows are inserted in the given order (``seq`` keeps ingestion order, which breaks ties in
    ``articles_since`` as SQLite's rowid does); deadlocks are avoided by first taking one advisory
    lock per bucket of ids in a single global order.
    """
    ids = list(dict.fromkeys(a.id for a in articles))
    conn.execute(_LOCK_IDS, (_LOCK_ARTICLE, ids))
    stored = {r["id"]: article(r, ()) for r in conn.cursor(row_factory=dict_row).execute(SELECT + " WHERE id = ANY(%s)",
                                                                                       (ids,))}
    plan = plan_upserts(articles, stored)
    cursor = conn.cursor()
    if plan.inserts:
        conn.execute(_INSERT, {**_columns(plan.inserts), "now": now})
    cursor.executemany(_REPLACED, [(v.article_id, v.version, v.title, v.text, v.outlet, naive(v.published),
                                    v.date_precision, v.content_hash, v.source, ",".join(v.changed), now)
                                   for v in plan.replaced])
    cursor.executemany(_UPDATE, [(*_values(a)[1:], now, a.id) for a in plan.updates])
    _renew_stories(conn, [a.id for a in plan.updates], now)
    _replace_sentences(conn, plan.rewritten)
    return plan.counts


_RENEW = (
    "UPDATE stories SET version = version + 1, updated_at = %s WHERE merged_into IS NULL AND id IN"
    " (SELECT story_id FROM story_articles WHERE article_id = ANY(%s)) RETURNING id, version"
)
_SAME_MEMBERS = ("INSERT INTO story_versions SELECT story_id, %s, article_ids, %s FROM story_versions"
                 " WHERE story_id = %s AND version = %s")


def _renew_stories(conn: psycopg.Connection, article_ids: list[str], now: datetime) -> None:
    """Give each standing story holding a changed article a new version with the same members, so its brief
    is written again from the new text."""
    if not article_ids:
        return
    renewed = conn.execute(_RENEW, (now, article_ids)).fetchall()
    conn.cursor().executemany(_SAME_MEMBERS, [(version, now, story, version - 1) for story, version in renewed])


def _values(a: Article) -> tuple:
    return (a.id, a.url, a.title, a.text, a.outlet, naive(a.published), a.language, a.content_hash, a.source,
            a.external_id, a.date_precision, json.dumps(list(a.notes), ensure_ascii=False), a.version)


def _columns(batch: Sequence[Article]) -> dict[str, list[object]]:
    rows = [_values(a) for a in batch]
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
    values = {c: row[c] for c in COLUMNS}
    notes = values["notes"]
    values["notes"] = tuple(json.loads(notes) if isinstance(notes, str) else notes or ())
    return Article(**values, sentences=sentences)


def version(row: Sequence) -> ArticleVersion:
    """An ArticleVersion from a row of ``VERSIONS``."""
    return ArticleVersion(*row[:5], row[5], row[6], row[7], row[8], tuple(filter(None, row[9].split(","))), row[10])


VERSIONS = f"SELECT {', '.join(_VERSION_COLUMNS)} FROM article_versions WHERE article_id = %s ORDER BY version"
SUMMARIES = ("SELECT id, url, outlet, published, date_precision, language, title, length(text), version, notes"
             " FROM articles ORDER BY seq LIMIT %s OFFSET %s")


def naive(value: datetime | None) -> datetime | None:
    """Naive UTC, the pipeline's convention for stored times."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)
