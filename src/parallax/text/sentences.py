"""Split text into sentences located by character offsets.

A rule-based splitter (no model download needed). A sentence ends at . ! or ?
(optionally followed by closing quotes or brackets) before white space and a
capital letter of any script, a digit or an opening quote — unless the word
before the stop is a known abbreviation, a single initial, or a day number
before a month name in any of the CLDR languages ("am 19. Dezember"). A stop
with no space before a capitalised word ("said.The") also ends one, unless it
sits in a name or an address ("Censor.NET", "news.ru"). Paragraph breaks always
end a sentence; a single line break ends one after terminal punctuation, or
before a capital letter when the line does not end on a short lower-case word
(a headline above its text, but not a hard-wrapped line).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from parallax.models import Sentence

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep pres
    rev hon no nos vol fig approx est dept univ inc ltd corp co u.s u.k u.n e.u a.m p.m etc vs al i.e e.g
    sens reps govs gens messrs mmes""".split()
)
# abbreviated months are abbreviations only before a day or a year ("Jan. 5"): "Zindah Jan. The quake" ends
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_STOP_TAIL = r"""[.!?।]*["'”’»)\]]*(?=\s+["'“‘„«(\[]?\w)"""  # after a stop: more stops, closing quotes, a space
# ``[.!?।]+`` + tail, one branch per stop so that every branch opens on a literal: the regex engine then skips to
# the next stop or line break in C instead of trying the pattern at every character (the same matches)
_STOP = re.compile("|".join(re.escape(c) + _STOP_TAIL for c in ".!?।") + r"|\n\s*\n|\n(?=\s*\S)")
_WIDE_STOP = re.compile(r"""[。！？]+["'”’»)\]」』）]*(?=\s*\S)""")  # the ideographic stops need no space after them
# "said.The", "МЧС.Согласно", "«Вагнером».Об", "(ISW).По": checked by _glued
_GLUED = re.compile(r"(?:(?<=[^\W\d_]{2}[.!?])|(?<=[^\W\d_][»”)\]][.!?])|(?<=[^\W\d_]{2}[.!?][”»]))(?=[^\W\d_]{2})")
_BEFORE_GLUED = re.compile(r"[.!?][”»]?(?=[^\W\d_]{2})")  # a stop that ``_GLUED`` may match after (``_glued_candidates``)
_WIDE_STOPS = ("。", "！", "？")
_ALNUM = re.compile(r"[^\W_]")  # a character for which ``str.isalnum`` holds
_TERMINAL = ("!", "?", ":", "”", '"', "»", ")", "。", "！", "？", "।")  # a line ending on these ends its sentence
_WORD_BEFORE = re.compile(r"([\w.’']+)[.!?]*[\"'”’»)\]]*$")  # "Ryan’s." is a word, not the initial "s."
_NEXT_WORD = re.compile(r"\s*[\"'“‘„«(\[]?(\w+)")
_LOCALES = "en de fr es it nl pt pl ru uk tr sv no da fi cs sk sl hr sr bg mk ro hu el".split()
_DATELINE = re.compile(r"\s*[A-Z][A-Z'’-]{2,}(?:\s+[A-Z][A-Z'’-]+)*,\s")  # "KHARKIV, Ukraine", "NEW YORK, "
_BULLETS = "•·▪►■*–-"
# scripts written without spaces, whose lines a page does not hard-wrap: a line break before them starts a line
_UNSPACED = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})
_CASED = frozenset({"LATIN", "CYRILLIC", "GREEK"})  # a line opening on a list bullet starts a new item
SHORT_TAIL = 3  # a line ending on a lower-case word this short ("de la") is wrapped, not a headline
_CUT_OFF = re.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")  # an ellipsis closing the sentence, before any closing quote


@cache
def month_names() -> frozenset[str]:
    """Month names, wide and abbreviated, in the languages of ``_LOCALES`` (from CLDR, through babel)."""
    from babel.dates import get_month_names

    found = set()
    for locale in _LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                found.update(m.lower().rstrip(".") for m in get_month_names(width, context, locale).values())
    return frozenset(found)


def _is_abbreviation(text: str, stop: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, stop - 20), stop + 1)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    if word.isdigit() and len(word) <= 2:  # "am 19. Dezember", "31. Mai"
        following = _NEXT_WORD.match(text, stop + 1)
        return bool(following) and following.group(1).lower().rstrip(".") in month_names()
    if word in _MONTHS or "." in word:  # "Jan. 5", "H.R. 1"; but "Zindah Jan. The", "in the U.K. The"
        following = _NEXT_WORD.match(text, stop + 1)
        return bool(following) and following.group(1).isdigit() or word in _ABBREVIATIONS
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _ends_here(text: str, match: re.Match[str]) -> bool:
    """Whether the boundary candidate ``match`` really ends a sentence."""
    found = match.group()
    if found.startswith("\n"):
        return "\n\n" in found.replace(" ", "") or _line_ends(text, match.start(), match.end())
    following = _NEXT_WORD.match(text, match.end())
    if not following or not _starts_sentence(following.group(1)[0]):
        return False
    return not _is_abbreviation(text, match.start())


