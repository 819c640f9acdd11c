"""Publication dates as newsrooms write them, as naive UTC with their precision.

``read_date`` never raises: a date it cannot use is *unknown*, with the reason, and the
article is kept. It reads ISO 8601 (also ``2024-04``: month, ``2024``: year), RFC 2822,
epoch seconds or milliseconds, day/month/year with slashes when only one order is
possible, and everything else through ``dateparser`` in the languages we cluster
(``15 March 2024``, ``23 марта 2024``, ``2024年3月15日``, ``vor 2 Stunden``). Relative dates
count back from the fetch time. Placeholders (the Unix epoch, 1900-01-01, 9999-12-31,
...) and dates more than a day after the fetch are unknown, with the reason.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

# the languages of the real-news development set (Norwegian is 'nb' to dateparser); English last,
# so that a word it only knows as a time-zone abbreviation ('Mart' in Turkish) reads as a month
DATE_LANGUAGES = ("ar", "bg", "de", "es", "fa", "fr", "hi", "it", "ja", "ka", "mk", "nb", "nl", "pl", "pt",
                  "ru", "sl", "tr", "uk", "uz", "zh", "en")
PRECISIONS = ("time", "day", "month", "year")
MAX_DATE_CHARS = 200
FUTURE_SLACK = timedelta(days=1)
OLDEST = datetime(1800, 1, 1)
# the days software writes when it has no date: zero values of common epochs, and the end of time
PLACEHOLDER_DAYS = (date(1970, 1, 1), date(1969, 12, 31), date(1900, 1, 1), date(1899, 12, 30),
                    date(1899, 12, 31), date(1601, 1, 1), date(1, 1, 1), date(9999, 12, 31))

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
                  re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_DIGITS = re.compile(r"[+-]?\d+(?:\.\d+)?")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_TZ_WORD = re.compile(r"(?:[+-]\d{2}:?\d{2}|\bZ\b|\b(?:UTC|GMT|[ECMP][SD]T|BST|CES?T|EES?T|WES?T|MSK|IST|JST|KST"
                      r"|AES?T|AEDT|HKT|SGT|WIB)\b)")
_PERIODS = {"time": "time", "day": "day", "week": "day", "month": "month", "year": "year"}


@dataclass(frozen=True)
class DateReading:
    """A date as read: the instant (naive UTC), how precise it is, and why it is unknown if it is."""

    when: datetime | None = None
    precision: str = ""  # one of PRECISIONS; "" when unknown
    warning: str = ""  # set when a date was given but is not used

    @property
    def note(self) -> str:
        return f"date: {self.warning}" if self.warning else ""


def naive_utc(value: datetime) -> datetime:
    """The same instant as a timezone-naive UTC datetime (naive input is taken as UTC)."""
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def read_date(value: object, now: datetime | None = None) -> DateReading:
    """The date ``value`` gives, checked against ``now`` (the fetch time, naive UTC; default: now)."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    try:
        reading = _read(value, now)
    except (ValueError, OverflowError, OSError, TypeError, IndexError) as exc:
        reading = _unknown(value, f"cannot be read ({exc})")
    return _checked(reading, value, now) if reading.when else reading


def _read(value: object, now: datetime) -> DateReading:
    if value is None or value == "":
        return DateReading()
    if isinstance(value, datetime):
        return DateReading(naive_utc(value), "time")
    if isinstance(value, date):
        return DateReading(datetime(value.year, value.month, value.day), "day")
    if isinstance(value, time.struct_time):
        return DateReading(datetime(*value[:6]), "time")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return _unknown(value, f"a {type(value).__name__} is not a date")
    return _read_text(str(value).strip(), now)


def _read_text(text: str, now: datetime) -> DateReading:
    if len(text) > MAX_DATE_CHARS:
        return _unknown(text, f"longer than {MAX_DATE_CHARS} characters")
    for reader in (_iso, _epoch, _slashed, _rfc2822):
        if (reading := reader(text)) is not None:
            return reading
    return _dateparser(text, now)


