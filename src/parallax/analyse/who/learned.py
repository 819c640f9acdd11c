"""Attribution relations from the CRF tagger, combined with the rules'.

The tagger gives every token a probability of being Source, Cue, Content or
nothing. Two uses, both chosen on held-out PolNeAR *train* articles:

- it confirms the rules: a rule relation stays when the tagger gives its cue or
  its source even a small chance (``CONFIRM_BELOW``) of playing that role;
- it adds relations the lexicon misses ("endorsed", "wants", "showed"): each
  tagged cue takes the nearest tagged source and content of its sentence,
  looking again with a looser threshold when there is none.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import lru_cache

from parallax.analyse.who.tagger import load_tagger, role_odds, role_runs, tags_at, tokenize
from parallax.errors import ModelError

Local = tuple[int, int]
Relation = tuple[Local, Local, Local]  # source, cue, content
KEEP_OTHER = 0.5  # a token joins a learned span unless P(no role) reaches this
FALLBACK_OTHER = 0.8  # a cue whose sentence has no source (or content) at KEEP_OTHER looks again at this
CONFIRM_BELOW = 0.95  # a rule's cue or source counts as confirmed unless P(no role) reaches this


@lru_cache(maxsize=1)
def default_tagger() -> object | None:
    """The shipped tagger, or None (with a warning) when it cannot be loaded."""
    try:
        return load_tagger()
    except ModelError as exc:
        warnings.warn(f"attribution tagger unavailable, rules only: {exc}", RuntimeWarning, stacklevel=2)
        return None


def _overlap(a: Local, b: Local) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gap(a: Local, b: Local) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _nearest(spans: list[Local], cue: Local) -> Local | None:
    return min(spans, key=lambda span: (_gap(span, cue), -(span[1] - span[0])), default=None)


def _by_tag(runs: list[tuple[str, int, int]]) -> dict[str, list[Local]]:
    spans: dict[str, list[Local]] = {"S": [], "C": [], "Q": []}
    for tag, start, end in runs:
        spans[tag].append((start, end))
    return spans


def assemble(runs: list[tuple[str, int, int]], fallback: Sequence[tuple[str, int, int]] = ()) -> list[Relation]:
    """Each tagged cue with the nearest tagged source and content (else the nearest in ``fallback``).

    Cues still lacking either are dropped.
    """
    spans, loose = _by_tag(runs), _by_tag(list(fallback))
    relations = []
    for cue in spans["C"]:
        source = _nearest(spans["S"], cue) or _nearest(loose["S"], cue)
        content = _nearest(spans["Q"], cue) or _nearest(loose["Q"], cue)
        if source and content:
            relations.append((source, cue, content))
    return relations


def confirmed(rules: list[Relation], runs: list[tuple[str, int, int]]) -> list[Relation]:
    """The rule relations whose cue the tagger marks as a cue or whose source it marks as a source."""
    spans = _by_tag(runs)
    return [r for r in rules if any(_overlap(r[1], c) for c in spans["C"]) or any(_overlap(r[0], s) for s in spans["S"])]


def merge_relations(rules: list[Relation], learned: list[Relation]) -> list[Relation]:
    """The rules' relations plus learned ones with a new cue; a known speaker keeps the rules' span."""
    merged = list(rules)
    for source, cue, content in learned:
        if any(_overlap(cue, r[1]) for r in merged):
            continue
        known = [r[0] for r in rules if _overlap(source, r[0])]
        merged.append((known[0] if known else source, cue, content))
    return merged


def combine(text: str, rules: list[Relation], tagger: object) -> list[Relation]:
    """The sentence's relations: confirmed rule relations, then learned ones the rules lack."""
    tokens = tokenize(text)
    odds = role_odds(tokens, tagger)
    kept = confirmed(rules, role_runs(tokens, tags_at(odds, CONFIRM_BELOW))) if rules else rules
    learned = assemble(role_runs(tokens, tags_at(odds, KEEP_OTHER)), role_runs(tokens, tags_at(odds, FALLBACK_OTHER)))
    return merge_relations(kept, learned)
