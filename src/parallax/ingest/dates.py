"""Publication dates from the many ways sources write them, as naive UTC."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")


def naive_utc(value: datetime) -> datetime:
    """The same instant as a timezone-naive UTC datetime (naive input is taken as UTC)."""
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def parse_date(value: object) -> datetime | None:
    """A datetime from YYYY-MM-DD, ISO 8601, RFC 2822, a struct_time or a date; None if blank.

    Raises ``ValueError`` for a value that is present but unreadable.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return naive_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time.struct_time):
        return datetime(*value[:6])
    if not isinstance(value, str):
        raise ValueError(f"date {value!r} is not a string")  # noqa: TRY004 - one error type for every unusable date
    return _parse_text(value.strip())


def _parse_text(text: str) -> datetime:
    if _DAY.match(text):
        try:
            return datetime.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(f"date {text!r}: {exc}") from None
    try:
        return naive_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    if slashed := _SLASHED.match(text):
        return _slashed_date(text, *(int(part) for part in slashed.groups()))
    try:
        return naive_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"date {text!r} is not YYYY-MM-DD, ISO 8601 or RFC 2822") from None


def _slashed_date(text: str, first: int, second: int, year: int) -> datetime:
    """M/D/Y or D/M/Y, whichever the numbers allow; both possible and different is an error."""
    year += 0 if year >= 100 else (1900 if year >= 69 else 2000)  # the strptime %y pivot
    orders = {(m, d) for m, d in ((first, second), (second, first)) if m <= 12 and d <= 31}
    if len(orders) != 1:
        raise ValueError(f"date {text!r}: day and month order is ambiguous or impossible")
    month, day = orders.pop()
    try:
        return datetime(year, month, day)
    except ValueError as exc:
        raise ValueError(f"date {text!r}: {exc}") from None
