"""Coverage bars: who covered a story, by leaning, country, language and ownership.

Counts are of independent outlets (reprints left out; a family, one owner or syndication network, counts
once), each with the outlets behind it. Pure geometry for a small stacked SVG bar; the template draws it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from parallax.ingest.outlets.describe import country_display, language_name, voice_label
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
    outlets: tuple[str, ...] = ()  # the outlets behind the count, one entry per voice


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
        return f"{self.title} of {self.total} outlets: {parts}"


_LABELS: dict[str, Callable[[Mapping], str]] = {
    "by_country": lambda o: country_display(o.get("country")),
    "by_language": lambda o: language_name(o.get("language") or "") or "language not known",
    "by_leaning": lambda o: o.get("leaning") or "leaning not known",
    "by_ownership": lambda o: o.get("ownership") or "ownership not known",
}


def _voices(sources: Iterable[Mapping]) -> dict[str, list[Mapping]]:
    """The outlets of original sources, each once, grouped by voice (its family, else itself)."""
    voices: dict[str, list[Mapping]] = defaultdict(list)
    seen: set[str] = set()
    for i, source in enumerate(sources):
        if not isinstance(source, Mapping) or source.get("reprint_of"):
            continue
        outlet = source.get("outlet") or {}
        name = outlet.get("name") or f"unnamed source {source.get('number') or i + 1}"
        if name not in seen:
            seen.add(name)
            voices[outlet.get("family") or name].append({**outlet, "name": name})
    return voices


def coverage_from_sources(sources: Iterable[Mapping]) -> dict:
    """A brief's independent outlets by country, language, leaning and ownership, with the outlets behind each
    count and the state-controlled ones named."""
    voices = _voices(sources)
    named: dict[str, dict[str, list[str]]] = {key: defaultdict(list) for key in _LABELS}
    for voice, members in voices.items():
        for key, label_of in _LABELS.items():
            for label in dict.fromkeys(map(label_of, members)):  # a family's members named under theirs
                behind = [o["name"] for o in members if label_of(o) == label]
                named[key][label].append(voice_label(voice, behind, len(members)))
    state = sorted(voice_label(v, [o["name"] for o in m], len(m)) for v, m in voices.items()
                   if any(o.get("ownership") == "state" for o in m))
    return {**{key: {label: len(names) for label, names in groups.items()} for key, groups in named.items()},
            "outlets": {key: dict(groups) for key, groups in named.items()}, "state_outlets": state,
            "independent_outlets": len(voices)}


def coverage_bars(coverage: Mapping[str, Mapping[str, int]]) -> list[CoverageBar]:
    """One bar per dimension that has counts, segments in a stable, meaningful order."""
    bars = []
    behind = coverage.get("outlets") if isinstance(coverage.get("outlets"), Mapping) else {}
    for key, title in DIMENSIONS:
        counts = {str(k): int(v) for k, v in (coverage.get(key) or {}).items() if int(v) > 0}
        if counts:
            bars.append(_bar(key, title, counts, behind.get(key) or {}))
    return bars


def _bar(key: str, title: str, counts: dict[str, int], behind: Mapping[str, list[str]]) -> CoverageBar:
    total = sum(counts.values())
    x, segments = 0.0, []
    for position, label in enumerate(_ordered(key, counts)):
        width = 100.0 * counts[label] / total
        names = tuple(behind.get(label) or ())
        segments.append(Segment(label, counts[label], round(x, 3), round(width, 3), _tone(key, label, position),
                                _name(key, label), names if len(names) == counts[label] else ()))
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
