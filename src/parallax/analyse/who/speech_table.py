"""The speech-verb table (``data/speech_verbs.json``) as the readers of other languages use it.

One list a language: verbs of saying, "according to" markers, nouns of news
media, pronouns, bodies, articles, function words and the forms of a mood of
reported speech (the table's own note says what each holds).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parents[2] / "data" / "speech_verbs.json"
_UNSPACED = frozenset({"zh", "ja"})


@lru_cache(maxsize=1)
def table() -> dict:
    """The speech-verb table: {"verbs": {language: [...]}, "according": {language: [...]}}."""
    return json.loads(TABLE.read_text(encoding="utf-8"))


def reported_forms(language: str) -> tuple[str, ...]:
    """The language's forms of a mood of reported speech (the table's ``reported``: German Konjunktiv I); () for
    none."""
    return tuple(table().get("reported", {}).get(language, ()))


@lru_cache(maxsize=64)
def cue_pattern(language: str) -> re.Pattern[str] | None:
    """The article language's verbs of saying and "according to" markers as one pattern; None for a language the
    table lacks. The named group ``according`` marks a marker."""
    verbs, according = table()["verbs"].get(language), table()["according"].get(language, [])
    if not verbs:
        return None
    def edged(word: str) -> str:  # a word boundary only beside a letter: '", so X' has none before its comma
        if language in _UNSPACED:
            return re.escape(word)
        return (r"\b" if word[:1].isalnum() else "") + re.escape(word) + (r"\b" if word[-1:].isalnum() else "")
    def alternation(words: list[str]) -> str:
        return "|".join(edged(w) for w in sorted(words, key=len, reverse=True))
    marker = f"(?P<according>{alternation(according)})|" if according else ""
    return re.compile(f"{marker}(?:{alternation(verbs)})", re.IGNORECASE)


@lru_cache(maxsize=1)
def speech_words() -> frozenset[str]:
    """Every verb and marker of the table, lower case (so that a cue found here counts as speech)."""
    return frozenset(w.lower() for kind in ("verbs", "according") for words in table()[kind].values() for w in words)


@lru_cache(maxsize=64)
def function_words(language: str) -> frozenset[str]:
    """The language's words that never name anyone (the table's ``function``, ``articles`` and ``pronouns``: "Sie
    nannte" is no one called Sie), lower case."""
    return frozenset(w.lower() for kind in ("function", "articles", "pronouns")
                     for w in table().get(kind, {}).get(language, ()))
