"""Conflicting figures: the numbers independent outlets disagree on (34 vs 33 vs 31 dead), side by side.

The analyse stage finds the figures (``extract_figures``, then every number in
digits), what each measures and when (``analyse.quantities``, from the parse)
and the conflicts (``conflicting_figures``); this module splits a quantity's
values into the accounts that rival each other and cites them. Every source
stating a value shares its entry; wire copies speak through their original.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import combinations

import numpy as np

from parallax.analyse.quantities import WINDOW
from parallax.analyse.who import Figure, FigureConflict, conflicting_figures
from parallax.analyse.who.figures import TOLLS, consistent, juxtaposed
from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.reported import dated_from_text, story_figures

MAX_CONFLICTS = 5
RELATED = 0.5  # share of the same-fact cosine at which two figures' sentences talk about one thing
PARALLEL = 0.9  # share of it at which two sources' one-value sentences give rival values of one quantity


def _by_value(figures: Iterable[Figure]) -> dict[float, list[Figure]]:
    """The figures giving each value, smallest value first."""
    found: dict[float, list[Figure]] = {}
    for figure in sorted(figures, key=lambda f: f.value):
        found.setdefault(figure.value, []).append(figure)
    return found


@dataclass(frozen=True)
class _Quantity:
    """One quantity's figures, each placed at its sentence in the pool."""

    pool: SentencePool
    figures: tuple[Figure, ...]

    @cached_property
    def at(self) -> dict[Figure, int]:
        """The pool position of each figure's sentence."""
        where = {(r.article.id, r.index): k for k, r in enumerate(self.pool.refs)}
        return {f: where[(f.article_id, f.sentence_index)] for f in self.figures}

    @cached_property
    def values(self) -> dict[float, list[Figure]]:
        """The figures giving each value, smallest value first."""
        return _by_value(self.figures)

    @cached_property
    def lone(self) -> dict[float, list[Figure]]:
        """Each value's figures whose sentence gives no other value of the quantity: one account per sentence."""
        per_sentence = Counter(k for k, _ in {(self.at[f], f.value) for f in self.figures})
        return _by_value(f for f in self.figures if per_sentence[self.at[f]] == 1)

    def sources(self, value: float) -> set[str]:
        """The independent sources that give ``value``."""
        return {self.pool.refs[self.at[f]].source for f in self.values[value]}

    def parallel(self, a: float, b: float, floor: float) -> bool:
        """Whether two sources give the values alone in sentences saying the same thing (cosine ``floor`` or more)."""
        refs, sim, at = self.pool.refs, self.pool.sim, self.at
        return any(refs[at[x]].source != refs[at[y]].source and sim[at[x], at[y]] >= floor
                   for x in self.lone.get(a, []) for y in self.lone.get(b, []))

    def rivals(self, a: float, b: float) -> bool:
        """Whether values ``a`` and ``b`` are rival accounts of the quantity.

        Either one sentence sets them against each other, the second under its own attribution, or two sources state
        them alone in parallel sentences. A value only one source gives needs a closer parallel (the support
        cosine), so a stray figure about something else (debris over 500 metres beside a 3,000-metre altitude,
        a 1,200-job warning beside a 4,000-job industry) stays out.
        """
        if any(juxtaposed(self.pool.refs[self.at[x]].article.text, x, y)
               for x in self.values[a] for y in self.values[b]):
            return True
        corroborated = len(self.sources(a)) > 1 and len(self.sources(b)) > 1
        return self.parallel(a, b, PARALLEL * self.pool.same_fact if corroborated else self.pool.support)

    def positions(self) -> dict[float, list[int]]:
        """Each value with one sentence per source that gives it, best first: the one the brief shows.

        Best is a sentence giving no other value of the conflict, then the plainest wording: for 6,000 metres,
        Vantorp's "at an altitude of 6,000 metres and 1.5 kilometres inside" rather than one giving both accounts.
        """
        found: dict[float, list[int]] = {}
        for value, given in self.values.items():
            others = set(self.values) - {value}
            best: dict[str, int] = {}
            for k in sorted({self.at[f] for f in given}, key=lambda k: self._rank(k, others)):
                best.setdefault(self.pool.refs[k].source, k)
            found[value] = list(best.values())
        return found

    def _rank(self, k: int, others: set[float]) -> tuple[bool, float, int]:
        """Sentence ``k``'s place among a value's: giving other values of the conflict last, then by opinion."""
        return bool(self.pool.refs[k].numbers & others), float(self.pool.opinion[k]), k


def _accounts(pool: SentencePool, conflict: FigureConflict) -> list[_Quantity]:
    """The conflict's values in groups that rival each other; a toll's headline figures are one group."""
    quantity = _Quantity(pool, conflict.figures)
    if conflict.subject in TOLLS:
        return [quantity]
    groups = [{v} for v in quantity.values]
    for a, b in combinations(quantity.values, 2):
        ga, gb = (next(g for g in groups if v in g) for v in (a, b))
        if ga is not gb and quantity.rivals(a, b):
            groups = [g for g in groups if g is not ga and g is not gb] + [ga | gb]
    return [_Quantity(pool, tuple(f for f in conflict.figures if f.value in g)) for g in groups if len(g) > 1]


