"""PostgreSQL twin of ``analysis.py``: per-article, per-story and per-outlet JSON bodies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from parallax.models import Article
from parallax.store.pg_stories import json_body

_ARTICLE_UPSERT = (
    "INSERT INTO article_analysis VALUES (%s,%s,%s,%s,%s) ON CONFLICT (article_id, kind) DO UPDATE SET"
    " version=excluded.version, content_hash=excluded.content_hash, body=excluded.body"
)
_BLOB_UPSERT = (
    "INSERT INTO article_blobs VALUES (%s,%s,%s,%s,%s) ON CONFLICT (article_id, kind) DO UPDATE SET"
    " version=excluded.version, content_hash=excluded.content_hash, body=excluded.body"
)
_DECISION_UPSERT = (
    "INSERT INTO brief_decisions VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (story_id, story_version, writer)"
    " DO UPDATE SET rewritten=excluded.rewritten, reason=excluded.reason, at=excluded.at"
)
_STORY_UPSERT = (
    "INSERT INTO story_analysis VALUES (%s,%s,%s,%s,%s) ON CONFLICT (story_id, kind) DO UPDATE SET"
    " story_version=excluded.story_version, version=excluded.version, body=excluded.body"
)
_PROFILE_UPSERT = (
    "INSERT INTO outlet_profiles VALUES (%s,%s,%s,%s) ON CONFLICT (outlet) DO UPDATE SET"
    " version=excluded.version, computed_at=excluded.computed_at, body=excluded.body"
)


class PgAnalysisMixin:
    """Stored analysis keyed by what produced it (kind + algorithm version), for ``PostgresStore``."""

    def save_article_analysis(self, kind: str, version: str, rows: Iterable[tuple[Article, dict]]) -> None:
        """Replace each article's body of ``kind``; rows are written in id order (one lock order)."""
        batch = sorted(((a.id, kind, version, a.content_hash, json_body(body)) for a, body in rows),
                       key=lambda r: r[0])
        self._transact(lambda conn: conn.cursor().executemany(_ARTICLE_UPSERT, batch))

    def _valid_rows(self, table: str, column: str, kind: str, version: str, articles: Sequence[Article]):
        """(article id, ``column``) of the rows of ``kind`` and ``version`` stored for ``articles``' current content."""
        wanted = {a.id: a.content_hash for a in articles}
        rows = self._query(f"SELECT article_id, content_hash, {column} FROM {table}"
                           " WHERE kind = %s AND version = %s AND article_id = ANY(%s)", (kind, version, list(wanted)))
        return [(aid, value) for aid, digest, value in rows if wanted[aid] == digest]

    def article_analysis(self, kind: str, version: str, articles: Sequence[Article]) -> dict[str, dict]:
        """Bodies still valid for each article's current content and this version."""
        return dict(self._valid_rows("article_analysis", "body", kind, version, articles))

    def save_article_blobs(self, kind: str, version: str, rows: Iterable[tuple[Article, bytes]]) -> None:
        """Replace each article's bytes of ``kind``; rows are written in id order (one lock order)."""
        batch = sorted(((a.id, kind, version, a.content_hash, body) for a, body in rows), key=lambda r: r[0])
        self._transact(lambda conn: conn.cursor().executemany(_BLOB_UPSERT, batch))

    def article_blobs(self, kind: str, version: str, articles: Sequence[Article]) -> dict[str, bytes]:
        """Bytes still valid for each article's current content and this version."""
        return {aid: bytes(body) for aid, body in self._valid_rows("article_blobs", "body", kind, version, articles)}

    def article_blob_ids(self, kind: str, version: str, articles: Sequence[Article]) -> set[str]:
        """The ids of ``articles`` whose bytes of ``kind`` are stored and valid (``article_blobs`` without the bytes)."""
        return {aid for aid, _ in self._valid_rows("article_blobs", "NULL", kind, version, articles)}

    def drop_article_blobs(self, story_ids: Sequence[str]) -> None:
        """Forget the stored bytes of the articles of ``story_ids`` (frozen: no brief of theirs is due)."""
        self._transact(lambda conn: conn.execute(
            "DELETE FROM article_blobs WHERE article_id IN (SELECT article_id FROM story_articles"
            " WHERE story_id = ANY(%s))", (list(story_ids),)))

    def save_brief_decision(self, story_id: str, story_version: int, writer: str, rewritten: bool, reason: str) -> None:
        now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        self._transact(lambda conn: conn.execute(_DECISION_UPSERT, (story_id, story_version, writer, rewritten, reason,
                                                                    now)))

    def brief_decisions(self, story_id: str) -> list[tuple[int, str, bool, str]]:
        """(story version, writer, rewritten, why) of each decision on the story's brief, oldest first."""
        rows = self._query("SELECT story_version, writer, rewritten, reason FROM brief_decisions WHERE story_id = %s"
                           " ORDER BY story_version, writer COLLATE \"C\"", (story_id,))
        return [(r[0], r[1], bool(r[2]), r[3]) for r in rows]

    def save_story_analysis(self, story_id: str, story_version: int, kind: str, version: str, body: dict) -> None:
        """Replace the story's body of ``kind``, noting the story version it was computed for."""
        self._transact(lambda conn: conn.execute(
            _STORY_UPSERT, (story_id, story_version, kind, version, json_body(body))
        ))

    def story_analysis(self, story_id: str, kind: str) -> tuple[int, dict] | None:
        """(story version it was computed for, body), or None."""
        rows = self._query(
            "SELECT story_version, body FROM story_analysis WHERE story_id = %s AND kind = %s", (story_id, kind)
        )
        return (rows[0][0], rows[0][1]) if rows else None

    def save_outlet_profile(self, outlet: str, version: str, body: dict) -> None:
        """Replace an outlet's profile."""
        now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        self._transact(lambda conn: conn.execute(_PROFILE_UPSERT, (outlet, version, now, json_body(body))))

    def outlet_profile(self, outlet: str) -> dict | None:
        """The outlet's profile body, or None."""
        rows = self._query("SELECT body FROM outlet_profiles WHERE outlet = %s", (outlet,))
        return rows[0][0] if rows else None
