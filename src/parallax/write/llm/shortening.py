"""Whether a sentence is another with words left out and nothing it says turned: the local writer's gate on the
model's lead (``LocalWriter.screen``)."""

from __future__ import annotations

import re

NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nobody", "nothing", "neither", "without", "t"})
# words that bound or round the number after them ("about 4.7 million", "more than 300", "up to 40", "at least 5"):
# part of the number's value, so a shortening that keeps the number keeps them
NUMBER_QUALIFIERS = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "some", "over",
                               "under", "more", "less", "fewer", "than", "least", "most", "up", "to", "estimated",
                               "only", "just", "below", "above", "exceeding", "upwards", "close", "circa"})
QUALIFIER_REACH = 2  # a qualifier stands at most this many words before its number ("more than 300")


def shortens(text: str, source: str) -> bool:
    """Whether ``text`` is ``source`` with words left out: its words (case and punctuation aside) a subsequence of
    the source's, every negation of the source kept ("didn't" counts by its "t"), and every word that qualifies a
    kept number kept with it ("4.7 million" from "about 4.7 million" is another figure)."""
    words, whole = _words(text), _words(source)
    kept = _subsequence(words, whole)
    if kept is None or sum(w in NEGATIONS for w in words) != sum(w in NEGATIONS for w in whole):
        return False
    return all(q in kept for q, number in _qualified_numbers(whole) if number in kept)


def _subsequence(words: list[str], source: list[str]) -> set[int] | None:
    """The positions in ``source`` that ``words`` take, matched leftmost; None when they are not a subsequence."""
    taken, at = set(), 0
    for word in words:
        while at < len(source) and source[at] != word:
            at += 1
        if at == len(source):
            return None
        taken.add(at)
        at += 1
    return taken


def _qualified_numbers(words: list[str]) -> list[tuple[int, int]]:
    """(qualifier, number) positions: a ``NUMBER_QUALIFIERS`` word with a number within ``QUALIFIER_REACH`` words
    after it."""
    pairs = []
    for i, word in enumerate(words):
        if word in NUMBER_QUALIFIERS:
            number = next((j for j in range(i + 1, min(len(words), i + 1 + QUALIFIER_REACH)) if words[j][0].isdigit()),
                          None)
            pairs += [] if number is None else [(i, number)]
    return pairs


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())
