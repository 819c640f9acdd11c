"""From an outcome sentence to a checkable proposition: what must happen, by when, and how to tell.

``proposition`` strips the attribution ("X warned that ...") and states the claim plainly
("could exceed" -> "will exceed"); ``horizon`` reads the deadline in the words ("by
mid-October", "within 48 hours", "on 11 November", "next week") relative to the date the
statement was published, and falls back to ``DEFAULT_HORIZON_DAYS`` when it names none.
``is_forecast`` rejects sentences that look back ("had said ... would") or look nowhere.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

DEFAULT_HORIZON_DAYS = 90
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH = "(" + "|".join(_MONTHS) + ")"
_DAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}
_VAGUE_DAYS = {"days": 7, "weeks": 42, "months": 180}
_COMING_DAYS = {"days": 10, "weeks": 42, "months": 180}

FORWARD = re.compile(r"\b(will|would|could|might|may(?!\s+\d)|shall|expected to|expects?|likely|unlikely|set to|"
                     r"plans? to|scheduled|poised to|on track|due to|intends? to|vow(s|ed)? to|promised to)\b", re.IGNORECASE)
_LOOKS_BACK = re.compile(r"\bhad (said|warned|predicted|promised|forecast|expected|pledged|vowed|declared)\b|"
                         r"\bcontradict|\bmaking good on\b|\bas (\w+ )?(had )?(expected|predicted|forecast)\b", re.IGNORECASE)
_REPORTING = (r"said|says|warned|warns|told reporters|announced|announces|predicted|predicts|estimated|"
              r"added|insisted|promised|pledged|vowed|suggested|signalled|argued")
_LEADING = re.compile(rf"^(?P<speaker>[^\"“”]{{2,120}}?)\s+(?:has |have |had )?(?:{_REPORTING})"
                      rf"(?:\s+on \w+)?(?:,)?\s+(?:that\s+)?(?P<claim>.+)$", re.IGNORECASE)
_TRAILING = re.compile(rf"^[\"“](?P<claim>.+?)[,.]?[\"”],?\s+(?P<speaker>[^,]{{2,80}}?)\s+(?:{_REPORTING})\b.*$", re.IGNORECASE)
_TAIL = re.compile(rf",[\"”]?\s+(?P<speaker>[^,\"“”]{{2,60}}?)\s+(?:{_REPORTING})(?:\s+[^,\"“”]*)?$", re.IGNORECASE)
_HEDGES = re.compile(r"\b(could|might|may(?!\s+\d)|would|will likely|would likely|is likely to|are likely to|"
                     r"is expected to|are expected to|is set to|are set to)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(if|unless)\b\s+(.+?)(?:[,;]|$)", re.IGNORECASE)


def is_forecast(text: str) -> bool:
    """True when the sentence looks forward (a modal or plan) and does not report an old forecast."""
    return bool(FORWARD.search(split_attribution(text)[1])) and not _LOOKS_BACK.search(text)


def split_attribution(text: str) -> tuple[str, str]:
    """(speaker phrase, claim): "Palu warned that cases could ..." -> ("Palu", "cases could ...")."""
    clean = text.strip().rstrip(".")
    for pattern in (_TRAILING, _LEADING):
        found = pattern.match(clean)
        if found and len(found.group("speaker").split()) <= 14:
            return found.group("speaker").strip(), found.group("claim").strip(" \"“”")
    tail = _TAIL.search(clean)
    if tail:
        return tail.group("speaker").strip(), clean[: tail.start()].strip(" \"“”")
    return "", clean.strip(" \"“”")


def proposition(text: str) -> str:
    """The claim as a plain statement of what will happen."""
    claim = _HEDGES.sub("will", split_attribution(text)[1]).rstrip(" .,;:\"”")
    return claim[:1].upper() + claim[1:] + "."


def condition(text: str) -> str:
    """The 'if ...' clause a statement depends on, "" when it has none ('unless' is part of the claim)."""
    found = _CONDITION.search(text)
    return found.group(2).strip() if found and found.group(1).lower() == "if" else ""


def criteria(statement: str, resolve_by: datetime, horizon_words: str) -> str:
    """The resolution criteria in words."""
    claim = proposition(statement).rstrip(".")
    rules = (f"Resolves yes if later coverage reports that this happened ({claim[:1].lower() + claim[1:]}) "
             f"by {resolve_by:%d %B %Y} ({horizon_words}). Resolves no if coverage reports that it did not, "
             f"or came too late, or the date passes without it.")
    cond = condition(statement)
    return rules + (f" It was stated on a condition (if {cond}): resolve void if that did not happen." if cond else "")


def horizon(text: str, made: datetime) -> tuple[datetime, str]:
    """(resolve-by date, the words it came from); the default horizon when the text names no deadline."""
    found = sorted(_deadlines(split_attribution(text)[1], made), key=lambda hit: hit[0])
    if found:
        return found[0][1], f"'{found[0][2]}'"
    return made + timedelta(days=DEFAULT_HORIZON_DAYS), f"no deadline stated: {DEFAULT_HORIZON_DAYS} days"


def _deadlines(text: str, made: datetime):
    """(position, date, words) for every deadline phrase in ``text``."""
    for pattern, reader in _READERS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            when = reader(m, made)
            if when is not None:
                yield m.start(), when, m.group(0)


def _within(m: re.Match, made: datetime) -> datetime:
    count = m.group(1).lower()
    n = int(count) if count.isdigit() else _WORD_NUMBERS.get(count, 1)
    return made + timedelta(days=n * _UNIT_DAYS[m.group(2).lower()])


def _end_of_month(year: int, month: int) -> datetime:
    return datetime(year, month, calendar.monthrange(year, month)[1], 23, 59)


def _month_year(month: int, made: datetime) -> int:
    return made.year if month >= made.month else made.year + 1


def _in_month(m: re.Match, made: datetime) -> datetime:
    month = _MONTHS[m.group(2).lower()]
    return _end_of_month(_month_year(month, made), month)


def _mid_month(m: re.Match, made: datetime) -> datetime:
    month = _MONTHS[m.group(1).lower()]
    return datetime(_month_year(month, made), month, 15, 23, 59)


def _on_date(m: re.Match, made: datetime) -> datetime | None:
    month, day = _MONTHS[m.group(2).lower()], int(m.group(1))
    if day > calendar.monthrange(made.year, month)[1]:
        return None
    when = datetime(made.year, month, day, 23, 59)
    return when if when.date() >= made.date() else when.replace(year=made.year + 1)


def _weekday(m: re.Match, made: datetime) -> datetime:
    ahead = (_DAYS[m.group(2).lower()] - made.weekday()) % 7 or 7
    return (made + timedelta(days=ahead)).replace(hour=23, minute=59)


def _week_end(weeks: int):
    def read(m: re.Match, made: datetime) -> datetime:
        return (made + timedelta(days=6 - made.weekday() + 7 * weeks)).replace(hour=23, minute=59)
    return read


def _months_ahead(months: int):
    def read(m: re.Match, made: datetime) -> datetime:
        index = made.month - 1 + months
        return _end_of_month(made.year + index // 12, index % 12 + 1)
    return read


def _year_end(years: int):
    return lambda m, made: datetime(made.year + years, 12, 31, 23, 59)


_NUMBER = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
_READERS = (
    (rf"\bwithin {_NUMBER} (hour|day|week|month|year|decade)s?\b", _within),
    (r"\bwithin (days|weeks|months)\b", lambda m, made: made + timedelta(days=_VAGUE_DAYS[m.group(1).lower()])),
    (r"\bin the (?:coming|next few) (days|weeks|months)\b",
     lambda m, made: made + timedelta(days=_COMING_DAYS[m.group(1).lower()])),
    (rf"\bby mid-{_MONTH}\b", _mid_month),
    (rf"\b(on|by) (\d{{1,2}}) {_MONTH}\b", lambda m, made: _on_date(re.match(r"\w+ (\d+) (\w+)", m.group(0)), made)),
    (rf"\b(in|by|before|until) (?:the end of |early |late )?{_MONTH}\b", _in_month),
    (r"\b(on|by|until) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", _weekday),
    (r"\b(by|over|at) the weekend\b|\bthis week\b", _week_end(0)),
    (r"\bnext week\b", _week_end(1)),
    (r"\bthis month\b", _months_ahead(0)),
    (r"\bnext month\b", _months_ahead(1)),
    (r"\b(this year|the end of the year|year-end)\b", _year_end(0)),
    (r"\bnext year\b", _year_end(1)),
)

TOPICS = {
    "conflict and security": r"drone|military|army|border|attack|sabotage|missile|troops|air.defen[cs]e|spy|"
                             r"diplomat|ambassador|security council|airspace",
    "economy and business": r"interest rate|central bank|inflation|currenc|budget|econom|market|shares|prices|"
                            r"exporters?|freight|investors?|turnover|gdp",
    "labour": r"strike|union|wages?|stoppage|walkout|pay offer",
    "disaster and emergency": r"flood|fires?|wildfires?|explosion|blast|dam|spillway|earthquake|evacuat|rescue",
    "health": r"outbreak|cases|fever|virus|hospital|epidemic|health|disease",
    "politics and law": r"parliament|law|court|election|party|bill|inquiry|vote|licen[cs]",
    "technology": r"data breach|breach|hack|cyber|software|records|passwords?|cloud",
    "environment": r"fish|herring|quota|climate|forest|emissions",
}


def topic_of(texts: list[str]) -> str:
    """The topic whose words occur most often in ``texts`` (a story's title and summary); "other" if none."""
    joined = " ".join(texts).lower()
    counts = {topic: len(re.findall(rf"\b(?:{pattern})", joined)) for topic, pattern in TOPICS.items()}
    best = max(counts, key=lambda topic: counts[topic])
    return best if counts[best] else "other"
