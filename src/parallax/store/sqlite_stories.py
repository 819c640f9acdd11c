"""SQLite SQL for stories, their versions and their briefs."""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime

from parallax.models import Story
from parallax.store.base import StoredBrief, StoryMember, StoryOutline
from parallax.store.sqlite_rows import now_text, text_time, time_text

_STORY_ORDER = {
    "coverage": "outlet_count DESC, article_count DESC, last_published DESC",
    "recency": "last_published DESC, article_count DESC",
    "size": "article_count DESC, last_published DESC",
}

_RENEW = (
    "UPDATE stories SET version = version + 1, updated_at = ? WHERE merged_into IS NULL AND id IN"
    " (SELECT story_id FROM story_articles WHERE article_id IN (SELECT value FROM json_each(?))) RETURNING id, version"
)
_SAME_MEMBERS = "INSERT INTO story_versions SELECT story_id, ?, article_ids, ? FROM story_versions WHERE story_id = ? AND version = ?"


class StoriesMixin:
    """Stories keep a version per membership; briefs are kept per story version."""

    # -- stories ----------------------------------------------------------
    def save_stories(self, stories: Iterable[Story]) -> list[Story]:
        """Save stories; a story whose membership changed gets the next version."""
        saved: list[Story] = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                saved = [self._save_story(s) for s in stories]
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return saved

    def _renew_stories(self, article_ids: list[str], now: str) -> None:
        """Give each standing story holding a changed article a new version with the same members (inside the
        caller's transaction), so its brief is written again from the new text."""
        if not article_ids:
            return
        renewed = self._db.execute(_RENEW, (now, json.dumps(article_ids))).fetchall()
        self._db.executemany(_SAME_MEMBERS, [(version, now, story, version - 1) for story, version in renewed])

    def _save_story(self, story: Story) -> Story:
        row = self._db.execute("SELECT version FROM stories WHERE id = ?", (story.id,)).fetchone()
        members = tuple(sorted(story.article_ids))
        if row:
            old = self._db.execute(
                "SELECT article_ids FROM story_versions WHERE story_id = ? AND version = ?", (story.id, row[0])
            ).fetchone()
            same = old is not None and tuple(json.loads(old[0])) == members
            version = row[0] if same else row[0] + 1
        else:
            same, version = False, 1
        outlets = self._db.execute(
            f"SELECT COUNT(DISTINCT outlet) FROM articles WHERE id IN ({','.join('?' * len(members))})"
            " AND id NOT IN (SELECT value FROM json_each(?))",
            (*members, json.dumps([r for r, _ in story.reprints])),
        ).fetchone()[0]
        now = now_text()
        self._db.execute(
            "INSERT INTO stories VALUES (?,?,?,?,?,?,?,?,NULL) ON CONFLICT(id) DO UPDATE SET version=excluded.version,"
            " title=excluded.title, article_count=excluded.article_count, outlet_count=excluded.outlet_count,"
            " first_published=excluded.first_published, last_published=excluded.last_published,"
            " updated_at=CASE WHEN stories.version = excluded.version THEN stories.updated_at"
            " ELSE excluded.updated_at END, merged_into=NULL",
            (story.id, version, story.title, len(members), outlets, time_text(story.first_published),
             time_text(story.last_published), now),
        )
        if not same:
            self._db.execute("INSERT INTO story_versions VALUES (?,?,?,?)", (story.id, version, json.dumps(members), now))
        reprint_of = dict(story.reprints)
        self._db.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
        self._db.executemany(
            "INSERT INTO story_articles VALUES (?,?,?)", [(story.id, a, reprint_of.get(a)) for a in members]
        )
        return Story(story.id, tuple(story.article_ids), version, story.title, story.first_published,
                     story.last_published, text_time(now), story.reprints)

    def retire_stories(self, merged: dict[str, str]) -> None:
        """Mark stories that were merged into others (old id -> surviving id)."""
        self._write("UPDATE stories SET merged_into = ? WHERE id = ?", [(new, old) for old, new in merged.items()])

    def _story(self, row: sqlite3.Row) -> Story:
        members = self._query(
            "SELECT article_id, reprint_of FROM story_articles WHERE story_id = ? ORDER BY article_id", (row["id"],)
        )
        return Story(
            id=row["id"], article_ids=tuple(m[0] for m in members), version=row["version"], title=row["title"],
            first_published=text_time(row["first_published"]), last_published=text_time(row["last_published"]),
            updated_at=text_time(row["updated_at"]), reprints=tuple((m[0], m[1]) for m in members if m[1]),
        )

    def story(self, story_id: str) -> Story | None:
        rows = self._query("SELECT * FROM stories WHERE id = ?", (story_id,))
        return self._story(rows[0]) if rows else None

    def stories(self, limit: int = 100, offset: int = 0, order: str = "coverage") -> list[Story]:
        order_by = _STORY_ORDER.get(order)
        if order_by is None:
            raise ValueError(f"unknown story order {order!r}; valid: {', '.join(_STORY_ORDER)}")
        rows = self._query(
            f"SELECT * FROM stories WHERE merged_into IS NULL ORDER BY {order_by}, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [self._story(r) for r in rows]

    def story_versions(self, story_id: str) -> list[tuple[int, tuple[str, ...], datetime]]:
        rows = self._query(
            "SELECT version, article_ids, created_at FROM story_versions WHERE story_id = ? ORDER BY version",
            (story_id,),
        )
        return [(r[0], tuple(json.loads(r[1])), datetime.fromisoformat(r[2])) for r in rows]

    def story_outlines(self, newest: int = 0, before: datetime | None = None) -> list[StoryOutline]:
        """Standing stories with their members' outlets and dates, in one query (no article text): every one,
        or the ``newest`` by their last article (undated last), only those that ended ``before`` when given;
        the partial index ``stories_standing_newest`` reads just those."""
        chosen = "SELECT id FROM stories WHERE merged_into IS NULL" + (" AND last_published < ?" if before else "")
        chosen += " ORDER BY last_published DESC, id DESC" + (" LIMIT ?" if newest > 0 else "")
        params = ((time_text(before),) if before else ()) + ((newest,) if newest > 0 else ())
        rows = self._query(
            "SELECT s.id, s.version, s.first_published, s.last_published, sa.article_id, a.outlet, a.published,"
            f" sa.reprint_of, a.language FROM ({chosen}) c JOIN stories s ON s.id = c.id"
            " JOIN story_articles sa ON sa.story_id = s.id"
            " LEFT JOIN articles a ON a.id = sa.article_id ORDER BY s.id, sa.article_id", params
        )
        outlines = []
        for _, group in itertools.groupby(rows, key=lambda r: r[0]):
            members = list(group)
            first = members[0]
            outlines.append(StoryOutline(
                first[0], first[1], text_time(first[2]), text_time(first[3]),
                tuple(StoryMember(m[4], m[5] or "", text_time(m[6]), m[7], m[8] or "") for m in members),
            ))
        return outlines

    def story_successor(self, story_id: str) -> str | None:
        """The story a retired story was merged into; None for a standing or unknown story."""
        rows = self._query("SELECT merged_into FROM stories WHERE id = ?", (story_id,))
        return rows[0][0] if rows else None

    def stories_merged_into(self, story_id: str) -> list[str]:
        """Ids of the stories merged straight into ``story_id``."""
        return [r[0] for r in self._query("SELECT id FROM stories WHERE merged_into = ? ORDER BY id", (story_id,))]

    def story_ids(self) -> list[str]:
        """Ids of the stories still standing (not merged away)."""
        return [r[0] for r in self._query("SELECT id FROM stories WHERE merged_into IS NULL ORDER BY id")]

    def story_of_article(self, article_id: str) -> str | None:
        rows = self._query(
            "SELECT sa.story_id FROM story_articles sa JOIN stories s ON s.id = sa.story_id"
            " WHERE sa.article_id = ? AND s.merged_into IS NULL",
            (article_id,),
        )
        return rows[0][0] if rows else None

    # -- briefs -----------------------------------------------------------
    def save_brief(self, brief: StoredBrief) -> None:
        self._write(
            "INSERT OR REPLACE INTO briefs VALUES (?,?,?,?,?,?)",
            [(brief.story_id, brief.story_version, brief.writer, brief.input_hash,
              json.dumps(brief.body, ensure_ascii=False), brief.created_at.isoformat())],
        )

    def brief(self, story_id: str, version: int | None = None) -> StoredBrief | None:
        sql = "SELECT * FROM briefs WHERE story_id = ?" + (" AND story_version = ?" if version else "")
        rows = self._query(sql + " ORDER BY story_version DESC LIMIT 1", (story_id, version) if version else (story_id,))
        if not rows:
            return None
        r = rows[0]
        return StoredBrief(r["story_id"], r["story_version"], r["writer"], r["input_hash"], json.loads(r["body"]),
                           datetime.fromisoformat(r["created_at"]))

    def brief_versions(self, story_id: str) -> list[int]:
        rows = self._query("SELECT story_version FROM briefs WHERE story_id = ? ORDER BY story_version", (story_id,))
        return [r[0] for r in rows]

    def brief_writers(self, story_id: str) -> dict[int, str]:
        """``{story version: writer label}`` of the story's stored briefs."""
        rows = self._query("SELECT story_version, writer FROM briefs WHERE story_id = ?", (story_id,))
        return {r[0]: r[1] for r in rows}
