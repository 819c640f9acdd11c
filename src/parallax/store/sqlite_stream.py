"""SQLite SQL for incremental runs: new articles past a watermark, the assignment state, one commit."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence

import numpy as np

from parallax.models import Article, Story
from parallax.store.sqlite_rows import now_text

_COLUMNS = ("rowid, id, url, title, text, outlet, published, language, content_hash, source, external_id,"
            " date_precision, notes, version")
_NEEDING_BRIEFS = (
    "SELECT s.* FROM stories s LEFT JOIN briefs b ON b.story_id = s.id AND b.story_version = s.version"
    " WHERE s.merged_into IS NULL AND (b.writer IS NULL OR b.writer != ?1) AND NOT EXISTS (SELECT 1 FROM"
    " brief_decisions d WHERE d.story_id = s.id AND d.story_version = s.version AND d.writer = ?1 AND d.rewritten = 0) ORDER BY s.id"
)
_STALE_PROFILES = (
    "SELECT t.outlet FROM outlet_totals t LEFT JOIN outlet_profiles p ON p.outlet = t.outlet"
    " WHERE p.outlet IS NULL OR p.version != t.version OR json_extract(p.body, '$.n_articles') != t.articles"
    " ORDER BY t.outlet"
)
_OUTLET_STORIES = (
    "SELECT COUNT(DISTINCT sa.story_id) FROM articles a JOIN story_articles sa ON sa.article_id = a.id"
    " JOIN stories s ON s.id = sa.story_id WHERE a.outlet = ? AND s.merged_into IS NULL"
)

RunTotals = Sequence[tuple[str, str, int, dict]]  # (outlet, version, articles, body)
Frozen = Sequence[tuple[str, float | None, np.ndarray]]  # (story id, day of its last article, unit sketch)


class StreamMixin:
    """The watermark is the articles' rowid: ingestion order, kept when an article is updated."""

    def articles_after(self, watermark: int) -> tuple[int, list[Article]]:
        """(the highest ingest sequence read, articles ingested after ``watermark`` in published order)."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM articles WHERE rowid > ? ORDER BY published IS NULL, published, rowid",
            (watermark,),
        )
        return max((r[0] for r in rows), default=watermark), self._hydrate(rows)

    def cluster_state(self, name: str) -> tuple[int, bytes] | None:
        """(watermark, body) of the assignment state saved under ``name``."""
        rows = self._query("SELECT watermark, body FROM cluster_state WHERE name = ?", (name,))
        return (int(rows[0][0]), bytes(rows[0][1])) if rows else None

    def commit_stories(self, stories: Iterable[Story], merged: dict[str, str], state: tuple[str, int, bytes],
                       reopened: Sequence[tuple[str, str]] = (), totals: RunTotals = (),
                       frozen: Frozen = ()) -> list[Story]:
        """Save changed stories, retire merged ones, the outlets' totals, the state (name, watermark, body) and
        the sketches of the stories it froze, at once; a reopened or retired story's sketch goes."""
        name, watermark, body = state
        now = now_text()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                saved = [self._save_story(s) for s in stories]
                self._db.executemany("UPDATE stories SET merged_into = ? WHERE id = ?",
                                     [(new, old) for old, new in merged.items()])
                self._db.executemany("INSERT OR IGNORE INTO story_reopenings VALUES (?,?,?)",
                                     [(s, a, now) for s, a in reopened])
                self._db.executemany("INSERT OR REPLACE INTO outlet_totals VALUES (?,?,?,?)",
                                     [(o, v, n, json.dumps(b, ensure_ascii=False)) for o, v, n, b in totals])
                self._db.execute("DELETE FROM frozen_stories WHERE name != ?", (name,))
                self._db.executemany("DELETE FROM frozen_stories WHERE name = ? AND story_id = ?",
                                     [(name, s) for s in {*merged, *(s for s, _ in reopened)}])
                self._db.executemany("INSERT OR REPLACE INTO frozen_stories VALUES (?,?,?,?)",
                                     [(name, s, day, np.asarray(v, np.float32).tobytes()) for s, day, v in frozen])
                self._frozen = None
                self._db.execute("DELETE FROM cluster_state WHERE name != ?", (name,))
                self._db.execute("INSERT OR REPLACE INTO cluster_state VALUES (?,?,?,?)", (name, watermark, body, now))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return saved

    def frozen_nearest(self, name: str, sketch: np.ndarray, since: float | None, k: int) -> list[tuple[str, float]]:
        """Up to ``k`` frozen stories by the cosine of their sketch with ``sketch``, highest first, among those whose
        last article is on or after day ``since`` (or undated). The sketches since then are read once and kept
        until the next commit; the search is exact over them."""
        low = since if since is not None else -math.inf
        loaded = getattr(self, "_frozen", None)
        if loaded is None or loaded[0] != name or loaded[1] > low:
            loaded = self._frozen = (name, low, *self._sketches_since(name, low))
        ids, days, matrix = loaded[2:]
        if not ids:
            return []
        cosines = matrix @ np.asarray(sketch, np.float32)
        if low > loaded[1]:
            cosines[days < low] = -np.inf
        top = np.argpartition(-cosines, k - 1)[:k] if k < len(ids) else np.arange(len(ids))
        top = top[np.argsort(-cosines[top], kind="stable")]
        return [(ids[i], float(cosines[i])) for i in top if np.isfinite(cosines[i])]

    def _sketches_since(self, name: str, low: float) -> tuple[list[str], np.ndarray, np.ndarray]:
        rows = self._query("SELECT story_id, last_day, sketch FROM frozen_stories WHERE name = ?"
                           " AND (last_day IS NULL OR last_day >= ?)", (name, low))
        matrix = np.frombuffer(b"".join(r[2] for r in rows), np.float32).reshape(len(rows), -1) if rows else None
        return [r[0] for r in rows], np.array([math.inf if r[1] is None else r[1] for r in rows]), matrix

    def story_reopenings(self, story_id: str | None = None) -> list[tuple[str, str]]:
        """(story id, article id) for each frozen story (``story_id`` only, when given) that a later article reopened."""
        where, params = (" WHERE story_id = ?", (story_id,)) if story_id else ("", ())
        rows = self._query(f"SELECT story_id, article_id FROM story_reopenings{where} ORDER BY at", params)
        return [(r[0], r[1]) for r in rows]

    def stories_needing_briefs(self, writer: str) -> list[Story]:
        """Standing stories whose current version has no brief by ``writer`` and no decision to keep its last one."""
        return [self._story(r) for r in self._query(_NEEDING_BRIEFS, (writer,))]

    def outlet_totals(self, outlets: Sequence[str], version: str) -> dict[str, dict]:
        """The running profile totals of ``outlets`` kept for ``version`` of the scorer."""
        rows = self._query(
            f"SELECT outlet, body FROM outlet_totals WHERE version = ? AND outlet IN ({','.join('?' * len(outlets))})",
            (version, *outlets),
        )
        return {r[0]: json.loads(r[1]) for r in rows}

    def stale_outlet_profiles(self) -> list[str]:
        """Outlets whose stored profile is missing or counts other articles than their totals."""
        return [r[0] for r in self._query(_STALE_PROFILES)]

    def outlet_story_count(self, outlet: str) -> int:
        """How many standing stories hold an article of ``outlet``."""
        return int(self._query(_OUTLET_STORIES, (outlet,))[0][0])
