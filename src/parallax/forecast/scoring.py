"""Keeping score: Brier scores and reliability (calibration) bins, overall and by group.

Only forecasts resolved yes or no are scored; void ones are counted, not scored. The
always-0.5 forecaster scores 0.25 on any set, the baseline every figure sits beside.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from parallax.forecast.records import Forecast

BASELINE_BRIER = 0.25
BINS = 5


@dataclass(frozen=True)
class ReliabilityBin:
    lower: float
    upper: float
    count: int
    mean_probability: float | None  # None for an empty bin
    observed: float | None  # share that came true


def brier(pairs: Sequence[tuple[float, int]]) -> float | None:
    """Mean squared distance between probability and outcome (0 perfect, 0.25 always-0.5); None when empty."""
    if not pairs:
        return None
    return round(sum((p - y) ** 2 for p, y in pairs) / len(pairs), 4)


def reliability(pairs: Sequence[tuple[float, int]], bins: int = BINS) -> list[ReliabilityBin]:
    """Forecasts grouped by stated probability: how often each group came true."""
    groups: list[list[tuple[float, int]]] = [[] for _ in range(bins)]
    for p, y in pairs:
        groups[min(bins - 1, int(p * bins))].append((p, y))
    return [ReliabilityBin(i / bins, (i + 1) / bins, len(g),
                           round(sum(p for p, _ in g) / len(g), 3) if g else None,
                           round(sum(y for _, y in g) / len(g), 3) if g else None)
            for i, g in enumerate(groups)]


def scored(forecasts: Sequence[Forecast], base: bool = False) -> list[tuple[float, int]]:
    """(probability, outcome) of every forecast resolved yes or no; ``base`` takes the model's own figure."""
    return [(f.base_probability if base else f.probability, f.outcome) for f in forecasts if f.outcome is not None]


def _by(forecasts: Sequence[Forecast], key: Callable[[Forecast], str]) -> dict[str, dict]:
    groups: dict[str, list[Forecast]] = defaultdict(list)
    for f in forecasts:
        if f.outcome is not None:
            groups[key(f) or "unknown"].append(f)
    return {name: {"resolved": len(g), "brier": brier(scored(g)),
                   "came_true": sum(f.outcome for f in g)} for name, g in sorted(groups.items())}


def scorecard(forecasts: Sequence[Forecast]) -> dict:
    """Every figure of the forecasts page and its JSON twin."""
    pairs = scored(forecasts)
    counts = {status: sum(f.status == status for f in forecasts) for status in ("open", "yes", "no", "void")}
    return {
        "forecasts": len(forecasts), "counts": counts, "resolved": len(pairs),
        "brier": brier(pairs), "brier_base_model": brier(scored(forecasts, base=True)),
        "baseline_brier": BASELINE_BRIER,
        "reliability": [asdict(b) for b in reliability(pairs)],
        "by_topic": _by(forecasts, lambda f: f.topic),
        "by_source_kind": _by(forecasts, lambda f: f.source_kind),
        "by_ownership": _by(forecasts, lambda f: f.ownership),
        "models": sorted({f.model for f in forecasts}),
    }