def about_one_thing(pool: SentencePool, positions: dict[float, list[int]], floor: float, sim=None) -> bool:
    """True when every value's sentences relate to another value's: 4% fines vs 18% share fall are two things.

    A value relates through any of its cited sentences (cosine ``sim``, the pool's unless given); one sentence giving
    two values relates them.
    """
    sim = pool.sim if sim is None else sim
    return all(max(sim[i, j] for i in ids for w, other in positions.items() if w != v for j in other)
               >= floor for v, ids in positions.items())


def related_values(quantity: _Quantity, floor: float, sim=None) -> _Quantity:
    """The quantity without the values whose sentences relate to no other value's (``about_one_thing``): one
    outlet's toll in a sentence about something else does not sink the others' conflict."""
    positions = quantity.positions()
    pool = quantity.pool
    sim = pool.sim if sim is None else sim
    kept = {v for v, ids in positions.items() if any(sim[i, j] >= floor for i in ids for w, other in
                                                      positions.items() if w != v for j in other)}
    return _Quantity(pool, tuple(f for f in quantity.figures if f.value in kept))


def _entry(pool: SentencePool, value: float, unit: str, ids: list[int]) -> dict:
    """One value of a conflict: its first sentence shown, every source's sentence cited; ``date_read`` says how the
    day was read from the page when a source giving it has no publication date ("dateline", "weekday")."""
    read = sorted({how for k in ids if (how := dated_from_text(pool).get(pool.refs[k].article.id))})
    return {"value": value, "unit": unit, "text": pool.refs[ids[0]].text,
            "citations": tuple(pool.refs[k].citation for k in ids), **({"date_read": read[0]} if read else {})}


def _sources(conflict: dict) -> int:
    """How many outlets a built conflict cites."""
    return len({c.outlet for value in conflict["values"] for c in value["citations"]})


def by_day(reported: dict[str, list[Figure]]) -> dict[str, dict[str, list[Figure]]]:
    """The figures by the time they hold, then by source: only figures of one time can conflict. A toll holds on its
    day (one that grows over days is a development, shown on the timeline); a property of the event (a magnitude, a
    distance) holds for every day within ``WINDOW`` of the first that gives it, so a next-day report of it counts."""
    days = sorted({f.when for figures in reported.values() for f in figures if f.subject not in TOLLS})
    starts: dict[str, str] = {}
    for day in days:
        first = starts[days[days.index(day) - 1]] if starts else day
        starts[day] = first if _days_apart(first, day) <= WINDOW.days else day
    found: dict[str, dict[str, list[Figure]]] = {}
    for source, figures in reported.items():
        for figure in figures:
            when = figure.when if figure.subject in TOLLS else starts[figure.when]
            found.setdefault(when, {}).setdefault(source, []).append(figure)
    return found


def _days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(b) - date.fromisoformat(a)).days)


def _floor(pool: SentencePool, conflict: FigureConflict) -> float:
    """The cosine at which the sentences of a conflict's values must relate: a toll's at half the same-fact cosine,
    any other quantity's at the support cosine ("$3.6 billion for the wall" and "$8 billion for relief" are two
    sums)."""
    return RELATED * pool.same_fact if conflict.subject in TOLLS else pool.support


def _closeness(pool: SentencePool, conflict: FigureConflict):
    """How close the pool's sentences are for this conflict: the cosine, except that two sentences in two languages
    giving a toll of one named place ("people in Turkey") on one day relate whatever their words — an English-only
    encoder puts "17.134 personas han muerto" far from "12,391 people had died", and the place, the measure and the
    day already say they count one thing. In one language the cosine still decides (two strikes on one city)."""
    if not conflict.unit.startswith("people in "):
        return pool.sim
    return pool.derived("toll_closeness", lambda: _across_languages(pool))


def _across_languages(pool: SentencePool):
    languages = np.array([r.article.language or "" for r in pool.refs])
    return np.where(languages[:, None] != languages[None, :], 1.0, pool.sim)


def build_conflicting_figures(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Quantities (dead, injured, evacuated, share, amount…) on which sources give rival values the same day, widest
    first; past ``MAX_CONFLICTS`` the rest are ``folded`` (the page shows them on request, none is dropped). Beyond
    a toll, the sentences must say the same thing (the support cosine): "$3.6 billion for the wall" and "$8 billion
    for relief" are two sums, not two accounts of one."""
    found = []
    for day, figures in sorted(by_day(story_figures(pool)).items()):
        for conflict in conflicting_figures(figures):
            for quantity in _accounts(pool, conflict):
                floor, sim = _floor(pool, conflict), _closeness(pool, conflict)
                if conflict.subject in TOLLS:  # a toll's value told in words unlike the others' is left out alone
                    quantity = related_values(quantity, floor, sim)
                positions = quantity.positions()
                if len(positions) > 1 and not consistent(quantity.figures) and about_one_thing(pool, positions, floor,
                                                                                                sim):
                    values = [_entry(pool, v, conflict.unit, ids) for v, ids in positions.items()]
                    found.append({"subject": conflict.subject, "date": day, "values": values})
    ordered = sorted(found, key=lambda c: -_sources(c))
    return ordered[:MAX_CONFLICTS] + [{**c, "folded": True} for c in ordered[MAX_CONFLICTS:]]
