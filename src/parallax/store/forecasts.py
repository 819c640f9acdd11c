"""SQLite SQL for the forecast ledger: forecasts and the resolutions proposed for them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from parallax.forecast.records import Forecast, Proposal
from parallax.store.sqlite_rows import text_time, time_text

FORECAST_COLUMNS = (
    "id, story_id, story_version, text, proposition, criteria, made_at, resolve_by, horizon, probability,"
    " base_probability, model, reason, citations, topic, source_kind, ownership, outlets, status, resolved_at,"
    " note, evidence, updated_at"
)
PROPOSAL_COLUMNS = "forecast_id, article_id, verdict, confidence, evidence, reason, status, created_at"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def forecast_row(f: Forecast) -> tuple:
    """A forecast as the column values of ``FORECAST_COLUMNS`` (times as ISO text, tuples as JSON)."""
    return (f.id, f.story_id, f.story_version, f.text, f.proposition, f.criteria, time_text(f.made_at),
            time_text(f.resolve_by), f.horizon, f.probability, f.base_probability, f.model, f.reason,
            _json(list(f.citations)), f.topic, f.source_kind, f.ownership, _json(list(f.outlets)), f.status,
            time_text(f.resolved_at), f.note, _json(list(f.evidence)), time_text(f.updated_at))


def _forecast(r: sqlite3.Row) -> Forecast:
    return Forecast(
        id=r[0], story_id=r[1], story_version=r[2], text=r[3], proposition=r[4], criteria=r[5],
        made_at=text_time(r[6]), resolve_by=text_time(r[7]), horizon=r[8], probability=r[9], base_probability=r[10],
        model=r[11], reason=r[12], citations=tuple(json.loads(r[13])), topic=r[14], source_kind=r[15],
        ownership=r[16], outlets=tuple(json.loads(r[17])), status=r[18], resolved_at=text_time(r[19]), note=r[20],
        evidence=tuple(json.loads(r[21])), updated_at=text_time(r[22]))


def _proposal(r: sqlite3.Row) -> Proposal:
    return Proposal(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5], r[6], text_time(r[7]))


class ForecastsMixin:
    """The forecast ledger for ``SQLiteStore`` (uses its ``_query`` and ``_write``)."""

    def save_forecasts(self, forecasts: Iterable[Forecast]) -> None:
        """Insert or replace forecasts whole (the ledger decides what changes)."""
        marks = ",".join("?" * 23)
        self._write(f"INSERT OR REPLACE INTO forecasts ({FORECAST_COLUMNS}) VALUES ({marks})",
                    [forecast_row(f) for f in forecasts])

    def forecast(self, forecast_id: str) -> Forecast | None:
        """One forecast by id, or None."""
        rows = self._query(f"SELECT {FORECAST_COLUMNS} FROM forecasts WHERE id = ?", (forecast_id,))
        return _forecast(rows[0]) if rows else None

    def forecasts(self, status: str | None = None, story_id: str | None = None) -> list[Forecast]:
        """Forecasts, newest first; ``status`` 'open', 'resolved' or one outcome; optionally of one story."""
        where, params = _filters(status, story_id)
        rows = self._query(f"SELECT {FORECAST_COLUMNS} FROM forecasts {where} ORDER BY made_at DESC, id", params)
        return [_forecast(r) for r in rows]

    def save_proposals(self, proposals: Iterable[Proposal]) -> None:
        """Insert or replace proposed resolutions (one per forecast and evidence article)."""
        rows = [(p.forecast_id, p.article_id, p.verdict, p.confidence, _json(list(p.evidence)), p.reason,
                 p.status, time_text(p.created_at) or time_text(datetime.now(UTC).replace(tzinfo=None))) for p in proposals]
        self._write(f"INSERT OR REPLACE INTO forecast_proposals ({PROPOSAL_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)", rows)

    def proposals(self, forecast_id: str | None = None, status: str | None = None) -> list[Proposal]:
        """Proposed resolutions, most confident first; optionally of one forecast or one status."""
        clauses = [c for c, v in (("forecast_id = ?", forecast_id), ("status = ?", status)) if v is not None]
        params = [v for v in (forecast_id, status) if v is not None]
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self._query(f"SELECT {PROPOSAL_COLUMNS} FROM forecast_proposals {where}"
                           " ORDER BY confidence DESC, forecast_id, article_id", params)
        return [_proposal(r) for r in rows]


def _filters(status: str | None, story_id: str | None) -> tuple[str, list]:
    clauses, params = [], []
    if status == "resolved":
        clauses.append("status != 'open'")
    elif status:
        clauses.append("status = ?")
        params.append(status)
    if story_id:
        clauses.append("story_id = ?")
        params.append(story_id)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
