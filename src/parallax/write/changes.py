"""When a story's brief is rewritten: only when what it is written from changed in a way a reader would miss.

A story changes version with every article it takes, but most additions repeat what its brief already tells (a
second copy of a wire story, an update of a page). The brief is rewritten when its material changed:

- an article it was written from left the story, or its text changed;
- a new outlet covers the story (every outlet a reader could look for is in the brief's sources at once);
- a language is added;
- a figure that none of the brief's articles gave;
- a sentence that is not a near-duplicate of one the brief's articles hold (``NEAR``: most of its words in one
  stored sentence); on a later day than every article the brief read, it is a development (the timeline moves).

Otherwise the last brief stands, and the decision and its reason are recorded; it stands at most
``STALE_RUNS`` runs or until ``STALE_ARTICLES`` articles were added since it was written, whichever comes first.
When nothing the brief reads changed at all (the same articles, the same texts), the kept brief is the brief a
rewrite would give.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.models import Article
from parallax.write.pool import is_furniture, numbers_in

STALE_RUNS = 4  # a kept brief is rewritten at the latest on the fourth run that kept it
STALE_ARTICLES = 10  # ... or once this many articles were added since it was written
NEAR = 0.8  # share of a new sentence's words found in one stored sentence that makes it a near-duplicate
MIN_WORDS = 4  # shorter sentences say too little to count as new
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Decision:
    rewrite: bool
    reason: str


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text))


def _sentences(article: Article) -> list[str]:
    texts = (article.sentence_text(s.index) for s in article.sentences)
    return [t for t in texts if not is_furniture(t) and len(t.split()) >= MIN_WORDS]


def material_change(before: Sequence[Article], new: Sequence[Article], sources: dict[str, str]) -> str:
    """Why ``new`` articles change the material of a brief written from ``before`` ("" when they do not).

    ``sources``: article id → who stands behind it (a reprint's original outlet), for every article."""
    if not new:
        return ""
    outlets = {sources[a.id] for a in before}
    if added := sorted({sources[a.id] for a in new} - outlets):
        return f"new outlet: {', '.join(added)}"
    if languages := sorted({a.language for a in new} - {a.language for a in before}):
        return f"language added: {', '.join(languages)}"
    change = _new_content(before, new)
    last = max((a.published.date() for a in before if a.published), default=None)
    later = [a for a in new if last and a.published and a.published.date() > last]
    return f"a development on a later day: {change}" if change and later else change


def _new_content(before: Sequence[Article], new: Sequence[Article]) -> str:
    stored = [_words(t) for a in before for t in _sentences(a)]
    figures = frozenset().union(*(numbers_in(t) for a in before for t in _sentences(a)))
    for article in new:
        for text in _sentences(article):
            if numbers_in(text) - figures:
                return f"a new figure in {article.id}: {text[:80]!r}"
            words = _words(text)
            if not any(len(words & old) >= NEAR * len(words) for old in stored):
                return f"a new sentence in {article.id}: {text[:80]!r}"
    return ""


def decide(unchanged: bool, change: str, added: int, kept_runs: int) -> Decision:
    """Rewrite or keep, with why. ``unchanged``: the brief's own articles and texts are as it read them;
    ``change``: ``material_change`` of the articles added since; ``kept_runs``: runs that kept the brief so far."""
    if not unchanged:
        return Decision(True, "the articles the brief was written from changed or left the story")
    if change:
        return Decision(True, change)
    if not added:
        return Decision(False, "nothing the brief reads changed")
    if kept_runs + 1 >= STALE_RUNS or added >= STALE_ARTICLES:
        return Decision(True, f"stood {kept_runs + 1} runs and {added} articles without a material change")
    return Decision(False, f"{added} added article(s) repeat what the brief holds")
