"""How SQLite rows spell times: naive UTC ISO 8601 strings. Every SQLite module uses these."""

from __future__ import annotations

from datetime import UTC, datetime


def now_text() -> str:
    """The current UTC time as stored."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def time_text(value: datetime | None) -> str | None:
    """A datetime as stored (None stays None)."""
    return value.isoformat() if value else None


def text_time(value: str | None) -> datetime | None:
    """A stored time back as a datetime (None or "" gives None)."""
    return datetime.fromisoformat(value) if value else None
