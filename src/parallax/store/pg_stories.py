"""Story SQL for the PostgreSQL store: versioned saves, reprint-aware outlet counts, listings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import partial

import psycopg
from psycopg.types.json import Json

from parallax.models import Story
from parallax.store.pg_articles import naive

_LOCK_STORY = 7202  # advisory lock namespace: one writer per story id at a time
# NULLS LAST on descending times: SQLite sorts NULL lowest, PostgreSQL highest.
_ORDER = {
    "coverage": "outlet_count DESC, article_count DESC, last_published DESC NULLS LAST",
    "recency": "last_published DESC NULLS LAST, article_count DESC",
    "size": "article_count DESC, last_published DESC NULLS LAST",
}
MEMBERS = (
    "SELECT story_id, article_id, reprint_of FROM story_articles WHERE story_id = ANY(%s)"
    " ORDER BY story_id, article_id COLLATE \"C\""
)
_UPSERT = (
    "INSERT INTO stories VALUES (%s,%s,%s,%s,%s,%s,%s,%s,NULL) ON CONFLICT (id) DO UPDATE SET"
    " version=excluded.version, title=excluded.title, article_count=excluded.article_count,"
    " outlet_count=excluded.outlet_count, first_published=excluded.first_published,"
    " last_published=excluded.last_published, updated_at=CASE WHEN stories.version = excluded.version"
    " THEN stories.updated_at ELSE excluded.updated_at END, merged_into=NULL"
)


def listing(order: str) -> str:
    """SQL for standing stories in ``order``, with LIMIT and OFFSET parameters."""
    order_by = _ORDER.get(order)
    if order_by is None:
        raise ValueError(f"unknown story order {order!r}; valid: {', '.join(_ORDER)}")
    return f"SELECT * FROM stories WHERE merged_into IS NULL ORDER BY {order_by}, id COLLATE \"C\" LIMIT %s OFFSET %s"


def save(conn: psycopg.Connection, stories: Sequence[Story], now: datetime) -> list[Story]:
    """Save ``stories`` in one transaction, each story id locked first, in sorted order."""
    for story_id in sorted({s.id for s in stories}):
        conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_LOCK_STORY, story_id))
    return [_save_one(conn, s, now) for s in stories]


def _save_one(conn: psycopg.Connection, story: Story, now: datetime) -> Story:
    members = tuple(sorted(story.article_ids))
    version, same = _next_version(conn, story.id, members)
    reprints = [r for r, _ in story.reprints]
    outlets = conn.execute(
        "SELECT COUNT(DISTINCT outlet) FROM articles WHERE id = ANY(%s) AND NOT (id = ANY(%s))",
        (list(members), reprints),
    ).fetchone()[0]
    conn.execute(_UPSERT, (story.id, version, story.title, len(members), outlets, naive(story.first_published),
                           naive(story.last_published), now))
    if not same:
        conn.execute("INSERT INTO story_versions VALUES (%s,%s,%s,%s)", (story.id, version, list(members), now))
    reprint_of = dict(story.reprints)
    conn.execute("DELETE FROM story_articles WHERE story_id = %s", (story.id,))
    conn.cursor().executemany(
        "INSERT INTO story_articles VALUES (%s,%s,%s)", [(story.id, a, reprint_of.get(a)) for a in members]
    )
    return Story(story.id, tuple(story.article_ids), version, story.title, story.first_published,
                 story.last_published, now, story.reprints)


def _next_version(conn: psycopg.Connection, story_id: str, members: tuple[str, ...]) -> tuple[int, bool]:
    """The version to save under, and whether membership is unchanged from the current one."""
    row = conn.execute(
        "SELECT s.version, v.article_ids FROM stories s LEFT JOIN story_versions v"
        " ON v.story_id = s.id AND v.version = s.version WHERE s.id = %s",
        (story_id,),
    ).fetchone()
    if row is None:
        return 1, False
    same = row[1] is not None and tuple(row[1]) == members
    return (row[0] if same else row[0] + 1), same


def assemble(rows: Sequence[dict], members: Sequence[tuple[str, str, str | None]]) -> list[Story]:
    """Stories from ``stories`` rows and their ``MEMBERS`` rows, in the order of ``rows``."""
    by_story: dict[str, list[tuple[str, str | None]]] = {r["id"]: [] for r in rows}
    for story_id, article_id, reprint_of in members:
        by_story[story_id].append((article_id, reprint_of))
    return [
        Story(
            id=r["id"], article_ids=tuple(a for a, _ in by_story[r["id"]]), version=r["version"], title=r["title"],
            first_published=r["first_published"], last_published=r["last_published"], updated_at=r["updated_at"],
            reprints=tuple((a, o) for a, o in by_story[r["id"]] if o),
        )
        for r in rows
    ]


def json_body(body: dict) -> Json:
    """A brief body as JSON, keeping non-ASCII text as written (like the SQLite store)."""
    return Json(body, dumps=partial(json.dumps, ensure_ascii=False))
