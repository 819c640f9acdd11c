"""Numbers written in digits or words: "140", "1.2 million", "thirty-four", "a dozen"."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_SPECIAL = {"a dozen": 12, "dozen": 12, "dozens": 24, "a hundred": 100, "hundreds": 200, "a thousand": 1000}

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
NUMBER_PATTERN = re.compile(
    rf"(?<![\w.])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion|trillion)\b)?"
    rf"|\b(?:a\s+)?dozens?\b|\bhundreds\b"
    rf"|\b(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*\b",
    re.IGNORECASE,
)


def _words_value(words: list[str]) -> float | None:
    total, current = 0.0, 0.0
    for word in words:
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, _TENS.get(word, 0))
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word != "and":
            return None
    return total + current


def parse_number(text: str) -> float | None:
    """The value a number phrase names, or None when it is not one."""
    phrase = " ".join(text.lower().replace("-", " ").split())
    if phrase in _SPECIAL:
        return float(_SPECIAL[phrase])
    match = re.fullmatch(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s+(\w+))?", phrase)
    if match:
        value = float(match.group(1).replace(",", ""))
        return value * _SCALES[match.group(2)] if match.group(2) in _SCALES else value if not match.group(2) else None
    return _words_value(phrase.removeprefix("a ").split())
