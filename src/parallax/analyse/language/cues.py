"""Find lexicon cues in text: compiled patterns that return located phrases.

Most sentences hold no cue of most dimensions, and a pattern of a hundred alternatives is slow to run over every
position of a sentence. So each entry has a *key*: its longest word run (``\\w+``), which every match of the entry
holds as a whole word of the text (or, the run before a trailing ``*``, as the start of one). A dimension's pattern
runs only over a text holding one of its keys; the spans are the pattern's, so the result is the same. And where
lower-casing a text moves no character but ASCII letters, a lower-case pattern runs over it lower-cased, without
case folding.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from parallax.analyse.language.lexicons import LEXICONS

_RUN = re.compile(r"\w+")


def _entry_pattern(entry: str) -> str:
    words = []
    for word in entry.split("_"):
        stem = re.escape(word.rstrip("*")).replace("'", "['’]")
        words.append(stem + (r"[\w'’-]*" if word.endswith("*") else ""))
    return r"\s+".join(words)


@cache
def cue_pattern(dimension: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One case-insensitive pattern matching any cue of ``dimension``; longest entries first. (With ``flags`` 0, the
    same in lower case, matching case: see ``lowered``.)"""
    entries = sorted(LEXICONS[dimension], key=len, reverse=True)
    body = "|".join(_entry_pattern(e.lower()) for e in entries)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def lowered(text: str) -> str | None:
    """``text`` in lower case when lower-casing changes only ASCII letters (so the case-insensitive patterns find
    in ``text`` exactly what the lower-case ones find, case matching, in it lower-cased: 2-3 times faster), else
    None."""
    low = text.lower()
    if text.isascii() or (len(low) == len(text) and _NON_ASCII.findall(low) == _NON_ASCII.findall(text)):
        return low
    return None


def entry_key(entry: str) -> tuple[str, bool]:
    """The longest word run of ``entry`` (lower case) and whether a text's word need only start with it (the run
    just before a trailing ``*``)."""
    runs = []
    for word in entry.lower().split("_"):
        found = _RUN.findall(word.rstrip("*"))
        runs += [(run, word.endswith("*") and k == len(found) - 1) for k, run in enumerate(found)]
    return max(runs, key=lambda r: (len(r[0]), not r[1]))


@cache
def _keys() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Per whole-word key and per word-start key, the dimensions with an entry keyed so."""
    whole: dict[str, set[str]] = {}
    start: dict[str, set[str]] = {}
    for dimension, entries in LEXICONS.items():
        for entry in entries:
            key, is_start = entry_key(entry)
            (start if is_start else whole).setdefault(key, set()).add(dimension)
    return {k: frozenset(v) for k, v in whole.items()}, {k: frozenset(v) for k, v in start.items()}


def candidate_dimensions(text: str) -> frozenset[str] | None:
    """The dimensions whose pattern may match ``text``, or None (all may) when its words are not all ASCII (case
    folding beyond ASCII is the pattern's to judge)."""
    words = _RUN.findall(text)
    if not "".join(words).isascii():
        return None
    found: frozenset[str] = frozenset()
    for word in {w.lower() for w in words}:
        keyed = _KEYED.get(word)
        if keyed is None:
            if len(_KEYED) >= _KEYED_MAX:
                _KEYED.clear()
            keyed = _KEYED[word] = word_dimensions(word)
        if keyed:
            found = found | keyed
    return found


_KEYED: dict[str, frozenset[str]] = {}  # word -> word_dimensions(word), as words recur
_KEYED_MAX = 1 << 16


def word_dimensions(word: str) -> frozenset[str]:
    """The dimensions with an entry keyed by ``word`` (lower case) whole or by a start of it."""
    whole, start = _keys()
    found = set(whole.get(word, ()))
    for end in range(1, len(word) + 1):
        found.update(start.get(word[:end], ()))
    return frozenset(found)


def all_cues(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """Per lexicon dimension, the spans ``(start, end)`` of its cues in ``text``: ``find_cues`` for each."""
    candidates = candidate_dimensions(text)
    if candidates is None:
        return {dim: _spans(cue_pattern(dim), text) for dim in LEXICONS}
    low = lowered(text)
    if low is None:
        return {dim: _spans(cue_pattern(dim), text) if dim in candidates else () for dim in LEXICONS}
    return {dim: _spans(cue_pattern(dim, 0), low) if dim in candidates else () for dim in LEXICONS}


def _spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in pattern.finditer(text))


@lru_cache(maxsize=1 << 15)
def find_cues(dimension: str, text: str) -> tuple[tuple[int, int], ...]:
    """Spans ``(start, end)`` of the cues of ``dimension`` found in ``text``."""
    return all_cues(text)[dimension]


def cue_counts(text: str) -> dict[str, int]:
    """How many cues of each lexicon dimension ``text`` holds."""
    return {dim: len(spans) for dim, spans in all_cues(text).items()}