def _iso(text: str) -> DateReading | None:
    if _ISO.fullmatch(text):
        parsed = datetime.fromisoformat(text.replace(",", ".").replace(" ", "T", 1).replace("z", "Z"))
        return DateReading(naive_utc(parsed), "day" if len(text) == 10 else "time")
    if month := _MONTH.fullmatch(text):
        return DateReading(datetime(int(month.group(1)), int(month.group(2)), 1), "month")
    if _YEAR.fullmatch(text):
        return DateReading(datetime(int(text), 1, 1), "year")
    return None


def _epoch(text: str) -> DateReading | None:
    """Seconds (9-10 digits) or milliseconds (12-13 digits) since 1970; 8 digits are YYYYMMDD."""
    if not _DIGITS.fullmatch(text):
        return None
    whole = text.lstrip("+-").split(".")[0]
    if len(whole) == 8 and text.isdigit():
        return DateReading(datetime.strptime(text, "%Y%m%d"), "day")
    if len(whole) in (12, 13):
        return DateReading(_from_epoch(float(text) / 1000), "time")
    if len(whole) in (9, 10):
        return DateReading(_from_epoch(float(text)), "time")
    return _unknown(text, "a number that is neither epoch seconds nor milliseconds")


def _from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def _slashed(text: str) -> DateReading | None:
    """M/D/Y or D/M/Y, whichever the numbers allow; both possible and different is unknown."""
    found = _SLASHED.fullmatch(text)
    if not found:
        return None
    first, second, year = (int(part) for part in found.groups())
    year += 0 if year >= 100 else (1900 if year >= 69 else 2000)  # the strptime %y pivot
    orders = {(m, d) for m, d in ((first, second), (second, first)) if m <= 12 and d <= 31}
    if len(orders) != 1:
        return _unknown(text, "day and month order is ambiguous or impossible")
    month, day = orders.pop()
    return DateReading(datetime(year, month, day), "day")


def _rfc2822(text: str) -> DateReading | None:
    try:
        return DateReading(naive_utc(parsedate_to_datetime(text)), "time")
    except (TypeError, ValueError, IndexError):
        return None


def _dateparser(text: str, now: datetime) -> DateReading:
    found = _parser(DATE_LANGUAGES, now).get_date_data(text)
    if found.date_obj is not None and found.date_obj.tzinfo is not None and not _TZ_WORD.search(text):
        found = _without_zone_words(text, now) or found
    if found.date_obj is None:
        return _unknown(text, "not a date in any known format or language")
    return DateReading(naive_utc(found.date_obj), _PERIODS.get(found.period or "day", "day"))


def _without_zone_words(text: str, now: datetime):
    """A reading in one language that takes no word for a time zone ('Mart' is March in Turkish,
    not Marquesas time, which every locale would otherwise read it as)."""
    for language in DATE_LANGUAGES:
        found = _parser((language,), now).get_date_data(text)
        if found.date_obj is not None and found.date_obj.tzinfo is None:
            return found
    return None


def _parser(languages: tuple[str, ...], now: datetime):
    from dateparser.date import DateDataParser  # its locale data loads once per process, on first use

    return DateDataParser(languages=list(languages), settings={
        "RELATIVE_BASE": now, "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True,
        "REQUIRE_PARTS": ["year"], "DATE_ORDER": "DMY"})


def _checked(reading: DateReading, value: object, now: datetime) -> DateReading:
    when = reading.when
    assert when is not None
    if when.date() in PLACEHOLDER_DAYS:
        return _unknown(value, f"{when.date().isoformat()} is a placeholder, not a publication date")
    if when > now + FUTURE_SLACK:
        return _unknown(value, f"{when.isoformat(sep=' ')} is more than a day after it was fetched")
    if when < OLDEST:
        return _unknown(value, f"{when.date().isoformat()} is before {OLDEST.year}")
    return reading


def _unknown(value: object, reason: str) -> DateReading:
    shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
    return DateReading(None, "", f"{shown} stored as unknown: {reason}")
