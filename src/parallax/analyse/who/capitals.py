"""Names in the languages our parser does not read: runs of capitalised words, and what the article says of them.

A word the article also writes in lower case is no name ("Die", "Как"); a
connector ("von", "de") joins a run only inside it. A lone surname is the person
the article names in full; a lone word the article repeats inside sentences is
an actor keyed by its first letters, so that its inflections are one
("Росавиация", "Росавиации").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from parallax.models import Article

STEM = 5  # letters of a lone name that key it, so that its inflections are one actor ("Росавиация", "Росавиации")
WORD = re.compile(r"[^\W\d_](?:[\w’'-]|\.(?=\w))*")  # a stop inside a word ("U.S.") but not after it
_CONNECTORS = frozenset({"de", "da", "di", "del", "van", "von", "bin", "ibn", "al"})


def names(text: str, lower: frozenset[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of capitalised words in ``text``; a word found in ``lower`` (the article's
    lower-case words) is no name, and a connector ("von", "de") joins a run only inside it."""
    runs: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for word in WORD.finditer(text):
        w = word.group()
        name_like = w[:1].isupper() and w.lower() not in lower
        adjacent = bool(run) and text[run[-1].end():word.start()] == " "
        if name_like or (adjacent and w.lower() in _CONNECTORS):
            if not adjacent:
                _close(runs, run)
            run = run + [word] if adjacent else [word]
        else:
            _close(runs, run)
            run = []
    _close(runs, run)
    return runs


def _close(runs: list[tuple[int, int]], run: list[re.Match[str]]) -> None:
    while run and run[-1].group().lower() in _CONNECTORS:
        run = run[:-1]
    if run:
        runs.append((run[0].start(), run[-1].end()))


@dataclass(frozen=True)
class Known:
    """What an article says about which words are names: the words it writes in lower case, each surname's one full
    name (its last two words), and the stems of capitalised words it uses inside a sentence more than once."""

    lower: frozenset[str]
    people: dict[str, str]
    repeated: frozenset[str]
    alone: frozenset[str]  # words the article writes as a name by themselves ("Strobl", not "Times")
    titled: dict[str, frozenset[str]] = field(default_factory=dict)  # title → who the article names with it (``titled``)


def known_names(article: Article, function: frozenset[str] = frozenset(), title: Callable[[str], bool] = lambda w: False
                ) -> Known:
    """What ``article`` says of its names; ``function`` holds its language's words that never name anyone ("Как",
    "Le"), which count as written in lower case; ``title`` tells a title, left out of a name ("Kanzlerin Merkel" is
    Merkel, so "Angela Merkel" stays the one full name)."""
    lower = function | frozenset(w.group() for w in WORD.finditer(article.text) if w.group()[:1].islower())
    full: dict[str, set[str]] = {}
    alone = set()
    for start, end in names(article.text, lower):
        words = [w for w in article.text[start:end].split() if not title(w)] or article.text[start:end].split()
        if len(words) >= 2:
            full.setdefault(words[-1], set()).add(" ".join(words[-2:]))
        else:
            alone.add(words[0])
    inside = Counter(w.group()[:STEM].lower() for s in article.sentences
                     for w in list(WORD.finditer(article.text, s.start, s.end))[1:] if w.group()[:1].isupper())
    return Known(lower, {surname: next(iter(f)) for surname, f in full.items() if len(f) == 1},
                 frozenset(stem for stem, n in inside.items() if n > 1), frozenset(alone))


def key_of(name: str, known: Known) -> tuple[str, str]:
    """(key, name as shown) of a name found next to a cue: an acronym is an organisation ("МЧС"), and so is a name
    with a connector ("Servicio Secreto de Estados Unidos"); a name of three words or more whose last the article
    never writes alone is nobody ("New York Times", "Крыма Сергей Аксенов": which words name whom is unsure); else
    two words or more are a person, its last two words the name (a title before them dropped: "Innenminister
    Thomas Strobl", where "Strobl" stands alone elsewhere); a lone
    word is the person of that surname the article names in full, else, when the article names it again inside a
    sentence, an actor keyed by its stem ("Лукашенко", "Polizei", "Росавиации"); else nobody ("")."""
    words = name.split()
    if words[-1].isupper() and len(words[-1]) >= 2:
        return f"org:{words[-1].lower()}", words[-1]
    if any(w.lower() in _CONNECTORS for w in words):
        return f"org:{name.lower()}", name
    if len(words) > 2 and words[-1] not in known.alone:  # "New York Times" or "Крыма Сергей Аксенов": unsure
        return "", name
    if len(words) >= 2:
        return person(name)
    if name in known.people:
        return key_of(known.people[name], known)
    if name[:STEM].lower() in known.repeated:
        return f"org:{name[:STEM].lower()}", name
    return "", name


def person(name: str) -> tuple[str, str]:
    """(key, name as shown) of a person: the last two words of the name."""
    words = name.split()
    return f"person:{words[-2].lower()}|{words[-1].lower()}", " ".join(words[-2:])


def person_before_connector(name: str) -> str:
    """The words of ``name`` before its first connector when they are two or more ("Henning Marcussen von Syd-":
    Henning Marcussen, of a place or a body), else ``name``."""
    words = name.split()
    cut = next((i for i, w in enumerate(words) if w.lower() in _CONNECTORS), len(words))
    return " ".join(words[:cut]) if cut >= 2 else name


def weak(name: str, known: Known) -> bool:
    """Whether the name is a lone word known only as one the article repeats (not an acronym, not a surname)."""
    return " " not in name and not name.isupper() and name not in known.people
