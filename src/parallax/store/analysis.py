"""SQLite SQL for derived analysis: per-article, per-story and per-outlet JSON bodies."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from parallax.models import Article


class AnalysisMixin:
    """Stored analysis keyed by what produced it (kind + algorithm version)."""

    def save_article_analysis(self, kind: str, version: str, rows: Iterable[tuple[Article, dict]]) -> None:
        self._write(
            "INSERT OR REPLACE INTO article_analysis VALUES (?,?,?,?,?)",
            [(a.id, kind, version, a.content_hash, json.dumps(body, ensure_ascii=False)) for a, body in rows],
        )

    def _valid_rows(self, table: str, column: str, kind: str, version: str, articles: Sequence[Article]):
        """(article id, ``column``) of the rows of ``kind`` and ``version`` stored for ``articles``' current content."""
        wanted = {a.id: a.content_hash for a in articles}
        ids = list(wanted)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self._query(f"SELECT article_id, content_hash, {column} FROM {table} WHERE kind = ? AND version = ?"
                               f" AND article_id IN ({','.join('?' * len(chunk))})", (kind, version, *chunk))
            yield from ((r[0], r[2]) for r in rows if wanted[r[0]] == r[1])

    def article_analysis(self, kind: str, version: str, articles: Sequence[Article]) -> dict[str, dict]:
        """Bodies still valid for each article's current content and this version."""
        return {aid: json.loads(body) for aid, body in self._valid_rows("article_analysis", "body", kind, version,
                                                                         articles)}

    def save_article_blobs(self, kind: str, version: str, rows: Iterable[tuple[Article, bytes]]) -> None:
        self._write("INSERT OR REPLACE INTO article_blobs VALUES (?,?,?,?,?)",
                    [(a.id, kind, version, a.content_hash, body) for a, body in rows])

    def article_blobs(self, kind: str, version: str, articles: Sequence[Article]) -> dict[str, bytes]:
        """Bytes still valid for each article's current content and this version."""
        return {aid: bytes(body) for aid, body in self._valid_rows("article_blobs", "body", kind, version, articles)}

    def article_blob_ids(self, kind: str, version: str, articles: Sequence[Article]) -> set[str]:
        """The ids of ``articles`` whose bytes of ``kind`` are stored and valid (``article_blobs`` without the bytes)."""
        return {aid for aid, _ in self._valid_rows("article_blobs", "NULL", kind, version, articles)}

    def drop_article_blobs(self, story_ids: Sequence[str]) -> None:
        """Forget the stored bytes of the articles of ``story_ids`` (frozen: no brief of theirs is due)."""
        for i in range(0, len(story_ids), 500):
            chunk = list(story_ids[i : i + 500])
            self._write(f"DELETE FROM article_blobs WHERE article_id IN (SELECT article_id FROM story_articles"
                        f" WHERE story_id IN ({','.join('?' * len(chunk))}))", [tuple(chunk)])

    def save_brief_decision(self, story_id: str, story_version: int, writer: str, rewritten: bool, reason: str) -> None:
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
        self._write("INSERT OR REPLACE INTO brief_decisions VALUES (?,?,?,?,?,?)",
                    [(story_id, story_version, writer, int(rewritten), reason, now)])

    def brief_decisions(self, story_id: str) -> list[tuple[int, str, bool, str]]:
        """(story version, writer, rewritten, why) of each decision on the story's brief, oldest first."""
        rows = self._query("SELECT story_version, writer, rewritten, reason FROM brief_decisions WHERE story_id = ?"
                           " ORDER BY story_version, writer", (story_id,))
        return [(r[0], r[1], bool(r[2]), r[3]) for r in rows]

    def save_story_analysis(self, story_id: str, story_version: int, kind: str, version: str, body: dict) -> None:
        self._write(
            "INSERT OR REPLACE INTO story_analysis VALUES (?,?,?,?,?)",
            [(story_id, story_version, kind, version, json.dumps(body, ensure_ascii=False))],
        )

    def story_analysis(self, story_id: str, kind: str) -> tuple[int, dict] | None:
        """(story version it was computed for, body), or None."""
        rows = self._query(
            "SELECT story_version, body FROM story_analysis WHERE story_id = ? AND kind = ?", (story_id, kind)
        )
        return (rows[0][0], json.loads(rows[0][1])) if rows else None

    def save_outlet_profile(self, outlet: str, version: str, body: dict) -> None:
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
        self._write("INSERT OR REPLACE INTO outlet_profiles VALUES (?,?,?,?)",
                    [(outlet, version, now, json.dumps(body, ensure_ascii=False))])

    def outlet_profile(self, outlet: str) -> dict | None:
        rows = self._query("SELECT body FROM outlet_profiles WHERE outlet = ?", (outlet,))
        return json.loads(rows[0][0]) if rows else None
