"""Coverage bars: who covered a story, by leaning, country, language and ownership.

Pure geometry for a small stacked SVG bar; the template draws it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from parallax.ingest.outlets.describe import country_display, language_name
from parallax.models import LEANINGS, OWNERSHIP_KINDS

DIMENSIONS = (("by_leaning", "Leaning"), ("by_country", "Country"), ("by_language", "Language"),
              ("by_ownership", "Ownership"))
UNKNOWN = "unknown"
_ORDER = {"by_leaning": LEANINGS, "by_ownership": OWNERSHIP_KINDS}
_PALETTE_SIZE = 8


@dataclass(frozen=True)
class Segment:
    label: str
    count: int
    x: float  # percent of the bar's width
    width: float
    tone: str  # CSS class that colours the segment
    name: str = ""  # what a reader sees: "United Kingdom" for GB, "German" for de; the label otherwise


@dataclass(frozen=True)
class CoverageBar:
    key: str
    title: str
    total: int
    segments: tuple[Segment, ...]

    @property
    def description(self) -> str:
        """A text equivalent of the bar, for screen readers."""
        parts = ", ".join(f"{s.name or s.label} {s.count}" for s in self.segments)
        return f"{self.title} of {self.total} articles: {parts}"


def coverage_from_sources(sources: Iterable[Mapping]) -> dict[str, dict[str, int]]:
    """Count a brief's sources by outlet leaning, country and ownership (reprints left out)."""
    originals = [s for s in sources if isinstance(s, Mapping) and not s.get("reprint_of")]
    outlets = [s.get("outlet") or {} for s in originals]
    return {
        "by_country": dict(Counter(country_display(o.get("country")) for o in outlets)),
        "by_language": dict(Counter(language_name(o.get("language") or "") or "language not known" for o in outlets)),
        "by_leaning": dict(Counter(o.get("leaning") or "leaning not known" for o in outlets)),
        "by_ownership": dict(Counter(o.get("ownership") or "ownership not known" for o in outlets)),
    }


def coverage_bars(coverage: Mapping[str, Mapping[str, int]]) -> list[CoverageBar]:
    """One bar per dimension that has counts, segments in a stable, meaningful order."""
    bars = []
    for key, title in DIMENSIONS:
        counts = {str(k): int(v) for k, v in (coverage.get(key) or {}).items() if int(v) > 0}
        if counts:
            bars.append(_bar(key, title, counts))
    return bars


def _bar(key: str, title: str, counts: dict[str, int]) -> CoverageBar:
    total = sum(counts.values())
    x, segments = 0.0, []
    for position, label in enumerate(_ordered(key, counts)):
        width = 100.0 * counts[label] / total
        segments.append(Segment(label, counts[label], round(x, 3), round(width, 3), _tone(key, label, position),
                                _name(key, label)))
        x += width
    return CoverageBar(key, title, total, tuple(segments))


def _ordered(key: str, counts: dict[str, int]) -> list[str]:
    known = _ORDER.get(key)
    if known:
        rank = {name: i for i, name in enumerate(known)}
        return sorted(counts, key=lambda label: (_unknown(label), rank.get(label, len(rank)), label))
    return sorted(counts, key=lambda label: (_unknown(label), -counts[label], label))


def _unknown(label: str) -> bool:
    return label == UNKNOWN or label.endswith("not known")


def _name(key: str, label: str) -> str:
    if label == UNKNOWN:
        return label
    named = {"by_country": country_display, "by_language": language_name}.get(key)
    return named(label) if named else label


def _tone(key: str, label: str, position: int) -> str:
    if _unknown(label):
        return "tone-unknown"
    if key == "by_leaning" and label in LEANINGS:
        return f"lean-{label}"
    return f"tone-{position % _PALETTE_SIZE}"
