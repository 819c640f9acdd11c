"""PostgreSQL SQL for incremental runs: new articles past a watermark, the assignment state, one commit."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import numpy as np
import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Json

from parallax.models import Article, Story
from parallax.store import pg_articles, pg_stories
from parallax.store.pg_vectors import EF_SEARCH

_NEEDING_BRIEFS = (
    "SELECT s.* FROM stories s LEFT JOIN briefs b ON b.story_id = s.id AND b.story_version = s.version"
    " WHERE s.merged_into IS NULL AND (b.writer IS NULL OR b.writer != %(w)s) AND NOT EXISTS (SELECT 1 FROM"
    " brief_decisions d WHERE d.story_id = s.id AND d.story_version = s.version AND d.writer = %(w)s AND NOT d.rewritten)"
    " ORDER BY s.id COLLATE \"C\""
)
_STALE_PROFILES = (
    "SELECT t.outlet FROM outlet_totals t LEFT JOIN outlet_profiles p ON p.outlet = t.outlet"
    " WHERE p.outlet IS NULL OR p.version != t.version OR (p.body->>'n_articles')::int != t.articles"
    " ORDER BY t.outlet COLLATE \"C\""
)
_OUTLET_STORIES = (
    "SELECT COUNT(DISTINCT sa.story_id) FROM articles a JOIN story_articles sa ON sa.article_id = a.id"
    " JOIN stories s ON s.id = sa.story_id WHERE a.outlet = %s AND s.merged_into IS NULL"
)
_FROZEN_NEAREST = (
    "SELECT story_id, -(sketch <#> %(q)s) FROM frozen_stories WHERE name = %(name)s"
    " AND (last_day IS NULL OR last_day >= %(since)s) ORDER BY sketch <#> %(q)s LIMIT %(k)s"
)
_SKETCH_UPSERT = (
    "INSERT INTO frozen_stories VALUES (%s,%s,%s,%s) ON CONFLICT (name, story_id) DO UPDATE SET"
    " last_day = excluded.last_day, sketch = excluded.sketch"
)
_TOTALS_UPSERT = (
    "INSERT INTO outlet_totals VALUES (%s,%s,%s,%s) ON CONFLICT (outlet) DO UPDATE SET"
    " version = excluded.version, articles = excluded.articles, body = excluded.body"
)


class PgStreamMixin:
    """The watermark is ``articles.seq``, the identity that keeps ingestion order."""

    def articles_after(self, watermark: int) -> tuple[int, list[Article]]:
        """(the highest ingest sequence read, articles ingested after ``watermark`` in published order)."""
        top = self._query("SELECT MAX(seq) FROM articles")[0][0]
        if top is None or top <= watermark:
            return watermark, []
        where = " WHERE seq > %s AND seq <= %s ORDER BY published NULLS LAST, seq"
        return int(top), self._hydrate(pg_articles.SELECT + where, (watermark, top))

    def cluster_state(self, name: str) -> tuple[int, bytes] | None:
        """(watermark, body) of the assignment state saved under ``name``."""
        rows = self._query("SELECT watermark, body FROM cluster_state WHERE name = %s", (name,))
        return (int(rows[0][0]), bytes(rows[0][1])) if rows else None

    def commit_stories(self, stories: Iterable[Story], merged: dict[str, str], state: tuple[str, int, bytes],
                       reopened: Sequence[tuple[str, str]] = (), totals=(), frozen=()) -> list[Story]:
        """Save changed stories, retire merged ones, the outlets' totals, the state (name, watermark, body) and
        the sketches of the stories it froze, at once; a reopened or retired story's sketch goes."""
        batch, now = list(stories), datetime.now(UTC).replace(tzinfo=None, microsecond=0)

        def work(conn: psycopg.Connection) -> list[Story]:
            saved = pg_stories.save(conn, batch, now)
            with conn.cursor() as cur:
                cur.executemany("UPDATE stories SET merged_into = %s WHERE id = %s",
                                sorted((new, old) for old, new in merged.items()))
                cur.executemany("INSERT INTO story_reopenings VALUES (%s,%s,%s) ON CONFLICT DO NOTHING",
                                [(s, a, now) for s, a in reopened])
                cur.executemany(_TOTALS_UPSERT, [(o, v, n, Json(b)) for o, v, n, b in totals])
                _save_sketches(cur, state[0], {*merged, *(s for s, _ in reopened)}, frozen)
            _save_state(conn, state, now)
            return saved

        return self._transact(work)

    def frozen_nearest(self, name: str, sketch: np.ndarray, since: float | None, k: int) -> list[tuple[str, float]]:
        """Up to ``k`` frozen stories by the cosine of their sketch with ``sketch``, highest first, among those whose
        last article is on or after day ``since`` (or undated): pgvector's HNSW index on inner product."""
        def run(conn: psycopg.Connection) -> list[tuple[str, float]]:
            conn.execute(f"SET LOCAL hnsw.ef_search = {EF_SEARCH}")
            rows = conn.execute(_FROZEN_NEAREST, {"q": np.asarray(sketch, np.float32), "name": name,
                                                  "since": -math.inf if since is None else since, "k": k})
            return [(r[0], float(r[1])) for r in rows.fetchall()]

        return self._transact(run)

    def story_reopenings(self, story_id: str | None = None) -> list[tuple[str, str]]:
        """(story id, article id) for each frozen story (``story_id`` only, when given) that a later article reopened."""
        where, params = (" WHERE story_id = %s", (story_id,)) if story_id else ("", ())
        rows = self._query(f"SELECT story_id, article_id FROM story_reopenings{where}"
                           " ORDER BY at, story_id COLLATE \"C\"", params)
        return [(r[0], r[1]) for r in rows]

    def stories_needing_briefs(self, writer: str) -> list[Story]:
        """Standing stories whose current version has no brief by ``writer`` and no decision to keep its last one."""
        rows = self._query(_NEEDING_BRIEFS, {"w": writer}, dict_row)
        members = self._query(pg_stories.MEMBERS, ([r["id"] for r in rows],)) if rows else []
        return pg_stories.assemble(rows, members)

    def outlet_totals(self, outlets: Sequence[str], version: str) -> dict[str, dict]:
        """The running profile totals of ``outlets`` kept for ``version`` of the scorer."""
        rows = self._query("SELECT outlet, body FROM outlet_totals WHERE version = %s AND outlet = ANY(%s)",
                           (version, list(outlets)))
        return {r[0]: r[1] for r in rows}

    def stale_outlet_profiles(self) -> list[str]:
        """Outlets whose stored profile is missing or counts other articles than their totals."""
        return [r[0] for r in self._query(_STALE_PROFILES)]

    def outlet_story_count(self, outlet: str) -> int:
        """How many standing stories hold an article of ``outlet``."""
        return int(self._query(_OUTLET_STORIES, (outlet,))[0][0])


def _save_sketches(cur: psycopg.Cursor, name: str, gone: set[str], frozen) -> None:
    cur.execute("DELETE FROM frozen_stories WHERE name != %s", (name,))
    cur.executemany("DELETE FROM frozen_stories WHERE name = %s AND story_id = %s", [(name, s) for s in sorted(gone)])
    cur.executemany(_SKETCH_UPSERT, sorted((name, s, day, np.asarray(v, np.float32)) for s, day, v in frozen))


def _save_state(conn: psycopg.Connection, state: tuple[str, int, bytes], now: datetime) -> None:
    name, watermark, body = state
    conn.execute("DELETE FROM cluster_state WHERE name != %s", (name,))
    conn.execute(
        "INSERT INTO cluster_state VALUES (%s,%s,%s,%s) ON CONFLICT (name) DO UPDATE SET"
        " watermark = excluded.watermark, body = excluded.body, saved_at = excluded.saved_at",
        (name, watermark, body, now),
    )
