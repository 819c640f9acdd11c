"""Conflicting figures: the same kind of count given with different values by different outlets."""

from __future__ import annotations

import re

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool

UNITS = ["dead", "killed", "died", "deaths", "injured", "wounded", "hurt", "missing", "arrested", "people", "victims", "homes", "houses", "hectares", "acres", "records", "votes", "jobs", "troops", "refugees"]
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_COUNT = re.compile(_NUMBER + r"\s+(?:[A-Za-z-]+\s+){0,2}?(" + "|".join(UNITS) + r")\b", re.IGNORECASE)
CLOSE = 1.5  # values further apart than this ratio count different things, not a disagreement
_PERCENT = re.compile(_NUMBER + r"\s*(%|percent\b)", re.IGNORECASE)


def figures_in(text: str) -> list[tuple[float, str]]:
    """(value, unit word) pairs stated in ``text``."""
    found = [(float(n.replace(",", "")), u.lower()) for n, u in _COUNT.findall(text)]
    found += [(float(n.replace(",", "")), "%") for n, _ in _PERCENT.findall(text)]
    return found


def close_runs(values: list[float], ratio: float = CLOSE) -> list[list[float]]:
    """Sorted values split where one is more than ``ratio`` times the one before (3 arrests vs 140 dead)."""
    runs: list[list[float]] = []
    for v in sorted(values):
        if runs and v <= ratio * runs[-1][-1]:
            runs[-1].append(v)
        else:
            runs.append([v])
    return runs


def build_conflicting_figures(pool: SentencePool, summary: tuple[CitedSentence, ...]) -> list[dict]:
    """Per unit word, close but different values that independent outlets give, side by side."""
    by_unit: dict[str, dict[float, tuple[str, int]]] = {}
    for i, r in enumerate(pool.refs):
        if r.reprint:
            continue
        for value, unit in figures_in(r.text):
            by_unit.setdefault(unit, {}).setdefault(value, (r.source, i))
    conflicts = []
    for unit, values in by_unit.items():
        for run in close_runs(list(values)):
            if len(run) > 1 and len({values[v][0] for v in run}) > 1:
                items = [{"value": v, "unit": unit, "text": pool.refs[values[v][1]].text,
                          "citations": (pool.refs[values[v][1]].citation,)} for v in run]
                conflicts.append({"subject": unit, "values": items})
    return conflicts