def caseless(c: str) -> bool:
    """A letter of a script without capitals (Arabic, Hebrew, Devanagari, Chinese, Japanese …)."""
    return c.isalpha() and not c.isupper() and not c.islower()


def _starts_sentence(c: str) -> bool:
    """Whether a word starting with ``c`` may open a sentence: a capital, a digit, or a letter of a caseless script."""
    return c.isupper() or c.isdigit() or caseless(c)


def _line_ends(text: str, at: int, after: int) -> bool:
    """A single line break ends a sentence after terminal punctuation, or before a capital letter unless the line
    ends on a short lower-case word."""
    line = text[:at].rstrip()
    if _DATELINE.match(text, after):  # "… 3:22 a.m.\nKHARKIV, Ukraine (AP) — …": a new paragraph's dateline
        return True
    if line.endswith("."):
        return not _is_abbreviation(text, len(line) - 1)
    if line.endswith(_TERMINAL) or line.endswith("**"):  # "**" closes a bold heading
        return True
    nxt = text[after:].lstrip()[:1]
    last = line.split()[-1] if line.split() else ""
    opens = nxt.isupper() or nxt.isdigit() or _script(nxt or " ") in _UNSPACED or nxt in _BULLETS
    return opens and not (last.islower() and len(last) <= SHORT_TAIL)


def _boundaries(text: str) -> list[int]:
    """Offsets at which a sentence ends."""
    ends = [m.end() for m in _STOP.finditer(text) if _ends_here(text, m)]
    ends += [at for at in _glued_candidates(text) if _glued(text, at)]
    if any(stop in text for stop in _WIDE_STOPS):  # a scan for the stops is cheaper than the pattern's
        ends += [m.end() for m in _WIDE_STOP.finditer(text)]
    return sorted(set(ends))


def _glued_candidates(text: str) -> list[int]:
    """Where ``_GLUED`` matches, in order: it can only match one character after a stop, or two after a stop and a
    closing quote (its lookbehinds end there), before two letters, so it is tried only there
    (``_BEFORE_GLUED``) rather than at every character."""
    return [m.end() for m in _BEFORE_GLUED.finditer(text) if _GLUED.match(text, m.end())]


def _glued(text: str, at: int) -> bool:
    """A stop with no space before a capitalised word of any script ("said.The", "МЧС.Согласно"), or between two
    words of a caseless script ("الصحيفة.حصيلة"), not in a name or an address."""
    cased = text[at].isupper() and text[at + 1].islower() and not _script_change(text, at)
    wide = caseless(text[at]) and caseless(text[at - 2]) and not _in_quotation(text, at)
    return (cased or wide) and not _in_address(text, at)


def _script(c: str) -> str:
    """The script of a letter, by the first word of its Unicode name ("LATIN", "CYRILLIC")."""
    return unicodedata.name(c, " ").split()[0]


def _script_change(text: str, at: int) -> bool:
    """ "Газетой.Ru": a word of one cased script glued by a stop to a word of another is a name, not two sentences
    (but "(ISW).По" and "المجارى.The" split)."""
    before, after = _script(text[at - 2]), _script(text[at])
    return before != after and before in _CASED and after in _CASED


def _in_quotation(text: str, at: int) -> bool:
    """Inside a quotation opened on the same line and not yet closed ("“战斗!战斗!”"): its stops are the speaker's."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return line.rfind("“") > line.rfind("”")


def _in_address(text: str, at: int) -> bool:
    """ "Censor.NET", "bbc.co.uk/News": a glued stop inside a name or an address, not between sentences."""
    word = re.search(r"\S+$", text[:at])
    rest = re.match(r"\S+", text[at:])
    token = (word.group() if word else "") + (rest.group() if rest else "")
    return bool(re.search(r"\.[A-Z]{2,}\b|/|@|www\.|\.\w+\.", token))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved past the white space at either end of ``text[start:end]``."""
    span = text[start:end]
    kept = span.lstrip()
    if not kept:
        return end, end
    return start + len(span) - len(kept), end - len(kept) + len(kept.rstrip())


def cut_off(sentence: str) -> bool:
    """Whether a sentence ends on an ellipsis ("… made calls to state and local leaders notifying t...", "… and the…"):
    a snippet, a teaser or a feed summary cut mid-sentence, which states nothing whole — never a claim or a lead to
    show on its own. An ellipsis inside the sentence ("We were… we were scared," she said.) leaves it whole."""
    return bool(_CUT_OFF.search(sentence.rstrip()))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text``; ``text[s.start:s.end]`` is each one, trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in _boundaries(text):
        spans.append(_trimmed(text, start, end))
        start = end
    spans.append(_trimmed(text, start, len(text)))
    kept = [(s, e) for s, e in spans if e > s and _ALNUM.search(text, s, e)]
    return tuple(Sentence(i, s, e) for i, (s, e) in enumerate(kept))
