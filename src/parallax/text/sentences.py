"""Split text into sentences located by character offsets.

A rule-based splitter (no model download needed): a sentence ends at . ! or ?
(optionally followed by closing quotes or brackets) before white space and an
upper-case letter, digit or opening quote — unless the word before the stop is
a known abbreviation or a single initial. Paragraph breaks always end one.
"""

from __future__ import annotations

import re

from parallax.models import Sentence

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep pres
    rev hon no nos vol fig approx est dept univ inc ltd corp co jan feb mar apr jun
    jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m etc vs al i.e e.g""".split()
)
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n\s*\n""")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*[\"'”’)\]]*$")


def _is_abbreviation(text: str, stop: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, stop - 20), stop + 1)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text``; ``text[s.start:s.end]`` is each one, trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().strip() and _is_abbreviation(text, match.start()):
            continue
        spans.append(_trimmed(text, start, match.end()))
        start = match.end()
    spans.append(_trimmed(text, start, len(text)))
    kept = [(s, e) for s, e in spans if e > s and any(c.isalnum() for c in text[s:e])]
    return tuple(Sentence(i, s, e) for i, (s, e) in enumerate(kept))
