"""Whether a sentence reads on its own out of its article, in any language the word table covers.

A key claim, a takeaway or a quoted statement is shown apart from the sentences
around it, so it must not lean on them: open on a pronoun or a joining word
("Det hadde et episenter …", "But the ministry …"), name the story's event as
one told before ("Der Vorfall …", "The incident …"), place itself after an
earlier event ("Four days later, …"), add to what came before ("Ein
25-jähriger Afghane hatte außerdem …"), describe someone named before ("starb
der 29-Jährige"), or report someone's words in the distancing mood of indirect
speech ("… habe der Täter das Messer gezogen"). A photo caption ("A satellite
image shows …", "… in Kherson, Ukraine, June 6, 2023.") is no statement of the
story either. The words are a data table by language
(``data/lexicons/standalone.json``); a language the table lacks is read with
the union of its openers.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from parallax.text.sentences import month_names

TABLE = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "standalone.json"
EARLY = 40  # characters of a sentence's start within which "four days later" places it after an earlier sentence
MEDIA_HEAD = 5  # words of a sentence's start where a caption names its image
_NUMBER = re.compile(r"\d")
_FIRST_WORD = re.compile(r"[\"“‘'«„]?([^\W\d_][\w-]*)")
_CREDIT = re.compile(r"\b[A-Z]{3,}/[A-Z]|\b\d+\s*/\s*\d+\s+\w+:|\b(?:legende|foto|photo|bild|crédit)\s*:", re.IGNORECASE)


@cache
def table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


@cache
def _words(kind: str, language: str | None) -> frozenset[str]:
    found = table()[kind]
    if language in found:
        return frozenset(found[language])
    return frozenset(w for words in found.values() for w in words) if kind in ("openers", "anaphors") else frozenset()


@cache
def _pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)


def _has(kind: str, language: str | None, text: str) -> bool:
    pattern = _pattern(_words(kind, language))
    return bool(pattern and pattern.search(text))


def leans_back(text: str, language: str | None = None) -> bool:
    """The sentence opens on a word or phrase that points back, or adds to what an earlier sentence said."""
    first = _FIRST_WORD.match(text.lstrip())
    if first and first.group(1).lower() in _words("openers", language):
        return True
    if any(text.lstrip().lower().startswith(f"{phrase} ") for phrase in _words("anaphors", language)):
        return True
    early = _pattern(frozenset(table()["early"]))
    return bool(early and early.search(text[:EARLY])) or adds(text, language) or bool(_described().search(text))


def adds(text: str, language: str | None = None) -> bool:
    """An additive word adds to what an earlier sentence said ("… hatte außerdem …", "Friday's report also showed …",
    "…, too."): anywhere, or at the sentence's end for a final one ("too"), but not right after a joining word, where
    it links two parts of the sentence itself ("… and also …")."""
    end = text.rstrip().rstrip(".!\"'”’»)").rstrip()
    if any(end.lower().endswith(f" {word}") for word in _words("final", language)):
        return True
    pattern = _pattern(_words("additive", language))
    joined = _words("joined", language)
    return bool(pattern) and any(_before(text, m.start()) not in joined for m in pattern.finditer(text))


def _before(text: str, at: int) -> str:
    words = text[:at].split()
    return words[-1].lower().strip(",;:") if words else ""


@cache
def _described() -> re.Pattern[str]:
    """A person described by age with a definite article ("der 29-Jährige", "the 24-year-old"): named before."""
    return re.compile(r"(?<!\w)(?:" + "|".join(table()["described"]) + r")(?!\w)")


def bare_subject(text: str, language: str | None = None) -> str | None:
    """The head of a definite subject of one word before its verb ("The increase was …", "…, the Fund said …", "… said
    the move was …") that the sentence does not name before it; None when there is none or the table has no pattern
    for the language. Whether it points back depends on the story: ``claims`` asks whether a headline names it."""
    pattern = table()["bare"].get(language or "")
    for match in re.finditer(pattern, text.strip()) if pattern else ():
        head = match.group(1)
        if not head.isupper() and head.lower() not in text[: match.start()].lower():
            return head
    return None


def reported_speech(text: str, language: str | None = None) -> bool:
    """The sentence reports someone's words in the mood of indirect speech ("habe", "sei"; "aurait")."""
    return _has("reported", language, text)


def caption(text: str) -> bool:
    """A photo caption or credit: an image that "shows", something "is seen", a credit line, or a caption's closing
    place and date ("…, Ukraine, June 6, 2023.")."""
    head = " ".join(text.split()[:MEDIA_HEAD]).lower()
    media = any(w.strip(".,:;") in table()["media"] for w in head.split())
    return ((media or " seen " in f" {text.lower()} ") and _has_show(text)) or bool(_CREDIT.search(text)) or \
        _dated_ending(text)


def _has_show(text: str) -> bool:
    pattern = _pattern(frozenset(table()["shows"]))
    return bool(pattern and pattern.search(text))


def _dated_ending(text: str) -> bool:
    """ "…, Kherson, Ukraine, June 6, 2023.": a caption's place and date after a comma closes the sentence."""
    match = re.search(r",\s+([^\W\d_]+)\.?\s+\d{1,2},\s+\d{4}\.?$", text.strip())
    return bool(match) and match.group(1).lower() in month_names()


def two_accounts(text: str, language: str | None = None) -> bool:
    """The sentence weighs one figure against another across a turn to a second account ("EMSC puts it at 6.4, while
    USGS gives 6.3"): a comparison of accounts, which the conflicting figures show, not one claim."""
    pattern = _pattern(_words("contrast", language))
    turn = pattern and next((m for m in pattern.finditer(text) if text[: m.start()].rstrip().endswith(",")), None)
    return bool(turn) and _NUMBER.search(text[: turn.start()]) is not None and _NUMBER.search(text[turn.end() :]) is not None


def reads_alone(text: str, language: str | None = None) -> bool:
    """Neither leaning on an earlier sentence, nor indirect speech, nor a caption."""
    return not (leans_back(text, language) or reported_speech(text, language) or caption(text))
