"""SQLite store: WAL, FTS5 full-text search, numbered migrations, upserts."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

import numpy as np

from parallax.errors import StoreError
from parallax.models import Article, Failure, Outlet, Sentence
from parallax.store.analysis import AnalysisMixin
from parallax.store.base import ArticleSummary, ArticleVersion, StoreCounts, UpsertCounts
from parallax.store.feedstate import FeedStateMixin
from parallax.store.forecasts import ForecastsMixin
from parallax.store.migrations import MIGRATIONS
from parallax.store.outlet_rows import COLUMNS as OUTLET_COLUMNS
from parallax.store.outlet_rows import UPSERT_SET, outlet_from_row, outlet_values
from parallax.store.sqlite_rows import now_text, text_time, time_text
from parallax.store.sqlite_stories import StoriesMixin
from parallax.store.sqlite_stream import StreamMixin
from parallax.store.sqlite_tables import SQLiteTablesMixin
from parallax.store.versions import plan_upserts

_ARTICLE_COLUMNS = ("id, url, title, text, outlet, published, language, content_hash, source, external_id,"
                    " date_precision, notes, version")
_VERSION_COLUMNS = ("article_id, version, title, text, outlet, published, date_precision, content_hash, source,"
                    " changed, replaced_at")


class SQLiteStore(StoriesMixin, StreamMixin, AnalysisMixin, FeedStateMixin, ForecastsMixin, SQLiteTablesMixin):
    """The default store. One connection, guarded by a lock, shared by threads."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        self._db.row_factory = sqlite3.Row
        try:
            self._check_ours()
            self._db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA busy_timeout = 10000")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{self.path}: not a parallax database ({exc})") from None
        self._migrate()

    def _check_ours(self) -> None:
        """Refuse a SQLite file that another program made (tables, but none of our schema versions)."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 3")]
        if version == 0 and tables:
            raise sqlite3.DatabaseError(f"a SQLite database of another program, with tables {', '.join(tables)}")

    # -- plumbing ---------------------------------------------------------
    def _migrate(self) -> None:
        with self._lock:
            current = self._db.execute("PRAGMA user_version").fetchone()[0]
            if current > len(MIGRATIONS):
                raise StoreError(f"{self.path}: schema version {current} is newer than this parallax")
            for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
                try:
                    self._db.executescript(f"BEGIN;\n{migration()}\nPRAGMA user_version = {number};\nCOMMIT;")
                except sqlite3.Error as exc:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise StoreError(f"{self.path}: migration {number} failed: {exc}") from exc

    def _write(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def schema_version(self) -> int:
        return int(self._query("PRAGMA user_version")[0][0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- outlets ----------------------------------------------------------
    def upsert_outlets(self, outlets: Iterable[Outlet]) -> int:
        rows = [outlet_values(o) for o in outlets]
        marks = ",".join("?" * len(OUTLET_COLUMNS))
        self._write(f"INSERT INTO outlets ({','.join(OUTLET_COLUMNS)}) VALUES ({marks})"
                    f" ON CONFLICT(name) DO UPDATE SET {UPSERT_SET}", rows)
        return len(rows)

    def outlet(self, name: str) -> Outlet | None:
        rows = self._query("SELECT * FROM outlets WHERE name = ?", (name,))
        return outlet_from_row(dict(rows[0])) if rows else None

    def outlets(self) -> list[Outlet]:
        return [outlet_from_row(dict(r)) for r in self._query("SELECT * FROM outlets ORDER BY name")]

    # -- articles ---------------------------------------------------------
    def upsert_articles(self, articles: Iterable[Article]) -> UpsertCounts:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                counts = self._upsert_batch(list(articles))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return counts

    def _upsert_batch(self, articles: list[Article]) -> UpsertCounts:
        """Merge ``articles`` into the stored ones (inside the caller's transaction): see ``plan_upserts``."""
        stored = {a.id: a for a in self._stored_articles([a.id for a in articles])}
        plan = plan_upserts(articles, stored)
        now = now_text()
        self._db.executemany(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}, ingested_at, updated_at) VALUES ({','.join('?' * 15)})",
            [(*_row(a), now, now) for a in plan.inserts])
        self._db.executemany(
            f"INSERT INTO article_versions ({_VERSION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(v.article_id, v.version, v.title, v.text, v.outlet, time_text(v.published), v.date_precision,
              v.content_hash, v.source, ",".join(v.changed), now) for v in plan.replaced])
        self._db.executemany(
            f"UPDATE articles SET {', '.join(c.strip() + '=?' for c in _ARTICLE_COLUMNS.split(',')[1:])},"
            " updated_at=? WHERE id=?", [(*_row(a)[1:], now, a.id) for a in plan.updates])
        self._renew_stories([a.id for a in plan.updates], now)
        rewritten = plan.rewritten
        self._db.executemany("DELETE FROM sentences WHERE article_id = ?", [(a.id,) for a in rewritten])
        self._db.executemany('INSERT INTO sentences (article_id, idx, start, "end") VALUES (?,?,?,?)',
                             [(a.id, s.index, s.start, s.end) for a in rewritten for s in a.sentences])
        return plan.counts

    def _stored_articles(self, ids: list[str]) -> list[Article]:
        """Stored articles without their sentences (what merging needs)."""
        found = []
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            marks = ",".join("?" * len(chunk))
            found += [_article(r, ()) for r in self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk)]
        return found

    def article_versions(self, article_id: str) -> list[ArticleVersion]:
        """The earlier versions of an article, oldest first."""
        rows = self._query(f"SELECT {_VERSION_COLUMNS} FROM article_versions WHERE article_id = ? ORDER BY version",
                           (article_id,))
        return [ArticleVersion(*r[:5], text_time(r[5]), r[6], r[7], r[8], tuple(filter(None, r[9].split(","))),
                               text_time(r[10])) for r in rows]

    def article_summaries(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Every stored article without its text, in the order they were first stored."""
        rows = self._query(
            "SELECT id, url, outlet, published, date_precision, language, title, length(text), version, notes"
            " FROM articles ORDER BY rowid LIMIT ? OFFSET ?", (-1 if limit is None else limit, offset))
        return [ArticleSummary(r[0], r[1], r[2], text_time(r[3]), *r[4:9], tuple(json.loads(r[9]))) for r in rows]

    def _hydrate(self, rows: list[sqlite3.Row]) -> list[Article]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        spans: dict[str, list[Sentence]] = {i: [] for i in ids}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for s in self._query(
                f'SELECT article_id, idx, start, "end" FROM sentences WHERE article_id IN ({marks})'
                " ORDER BY article_id, idx",
                chunk,
            ):
                spans[s[0]].append(Sentence(s[1], s[2], s[3]))
        return [_article(r, tuple(spans[r["id"]])) for r in rows]

    def article(self, article_id: str) -> Article | None:
        found = self._hydrate(self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)))
        return found[0] if found else None

    def articles(self, ids: Sequence[str]) -> list[Article]:
        found: dict[str, Article] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            rows = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk)
            found.update((a.id, a) for a in self._hydrate(rows))
        return [found[i] for i in ids if i in found]

    def articles_since(self, since: datetime | None = None) -> list[Article]:
        """Articles in published order (undated last, then by ingestion)."""
        where, params = ("WHERE published >= ?", (since.isoformat(),)) if since else ("", ())
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles {where}"
            " ORDER BY published IS NULL, published, rowid",
            params,
        )
        return self._hydrate(rows)

    def search_articles(self, query: str, limit: int = 20) -> list[Article]:
        terms = re.findall(r"\w+", query)
        if not terms:
            return []
        match = " ".join(f'"{t}"' for t in terms)
        rows = self._query(
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))} FROM articles_fts"
            " JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return self._hydrate(rows)

    def outlet_articles(self, outlet: str, limit: int = 20) -> list[Article]:
        """An outlet's articles, newest first (undated last)."""
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE outlet = ?"
            " ORDER BY published IS NULL, published DESC, rowid DESC LIMIT ?",
            (outlet, limit),
        )
        return self._hydrate(rows)

    def article_counts_by_outlet(self) -> dict[str, int]:
        """How many articles each outlet name has."""
        return {r[0]: r[1] for r in self._query("SELECT outlet, COUNT(*) FROM articles GROUP BY outlet")}

    # -- embeddings -------------------------------------------------------
    def save_embeddings(self, model: str, rows: Iterable[tuple[str, str, np.ndarray]]) -> None:
        self._write(
            "INSERT OR REPLACE INTO embeddings VALUES (?,?,?,?,?)",
            [(aid, model, digest, int(v.shape[0]), np.asarray(v, np.float32).tobytes()) for aid, digest, v in rows],
        )

    def embeddings(self, model: str, articles: Sequence[Article]) -> dict[str, np.ndarray]:
        """Stored vectors whose content hash still matches the article."""
        wanted = {a.id: a.content_hash for a in articles}
        found: dict[str, np.ndarray] = {}
        for chunk in _chunks(list(wanted), 500):
            marks = ",".join("?" * len(chunk))
            for aid, digest, blob in self._query(
                f"SELECT article_id, content_hash, vector FROM embeddings WHERE model = ? AND article_id IN ({marks})",
                (model, *chunk),
            ):
                if wanted[aid] == digest:
                    found[aid] = np.frombuffer(blob, dtype=np.float32)
        return found

    def nearest(
        self, model: str, vector: np.ndarray, k: int, since: datetime | None = None
    ) -> list[tuple[str, float]]:
        """The k stored articles most similar (cosine) to ``vector``, most similar first (exact, numpy)."""
        query = np.asarray(vector, np.float32).ravel()
        dated, params = (" AND a.published >= ?", (since.isoformat(),)) if since else ("", ())
        rows = self._query(
            "SELECT e.article_id, e.vector FROM embeddings e JOIN articles a"
            " ON a.id = e.article_id AND a.content_hash = e.content_hash"
            f" WHERE e.model = ? AND e.dim = ?{dated}",
            (model, query.shape[0], *params),
        )
        if not rows or k <= 0:
            return []
        matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
        norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
        similarity = matrix @ query / np.where(norms == 0, 1.0, norms)
        candidates = np.argpartition(-similarity, k - 1)[:k] if k < len(rows) else range(len(rows))
        top = sorted(candidates, key=lambda i: (-similarity[i], rows[i][0]))
        return [(rows[i][0], float(similarity[i])) for i in top]

    # -- failures and status ---------------------------------------------
    def record_failure(self, failure: Failure) -> None:
        at = time_text(failure.at) or now_text()
        self._write("INSERT INTO failures (stage, item, reason, at) VALUES (?,?,?,?)",
                    [(failure.stage, failure.item, failure.reason, at)])

    def failures(self, limit: int = 100) -> list[Failure]:
        rows = self._query("SELECT stage, item, reason, at FROM failures ORDER BY id DESC LIMIT ?", (limit,))
        return [Failure(r[0], r[1], r[2], text_time(r[3])) for r in rows]

    def counts(self) -> StoreCounts:
        one = lambda sql: int(self._query(sql)[0][0])
        by_stage = {r[0]: r[1] for r in self._query("SELECT stage, COUNT(*) FROM failures GROUP BY stage")}
        return StoreCounts(
            outlets=one("SELECT COUNT(*) FROM outlets"),
            articles=one("SELECT COUNT(*) FROM articles"),
            stories=one("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL"),
            briefs=one("SELECT COUNT(DISTINCT story_id) FROM briefs"),
            failures=by_stage,
        )


def _article(row: sqlite3.Row, sentences: tuple[Sentence, ...]) -> Article:
    return Article(
        id=row["id"], url=row["url"], title=row["title"], text=row["text"], outlet=row["outlet"],
        published=text_time(row["published"]), language=row["language"], content_hash=row["content_hash"],
        sentences=sentences, source=row["source"], external_id=row["external_id"],
        date_precision=row["date_precision"], notes=tuple(json.loads(row["notes"])), version=row["version"],
    )


def _row(a: Article) -> tuple:
    """An article's values in ``_ARTICLE_COLUMNS`` order."""
    return (a.id, a.url, a.title, a.text, a.outlet, time_text(a.published), a.language, a.content_hash, a.source,
            a.external_id, a.date_precision, json.dumps(list(a.notes), ensure_ascii=False), a.version)


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
