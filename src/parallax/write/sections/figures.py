"""Conflicting figures: the numbers independent outlets disagree on (34 vs 33 vs 31 dead), side by side.

The analyse stage finds the figures (``extract_figures``) and the conflicts
(``conflicting_figures``); this module only cites them. Outlets giving the same
value share one entry; wire copies speak through their original.
"""

from __future__ import annotations

import re

from parallax.analyse.who import Figure, FigureConflict, conflicting_figures, extract_figures
from parallax.analyse.who.figures import range_low
from parallax.analyse.who.numbers import NUMBER_PATTERN, parse_number
from parallax.models import Article, Citation, CitedSentence
from parallax.write.pool import SentencePool

MAX_CONFLICTS = 5
_NOUN = re.compile(r"\s+(?:of\s+)?([a-z][a-z-]{2,})\b")
# words after a number that are not a counted thing, or are people (the analyse stage counts those)
_NOT_NOUNS = frozenset(
    ["and", "the", "of", "to", "in", "on", "at", "for", "from", "with", "by", "or", "per", "more", "than", "were", "was", "are", "had", "have", "has", "who", "which", "that", "years", "year", "days", "day", "hours", "hour", "minutes", "weeks", "week", "months", "month", "times", "people", "persons", "residents", "members", "percent", "per", "cent", "million", "billion", "thousand", "hundred"])
RELATED = 0.5  # share of the same-fact cosine at which two figures' sentences talk about one thing


def counted_noun(text: str, end: int) -> str:
    """The thing a number at ``text[:end]`` counts ("1,800 hectares" → "hectares"); "" for none or people."""
    match = _NOUN.match(text, end)
    return match.group(1).lower() if match and match.group(1).lower() not in _NOT_NOUNS else ""


def counted_figures(article: Article) -> list[Figure]:
    """Numbers in digits followed by what they count (hectares, records, tonnes), with that noun as subject."""
    found = []
    for s in article.sentences:
        for match in NUMBER_PATTERN.finditer(article.text, s.start, s.end):
            noun, value = counted_noun(article.text, match.end()), parse_number(match.group())
            if noun and value is not None and value > 1 and any(ch.isdigit() for ch in match.group()):
                citation = Citation(article.id, article.outlet, s.index, s.start, s.end)
                low = range_low(article.text[s.start : match.start()], match.group(), value)
                found.append(Figure(article.id, article.outlet, s.index, match.start(), match.end(), match.group(),
                                    value, "", noun, noun, citation, low))
    return found


def figures_by_source(pool: SentencePool) -> dict[str, list[Figure]]:
    """Every figure of the story's independent articles (the analyse stage's, then counted nouns), by source."""
    found: dict[str, list[Figure]] = {}
    for article in pool.material.independent_articles():
        figures = [f for f in extract_figures(article) if f.subject]
        seen = {(f.sentence_index, f.value) for f in figures}
        figures += [f for f in counted_figures(article) if (f.sentence_index, f.value) not in seen]
        found.setdefault(pool.material.source_key(article), []).extend(figures)
    return found


def _positions(pool: SentencePool, conflict: FigureConflict) -> dict[float, list[int]]:
    """Each value with the pool positions of the sentences that give it."""
    where = {(r.article.id, r.index): k for k, r in enumerate(pool.refs)}
    found: dict[float, list[int]] = {}
    for figure in sorted(conflict.figures, key=lambda f: f.value):
        found.setdefault(figure.value, []).append(where[(figure.article_id, figure.sentence_index)])
    return found


def about_one_thing(pool: SentencePool, positions: dict[float, list[int]]) -> bool:
    """True when every value's sentences relate to another value's: 4% fines vs 18% share fall are two things."""
    firsts = [ids[0] for ids in positions.values()]
    return all(max(pool.sim[i, j] for j in firsts if j != i) >= RELATED * pool.same_fact for i in firsts)


def _entry(pool: SentencePool, value: float, unit: str, ids: list[int]) -> dict:
    plainest = min(ids, key=lambda k: float(pool.opinion[k]))  # the value in its plainest wording
    ordered = [plainest] + [k for k in ids if k != plainest]
    return {"value": value, "unit": unit, "text": pool.refs[plainest].text,
            "citations": tuple(pool.refs[k].citation for k in ordered)}


def build_conflicting_figures(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Subjects (dead, injured, evacuated, share, amount…) on which outlets give different values."""
    found = []
    for conflict in sorted(conflicting_figures(figures_by_source(pool)), key=lambda c: -len(c.figures)):
        positions = _positions(pool, conflict)
        if about_one_thing(pool, positions):
            values = [_entry(pool, v, conflict.unit, ids) for v, ids in positions.items()]
            found.append({"subject": conflict.subject, "values": values})
    return found[:MAX_CONFLICTS]
