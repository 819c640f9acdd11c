"""Faithful trims of a source sentence: a contiguous piece of it that still reads as a sentence.

Only whole leading or trailing furniture is cut — a wire dateline ("DRASK, 15
September (CSNA) — ") or a closing attribution tail (", officials said.") — so
the trimmed text is always a substring of the cited sentence.
"""

from __future__ import annotations

import re

# "LONDON — ", "MERROW, Valdoria (CPS) — ", "DRASK, 15 September (CSNA) - ", "WASHINGTON (Reuters) -- "
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,30}(?:,\s*[A-Z][\w .'’-]{0,30})?(?:,\s*\d{1,2}\s+[A-Z][a-z]+)?"
    r"(?:\s*\([A-Za-z .&-]{1,30}\))?\s*(?:—|–|―|--|-)\s+(?=[A-Z\"“‘'])"
)
# ", officials said." / ", the ministry said on Monday." at the very end of a sentence.
_TAIL = re.compile(
    r",\s+(?:(?:the|a|an)\s+)?[\w .'’-]{1,40}?\s+(?:said|says|told reporters|reported|added)"
    r"(?:\s+(?:on|in|late|early)\s+\w+)?\s*\.$"
)
MIN_WORDS = 6


def dateline_place(text: str) -> str:
    """The place that opens a wire dateline ("TOLVEN, Eskeria (CPS) — …" → "TOLVEN"); "" when there is none."""
    match = _DATELINE.match(text)
    return re.split(r"[,(—–]|\s-", match.group(), maxsplit=1)[0].strip() if match else ""


def strip_dateline(text: str) -> str:
    """``text`` without a leading wire dateline; unchanged when it has none or little would be left."""
    match = _DATELINE.match(text)
    if not match or len(text[match.end():].split()) < MIN_WORDS:
        return text
    return text[match.end():]


def strip_attribution_tail(text: str) -> str:
    """``text`` without a closing ", X said." (the final full stop is dropped with it)."""
    match = _TAIL.search(text)
    if not match or "“" in text[match.start():] or '"' in text[match.start():]:
        return text
    head = text[: match.start()]
    return head if len(head.split()) >= MIN_WORDS and head.count('"') % 2 == 0 else text
