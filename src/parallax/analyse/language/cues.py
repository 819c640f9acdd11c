"""Find lexicon cues in text: compiled patterns that return located phrases."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from parallax.analyse.language.lexicons import LEXICONS


def _entry_pattern(entry: str) -> str:
    words = []
    for word in entry.split("_"):
        stem = re.escape(word.rstrip("*")).replace("'", "['’]")
        words.append(stem + (r"[\w'’-]*" if word.endswith("*") else ""))
    return r"\s+".join(words)


@cache
def cue_pattern(dimension: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any cue of ``dimension``; longest entries first."""
    entries = sorted(LEXICONS[dimension], key=len, reverse=True)
    body = "|".join(_entry_pattern(e) for e in entries)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1 << 15)
def find_cues(dimension: str, text: str) -> tuple[tuple[int, int], ...]:
    """Spans ``(start, end)`` of the cues of ``dimension`` found in ``text`` (cached: scoring reads each sentence's
    cues twice, as dense features and as lexicon scores)."""
    return tuple(m.span() for m in cue_pattern(dimension).finditer(text))


def cue_counts(text: str) -> dict[str, int]:
    """How many cues of each lexicon dimension ``text`` holds."""
    return {dim: len(find_cues(dim, text)) for dim in LEXICONS}
