"""The bias wheel: an outlet's language scores (0–1 per dimension) as a radial SVG chart.

``bias_wheel`` is pure geometry; the ``wheel`` macro in _charts.html draws it and
``bias_wheel_svg`` returns that drawing as a string.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The language dimensions in reading order around the wheel; unknown ones follow by name.
DIMENSION_ORDER = (
    "sensational", "clickbait", "fearful", "loaded_language", "opinionated", "subjective", "prescriptive",
    "oversimplification", "appeal_to_authority", "gossip", "victimization", "covering_response", "political",
    "biased", "tone_negative", "negative_tone", "tone_positive", "positive_tone",
)
WIDTH, HEIGHT, RADIUS = 560.0, 390.0, 150.0
RINGS = (0.25, 0.5, 0.75, 1.0)
LABEL_GAP = 12.0


@dataclass(frozen=True)
class Spoke:
    dimension: str
    label: str
    value: float  # clamped to [0, 1]
    end: tuple[float, float]  # the axis end (value 1)
    point: tuple[float, float]  # where the value sits on the axis
    label_at: tuple[float, float]
    anchor: str  # SVG text-anchor for the label


@dataclass(frozen=True)
class Wheel:
    center: tuple[float, float]
    radius: float
    spokes: tuple[Spoke, ...]
    size: tuple[float, float] = (WIDTH, HEIGHT)

    @property
    def rings(self) -> tuple[float, ...]:
        return tuple(round(self.radius * r, 2) for r in RINGS)

    @property
    def polygon(self) -> str:
        """The value shape as SVG ``points``."""
        return " ".join(f"{x},{y}" for x, y in (s.point for s in self.spokes))

    @property
    def description(self) -> str:
        """A text equivalent of the chart, for screen readers."""
        return "; ".join(f"{s.label} {round(s.value * 100)}%" for s in self.spokes)


def _number(value: Any) -> float | None:
    value = getattr(value, "mean", value)  # an interval (mean, low, high) counts as its mean
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return None
    return min(1.0, max(0.0, float(value)))


def ordered_scores(scores: Mapping[str, Any]) -> list[tuple[str, float]]:
    """(dimension, value in [0, 1]) for every numeric score, in wheel order."""
    rank = {name: i for i, name in enumerate(DIMENSION_ORDER)}
    values = {str(k): _number(v) for k, v in scores.items()}
    names = sorted((k for k, v in values.items() if v is not None), key=lambda k: (rank.get(k, len(rank)), k))
    return [(name, values[name]) for name in names]  # type: ignore[misc]


def bias_wheel(scores: Mapping[str, Any]) -> Wheel | None:
    """Spokes evenly spaced from 12 o'clock, clockwise; None when fewer than three scores."""
    values = ordered_scores(scores)
    if len(values) < 3:
        return None
    cx, cy = WIDTH / 2, HEIGHT / 2
    spokes = tuple(_spoke(name, value, i, len(values), cx, cy) for i, (name, value) in enumerate(values))
    return Wheel((cx, cy), RADIUS, spokes)


def _spoke(name: str, value: float, i: int, n: int, cx: float, cy: float) -> Spoke:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    dx, dy = math.cos(angle), math.sin(angle)
    at = lambda r: (round(cx + r * dx, 2), round(cy + r * dy, 2))
    anchor = "middle" if abs(dx) < 0.2 else ("start" if dx > 0 else "end")
    label_x, label_y = at(RADIUS + LABEL_GAP)
    return Spoke(name, name.replace("_", " "), value, at(RADIUS), at(RADIUS * value),
                 (label_x, round(label_y + 4 * (1 + dy), 2)), anchor)


def bias_wheel_svg(scores: Mapping[str, Any], title: str = "Language profile") -> str:
    """The bias wheel as a standalone, labelled ``<svg>`` ("" when there are too few scores)."""
    from parallax.serve.render import template_env

    wheel = bias_wheel(scores)
    if wheel is None:
        return ""
    macro = template_env().get_template("_charts.html").module.wheel  # type: ignore[attr-defined]
    return str(macro(wheel, title)).strip()
