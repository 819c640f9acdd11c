"""Whether an article says its news comes long after an earlier event: "a year after", "anniversary", "годовщина".

A memorial a year after an attack, a trial nine months on, a first anniversary: the page retells the old
event, its words and places are the old event's, and without publication dates nothing else tells it
from the event's own reports. What does is the page's own time expression, near its start: it reports
a moment at least half a year after the event it names. Such a page and a report of the event itself
are different stories (issue #23: "an anniversary of an old attack"); two such pages may be one.

The expressions are data, one table per language, matched in the title and the first sentences only
(background further down, "two years after the invasion began", is context, not the news). Months count
from six on: "three months after the attack" is still the attack's running story.
"""

from __future__ import annotations

import re

HEAD_CHARS = 300  # the title and about the first two sentences

_YEARS = r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_MONTHS = r"(?:six|seven|eight|nine|ten|eleven|[6-9]|1[01])"
# language -> expressions of an elapsed time of at least half a year, or of a commemoration
_TABLE: dict[str, tuple[str, ...]] = {
    "en": (rf"\b{_YEARS}[ -]years? (?:after|since|on from|later)\b", r"\b(?:a|one) year on\b",
           rf"\b{_MONTHS} months (?:after|since|later)\b", r"\banniversary\b", r"\bcommemorat"),
    "de": (r"\b(?:ein|einem|zwei|drei|vier|fünf|zehn|\d{1,2}) jahre?n? (?:nach|seit|danach)\b",
           r"\bvor (?:einem|zwei|drei|vier|fünf|zehn|\d{1,2}) jahr(?:e|en)?\b", r"\bjahrestag", r"\bjährt sich",
           r"\b(?:sechs|sieben|acht|neun|zehn|elf|[6-9]|1[01]) monate?n? (?:nach|seit|danach)\b"),
    "fr": (r"\b(?:un|deux|trois|quatre|cinq|dix|\d{1,2}) ans? (?:après|plus tard|jour pour jour)\b",
           r"\bil y a (?:un|deux|trois|\d{1,2}) ans?\b", r"\banniversaire\b", r"\bcommémor"),
    "es": (r"\b(?:un|dos|tres|cuatro|cinco|diez|\d{1,2}) años? (?:después|tras|desde)\b", r"\baniversario\b",
           r"\bhace (?:un|dos|tres|\d{1,2}) años?\b", r"\bconmemora"),
    "it": (r"\b(?:un|due|tre|quattro|cinque|dieci|\d{1,2}) ann[oi] (?:dopo|fa|da)\b", r"\banniversario\b",
           r"\bcommemora"),
    "pt": (r"\b(?:um|dois|três|\d{1,2}) anos? (?:depois|após)\b", r"\baniversário\b", r"\bhá (?:um|dois|\d{1,2}) anos?\b"),
    "nl": (r"\b(?:een|één|twee|drie|\d{1,2}) jaar (?:na|geleden|later)\b", r"\bherdenking"),
    "pl": (r"\brocznic", r"\b(?:rok|dwa lata|\d{1,2} lat[a]?) (?:po|temu|od)\b"),
    "ru": (r"годовщин", r"\b(?:год|года|лет) (?:спустя|назад|после|с момента)\b", r"\bспустя (?:год|\d{1,2} (?:год|лет))"),
    "uk": (r"річниц", r"\b(?:рік|роки|років) (?:тому|після|з моменту)\b"),
    "bg": (r"годишнин", r"\b(?:година|години) (?:след|от)\b"),
    "tr": (r"yıl ?dönümü", r"\b(?:bir|iki|üç|\d{1,2}) yıl (?:sonra|önce|geçti)\b"),
    "ar": (r"ذكرى", r"(?:عام|سنة|عامين|سنتين|أعوام|سنوات) على", r"بعد (?:عام|سنة|عامين)"),
    "fa": (r"سالگرد", r"(?:یک|دو|\d{1,2}) سال (?:پس|بعد)"),
    "zh": (r"周年", r"週年", r"一年后", r"一年後", r"(?<![\d〇一二三四五六七八九十百])(?:一|两|兩|\d{1,2})年前"),  # not "2023年前三季度"
    "ja": (r"周年", r"(?<![\d〇一二三四五六七八九十百])(?:1|一)年(?:後|前)"),
}
_COMPILED = {language: re.compile("|".join(found), re.IGNORECASE) for language, found in _TABLE.items()}


def looks_back(title: str, text: str, language: str) -> bool:
    """Whether the article's head says it reports something at least half a year after an earlier event."""
    pattern = _COMPILED.get(language)
    return bool(pattern and pattern.search(f"{title}\n{text[:HEAD_CHARS]}"))
