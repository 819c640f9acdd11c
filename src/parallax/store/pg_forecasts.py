"""PostgreSQL twin of ``forecasts.py``: forecasts and the resolutions proposed for them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from psycopg.types.json import Json

from parallax.forecast.records import Forecast, Proposal
from parallax.store.forecasts import FORECAST_COLUMNS, PROPOSAL_COLUMNS
from parallax.store.pg_articles import naive

_UPDATES = ", ".join(f"{c.strip()}=excluded.{c.strip()}" for c in FORECAST_COLUMNS.split(",")[1:])
_FORECAST_UPSERT = (f"INSERT INTO forecasts ({FORECAST_COLUMNS}) VALUES ({','.join(['%s'] * 23)})"
                    f" ON CONFLICT (id) DO UPDATE SET {_UPDATES}")
_PROPOSAL_UPSERT = (
    f"INSERT INTO forecast_proposals ({PROPOSAL_COLUMNS}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)"
    " ON CONFLICT (forecast_id, article_id) DO UPDATE SET verdict=excluded.verdict, confidence=excluded.confidence,"
    " evidence=excluded.evidence, reason=excluded.reason, status=excluded.status, created_at=excluded.created_at"
)


def _seconds(value: datetime | None) -> datetime | None:
    value = naive(value)
    return value.replace(microsecond=0) if value else None


def _row(f: Forecast) -> tuple:
    return (f.id, f.story_id, f.story_version, f.text, f.proposition, f.criteria, _seconds(f.made_at),
            _seconds(f.resolve_by), f.horizon, f.probability, f.base_probability, f.model, f.reason,
            Json(list(f.citations)), f.topic, f.source_kind, f.ownership, Json(list(f.outlets)), f.status,
            _seconds(f.resolved_at), f.note, Json(list(f.evidence)), _seconds(f.updated_at))


def _forecast(r: tuple) -> Forecast:
    return Forecast(
        id=r[0], story_id=r[1], story_version=r[2], text=r[3], proposition=r[4], criteria=r[5], made_at=r[6],
        resolve_by=r[7], horizon=r[8], probability=r[9], base_probability=r[10], model=r[11], reason=r[12],
        citations=tuple(r[13]), topic=r[14], source_kind=r[15], ownership=r[16], outlets=tuple(r[17]),
        status=r[18], resolved_at=r[19], note=r[20], evidence=tuple(r[21]), updated_at=r[22])


class PgForecastsMixin:
    """The forecast ledger for ``PostgresStore`` (uses its ``_query`` and ``_transact``)."""

    def save_forecasts(self, forecasts: Iterable[Forecast]) -> None:
        """Insert or replace forecasts whole, in id order (one lock order)."""
        rows = sorted((_row(f) for f in forecasts), key=lambda r: r[0])
        self._transact(lambda conn: conn.cursor().executemany(_FORECAST_UPSERT, rows))

    def forecast(self, forecast_id: str) -> Forecast | None:
        """One forecast by id, or None."""
        rows = self._query(f"SELECT {FORECAST_COLUMNS} FROM forecasts WHERE id = %s", (forecast_id,))
        return _forecast(rows[0]) if rows else None

    def forecasts(self, status: str | None = None, story_id: str | None = None) -> list[Forecast]:
        """Forecasts, newest first; ``status`` 'open', 'resolved' or one outcome; optionally of one story."""
        clauses, params = [], []
        if status == "resolved":
            clauses.append("status <> 'open'")
        elif status:
            clauses, params = ["status = %s"], [status]
        if story_id:
            clauses.append("story_id = %s")
            params.append(story_id)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self._query(f'SELECT {FORECAST_COLUMNS} FROM forecasts {where} ORDER BY made_at DESC, id COLLATE "C"',
                           params)
        return [_forecast(r) for r in rows]

    def save_proposals(self, proposals: Iterable[Proposal]) -> None:
        """Insert or replace proposed resolutions (one per forecast and evidence article)."""
        now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        rows = sorted(((p.forecast_id, p.article_id, p.verdict, p.confidence, Json(list(p.evidence)), p.reason,
                        p.status, _seconds(p.created_at) or now) for p in proposals), key=lambda r: r[:2])
        self._transact(lambda conn: conn.cursor().executemany(_PROPOSAL_UPSERT, rows))

    def proposals(self, forecast_id: str | None = None, status: str | None = None) -> list[Proposal]:
        """Proposed resolutions, most confident first; optionally of one forecast or one status."""
        clauses = [c for c, v in (("forecast_id = %s", forecast_id), ("status = %s", status)) if v is not None]
        params = [v for v in (forecast_id, status) if v is not None]
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self._query(f"SELECT {PROPOSAL_COLUMNS} FROM forecast_proposals {where}"
                           ' ORDER BY confidence DESC, forecast_id COLLATE "C", article_id COLLATE "C"', params)
        return [Proposal(r[0], r[1], r[2], r[3], tuple(r[4]), r[5], r[6], r[7]) for r in rows]
