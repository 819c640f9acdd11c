"""PostgreSQL store: pgvector (HNSW per model), tsvector full-text search, numbered migrations.

Passes the same contract suite as SQLiteStore. Each thread gets its own connection, so
threads and processes write concurrently; every write is one transaction that locks rows
in id order, which keeps concurrent upserts of overlapping batches free of deadlocks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import TypeVar

import psycopg
from psycopg.rows import dict_row

from parallax.errors import StoreError
from parallax.models import Article, Failure, Outlet, Sentence, Story
from parallax.settings import mask_url
from parallax.store import pg_articles, pg_stories
from parallax.store.base import ArticleSummary, ArticleVersion, StoreCounts, StoredBrief, UpsertCounts
from parallax.store.outlet_rows import COLUMNS as OUTLET_COLUMNS
from parallax.store.outlet_rows import UPSERT_SET, outlet_from_row, outlet_values
from parallax.store.pg_analysis import PgAnalysisMixin
from parallax.store.pg_articles import naive
from parallax.store.pg_feedstate import PgFeedStateMixin
from parallax.store.pg_forecasts import PgForecastsMixin
from parallax.store.pg_listings import PgListingMixin
from parallax.store.pg_migrations import migrate
from parallax.store.pg_stream import PgStreamMixin
from parallax.store.pg_tables import PgTablesMixin
from parallax.store.pg_vectors import PgEmbeddingsMixin, register_vector

T = TypeVar("T")
_RETRIES = 3


class PostgresStore(PgAnalysisMixin, PgEmbeddingsMixin, PgFeedStateMixin, PgForecastsMixin, PgListingMixin,
                    PgStreamMixin, PgTablesMixin):
    """The store at scale: ``PostgresStore("postgresql://user@host/db")``."""

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()
        self._connections: list[psycopg.Connection] = []
        self._guard = threading.Lock()
        self._indexed: set[tuple[str, int]] = set()
        self._migrate()

    # -- plumbing ---------------------------------------------------------
    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {mask_url(self.url)}: {exc}") from exc

    def _conn(self) -> psycopg.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = self._connect()
            register_vector(conn)
            with self._guard:
                self._connections.append(conn)
            self._local.conn = conn
        return conn

    def _migrate(self) -> None:
        with self._connect() as conn:
            try:
                migrate(conn)
            except (psycopg.Error, ValueError) as exc:
                raise StoreError(f"{mask_url(self.url)}: migration failed: {exc}") from exc

    def _transact(self, work: Callable[[psycopg.Connection], T]) -> T:
        """Run ``work`` in one transaction; retry when PostgreSQL picks it as a deadlock victim."""
        for attempt in range(_RETRIES):
            conn = self._conn()
            try:
                with conn.transaction():
                    return work(conn)
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as exc:
                if attempt == _RETRIES - 1:
                    raise StoreError(f"{mask_url(self.url)}: {exc}") from exc
            except psycopg.Error as exc:
                raise StoreError(f"{mask_url(self.url)}: {exc}") from exc
        raise AssertionError("unreachable")

    def _query(self, query: object, params: Sequence[object] | dict = (), rows: object = None) -> list:
        try:
            with self._conn().cursor(row_factory=rows) if rows else self._conn().cursor() as cur:
                return cur.execute(query, params).fetchall()  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise StoreError(f"{mask_url(self.url)}: {exc}") from exc

    def schema_version(self) -> int:
        return int(self._query("SELECT version FROM parallax_schema")[0][0])

    def close(self) -> None:
        with self._guard:
            for conn in self._connections:
                conn.close()
            self._connections.clear()

    # -- outlets ----------------------------------------------------------
    def upsert_outlets(self, outlets: Iterable[Outlet]) -> int:
        rows = sorted(outlet_values(o) for o in outlets)
        marks = ",".join(["%s"] * len(OUTLET_COLUMNS))
        self._transact(lambda conn: conn.cursor().executemany(
            f"INSERT INTO outlets ({','.join(OUTLET_COLUMNS)}) VALUES ({marks})"
            f" ON CONFLICT (name) DO UPDATE SET {UPSERT_SET}", rows,
        ))
        return len(rows)

    def outlet(self, name: str) -> Outlet | None:
        rows = self._query("SELECT * FROM outlets WHERE name = %s", (name,), dict_row)
        return outlet_from_row(rows[0]) if rows else None

    def outlets(self) -> list[Outlet]:
        query = "SELECT * FROM outlets ORDER BY name COLLATE \"C\""
        return [outlet_from_row(r) for r in self._query(query, (), dict_row)]

    # -- articles ---------------------------------------------------------
    def upsert_articles(self, articles: Iterable[Article]) -> UpsertCounts:
        batch = list(articles)  # kept in order: ingestion order breaks published-time ties
        return self._transact(lambda conn: pg_articles.upsert(conn, batch, _now()))

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def articles(self, ids: Sequence[str]) -> list[Article]:
        found = {a.id: a for a in self._hydrate(pg_articles.SELECT + " WHERE id = ANY(%s)", (list(ids),))}
        return [found[i] for i in ids if i in found]

    def articles_since(self, since: datetime | None = None) -> list[Article]:
        """Articles in published order (undated last, then by ingestion)."""
        where, params = (" WHERE published >= %s", (naive(since),)) if since else ("", ())
        return self._hydrate(pg_articles.SELECT + where + " ORDER BY published NULLS LAST, seq", params)

    def article_versions(self, article_id: str) -> list[ArticleVersion]:
        """The earlier versions of an article, oldest first."""
        return [pg_articles.version(r) for r in self._query(pg_articles.VERSIONS, (article_id,))]

    def article_summaries(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Every stored article without its text, in the order they were first stored."""
        rows = self._query(pg_articles.SUMMARIES, (limit, offset))
        return [ArticleSummary(*r[:9], tuple(r[9] or ())) for r in rows]

    def search_articles(self, query: str, limit: int = 20) -> list[Article]:
        terms = pg_articles.search_terms(query)
        if not terms:
            return []
        return self._hydrate(pg_articles.SEARCH, {"terms": terms, "limit": limit})

    def _hydrate(self, query: str, params: Sequence[object] | dict) -> list[Article]:
        rows = self._query(query, params, dict_row)
        spans: dict[str, list[Sentence]] = {r["id"]: [] for r in rows}
        if spans:
            for aid, idx, start, end in self._query(pg_articles.SENTENCES, (list(spans),)):
                spans[aid].append(Sentence(idx, start, end))
        return [pg_articles.article(r, tuple(spans[r["id"]])) for r in rows]

    # -- stories ----------------------------------------------------------
    def save_stories(self, stories: Iterable[Story]) -> list[Story]:
        """Save stories; a story whose membership changed gets the next version."""
        batch = list(stories)
        return self._transact(lambda conn: pg_stories.save(conn, batch, _now()))

    def retire_stories(self, merged: dict[str, str]) -> None:
        """Mark stories that were merged into others (old id -> surviving id)."""
        rows = sorted((new, old) for old, new in merged.items())
        self._transact(lambda conn: conn.cursor().executemany(
            "UPDATE stories SET merged_into = %s WHERE id = %s", rows
        ))

    def _stories(self, query: str, params: Sequence[object]) -> list[Story]:
        rows = self._query(query, params, dict_row)
        members = self._query(pg_stories.MEMBERS, ([r["id"] for r in rows],)) if rows else []
        return pg_stories.assemble(rows, members)

    def story(self, story_id: str) -> Story | None:
        found = self._stories("SELECT * FROM stories WHERE id = %s", (story_id,))
        return found[0] if found else None

    def stories(self, limit: int = 100, offset: int = 0, order: str = "coverage") -> list[Story]:
        return self._stories(pg_stories.listing(order), (limit, offset))

    def story_versions(self, story_id: str) -> list[tuple[int, tuple[str, ...], datetime]]:
        rows = self._query(
            "SELECT version, article_ids, created_at FROM story_versions WHERE story_id = %s ORDER BY version",
            (story_id,),
        )
        return [(r[0], tuple(r[1]), r[2]) for r in rows]

    def story_successor(self, story_id: str) -> str | None:
        """The story a retired story was merged into; None for a standing or unknown story."""
        rows = self._query("SELECT merged_into FROM stories WHERE id = %s", (story_id,))
        return rows[0][0] if rows else None

    def stories_merged_into(self, story_id: str) -> list[str]:
        """Ids of the stories merged straight into ``story_id``."""
        rows = self._query('SELECT id FROM stories WHERE merged_into = %s ORDER BY id COLLATE "C"', (story_id,))
        return [r[0] for r in rows]

    def story_ids(self) -> list[str]:
        """Ids of the stories still standing (not merged away)."""
        return [r[0] for r in self._query("SELECT id FROM stories WHERE merged_into IS NULL ORDER BY id COLLATE \"C\"")]

    def story_of_article(self, article_id: str) -> str | None:
        rows = self._query(
            "SELECT sa.story_id FROM story_articles sa JOIN stories s ON s.id = sa.story_id"
            " WHERE sa.article_id = %s AND s.merged_into IS NULL ORDER BY sa.story_id COLLATE \"C\" LIMIT 1",
            (article_id,),
        )
        return rows[0][0] if rows else None

    # -- briefs -----------------------------------------------------------
    def save_brief(self, brief: StoredBrief) -> None:
        self._transact(lambda conn: conn.execute(
            "INSERT INTO briefs VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (story_id, story_version) DO UPDATE SET"
            " writer=excluded.writer, input_hash=excluded.input_hash, body=excluded.body,"
            " created_at=excluded.created_at",
            (brief.story_id, brief.story_version, brief.writer, brief.input_hash, pg_stories.json_body(brief.body),
             naive(brief.created_at)),
        ))

    def brief(self, story_id: str, version: int | None = None) -> StoredBrief | None:
        query = "SELECT * FROM briefs WHERE story_id = %s" + (" AND story_version = %s" if version else "")
        params = (story_id, version) if version else (story_id,)
        rows = self._query(query + " ORDER BY story_version DESC LIMIT 1", params, dict_row)
        return StoredBrief(**rows[0]) if rows else None

    def brief_versions(self, story_id: str) -> list[int]:
        rows = self._query("SELECT story_version FROM briefs WHERE story_id = %s ORDER BY story_version", (story_id,))
        return [r[0] for r in rows]

    def brief_writers(self, story_id: str) -> dict[int, str]:
        """``{story version: writer label}`` of the story's stored briefs."""
        rows = self._query("SELECT story_version, writer FROM briefs WHERE story_id = %s", (story_id,))
        return {r[0]: r[1] for r in rows}

    # -- failures and status ---------------------------------------------
    def record_failure(self, failure: Failure) -> None:
        at = naive(failure.at) or _now()
        self._transact(lambda conn: conn.execute(
            "INSERT INTO failures (stage, item, reason, at) VALUES (%s,%s,%s,%s)",
            (failure.stage, failure.item, failure.reason, at),
        ))

    def failures(self, limit: int = 100) -> list[Failure]:
        rows = self._query("SELECT stage, item, reason, at FROM failures ORDER BY id DESC LIMIT %s", (limit,))
        return [Failure(*r) for r in rows]

    def counts(self) -> StoreCounts:
        one = lambda query: int(self._query(query)[0][0])
        by_stage = {r[0]: r[1] for r in self._query("SELECT stage, COUNT(*) FROM failures GROUP BY stage")}
        return StoreCounts(
            outlets=one("SELECT COUNT(*) FROM outlets"),
            articles=one("SELECT COUNT(*) FROM articles"),
            stories=one("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL"),
            briefs=one("SELECT COUNT(DISTINCT story_id) FROM briefs"),
            failures=by_stage,
        )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
