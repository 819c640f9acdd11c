"""How loaded a phrasing is: a small lexicon of sensational words plus typography.

The writer prefers the plainer of two phrasings of one fact. The lexicon lists
evaluative or dramatising words that news style guides advise against in
neutral copy; words that are factual in some stories ("attack", "terror")
are left out on purpose.
"""

from __future__ import annotations

import re

from parallax.text.sentences import cut_off
from parallax.write.standalone import leans_back

LOADED_WORDS = frozenset(
    ["slam", "slams", "slammed", "blast", "blasts", "blasted", "rip", "rips", "ripped", "torch", "torches", "torched", "destroy", "destroys", "destroyed", "obliterate", "obliterates", "eviscerate", "eviscerates", "panic", "panicked", "chaos", "chaotic", "meltdown", "fury", "furious", "outrage", "outraged", "outrageous", "shocking", "shock", "shocked", "stunning", "stunned", "bombshell", "explosive", "scathing", "brutal", "brutally", "horrifying", "horrific", "horror", "disgrace", "disgraceful", "disgusting", "shameful", "shameless", "radical", "extremist", "unhinged", "insane", "crazy", "absurd", "ridiculous", "nonsense", "idiotic", "disaster", "disastrous", "catastrophe", "catastrophic", "devastating", "dire", "massive", "huge", "epic", "historic", "unprecedented", "staggering", "whopping", "humiliate", "humiliates", "humiliated", "humiliating", "crushing", "crushed", "lies", "liar", "lying", "hoax", "scam", "sham", "witch-hunt", "erupt", "erupts", "erupted", "firestorm", "frenzy", "backlash", "mock", "mocks", "mocked", "sneer", "sneers", "blasting", "slamming", "ripping",
     "remarkable", "lectured", "lecturing", "rotten", "fantasy", "fantasies", "predictably", "regime", "villain",
     "convenient", "incompetence", "incompetent", "greed", "greedy", "heroes", "heroic", "inferno", "shred",
     "thugs", "puppet", "propaganda", "admit", "admits", "admitted", "cowardly", "spineless", "reckless", "pathetic", "laughable", "farce"]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def loaded_words(text: str) -> list[str]:
    """The lexicon words found in ``text`` (lower case, in order)."""
    return [w for w in (m.lower() for m in _WORD.findall(text)) if w in LOADED_WORDS]


def shouting(text: str) -> int:
    """Typographic alarm: exclamation marks and ALL-CAPS words of 4+ letters."""
    caps = [w for w in _WORD.findall(text) if len(w) >= 4 and w.isupper()]
    return text.count("!") + len(caps)


def loadedness(text: str) -> float:
    """Loaded words plus shouting, per 10 words (0 for plain copy)."""
    words = max(1, len(text.split()))
    return 10.0 * (len(loaded_words(text)) + shouting(text)) / words


def headline_penalty(title: str) -> float:
    """Loaded words, shouting, and the question form all count against a headline."""
    return len(loaded_words(title)) + shouting(title) + (1 if title.rstrip().endswith("?") else 0)


def own_words(text: str) -> str:
    """``text`` without its quoted passages: what the outlet says in its own voice."""
    return _QUOTED.sub(" ", text)


# a closing quotation mark before any opening one: the sentence ends a quotation begun in the sentence before
_CLOSES_QUOTE = re.compile(r'^[^"“”]*(?:”|[\w.,!?]"(?=[\s,.;:!?]|$))')


def closes_quote(text: str) -> bool:
    """True for a sentence that ends a quotation opened in the one before ("Both cannot be true," she said.)."""
    return bool(_CLOSES_QUOTE.match(text.lstrip()))


def leaves_quote_open(text: str) -> bool:
    """True for a sentence that opens a quotation the next sentence goes on with ("Our members have lost …)."""
    if text.count("“") > text.count("”"):
        return True
    return text.count('"') % 2 == 1 and not closes_quote(text)


def stands_alone(text: str, language: str | None = None) -> bool:
    """False for a sentence that points back to an earlier one (``standalone.leans_back``: "He said …", "Four days
    later …", "… hatte außerdem …"), that closes a quotation opened before it or opens one it does not close, or that
    a snippet cut off with an ellipsis (``sentences.cut_off``): shown alone it reads as a fragment."""
    return not (leans_back(text, language) or closes_quote(text) or leaves_quote_open(text) or cut_off(text))
