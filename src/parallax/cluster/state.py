"""Story state while assigning: the configuration, open stories and their scores."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from parallax.cluster.signals import DocumentFrequencies, Signals


@dataclass(frozen=True)
class ClusterConfig:
    """How willing an article is to join a story; one configuration for every corpus."""

    threshold: float = 0.02  # combined score, less the local density (CSLS), needed to join a story
    floor: float = 0.2  # the raw combined score needed to join at all, however sparse the neighbourhood
    merge_threshold: float = 0.6  # combined similarity at which two stories become one
    window_days: float = 7.0  # a story goes cold this long after its last article
    embedding_weight: float = 0.5  # MiniLM cosine: paraphrase-aware
    name_weight: float = 0.1  # shared capitalised names and figures: who, where and how many
    term_weight: float = 0.4  # TF-IDF cosine: rare specific words that embeddings blur
    time_weight: float = 0.3  # penalty per window of distance in time; undated articles pay none
    hub_weight: float = 1.0  # how much the neighbourhoods' density raises the bar (0: a fixed threshold)
    hub_k: int = 2  # nearest open stories averaged into a density
    outlet_weight: float = 0.1  # an outlet rarely files two reports of one event on the same day
    outlet_days: float = 1.0  # how close in time a same-outlet article must be to count against joining
    shortlist: int = 8  # stories scored in full after the vector pre-selection
    max_open: int = 2000  # bound on open stories when dates are missing


@dataclass
class OpenStory:
    """A story being built: running sums so every score is O(1) in its size."""

    id: str
    members: list[str]
    vector_sum: np.ndarray
    names: Counter = field(default_factory=Counter)
    terms: Counter = field(default_factory=Counter)
    first_day: float | None = None
    last_day: float | None = None
    titles: list[str] = field(default_factory=list)
    outlets: dict[str, list[float | None]] = field(default_factory=dict)  # outlet -> days of its articles
    born: int = 0  # creation order: on a merge the older story keeps its id

    def absorb(self, item: Signals, term_weights: dict[str, float]) -> None:
        self.members.append(item.id)
        self.vector_sum = self.vector_sum + item.vector
        self.names.update(item.names)
        self.terms.update(term_weights)
        self.titles.append(item.title)
        if item.outlet:
            self.outlets.setdefault(item.outlet, []).append(item.day)
        if item.day is not None:
            self.first_day = item.day if self.first_day is None else min(self.first_day, item.day)
            self.last_day = item.day if self.last_day is None else max(self.last_day, item.day)

    def close(self) -> None:
        """Drop the matching state of a cold story; its members and dates stay for output."""
        self.names, self.terms = Counter(), Counter()

    def take(self, other: OpenStory) -> None:
        self.members.extend(other.members)
        self.vector_sum = self.vector_sum + other.vector_sum
        self.names.update(other.names)
        self.terms.update(other.terms)
        self.titles.extend(other.titles)
        for outlet, days_of in other.outlets.items():
            self.outlets.setdefault(outlet, []).extend(days_of)
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d is not None]
        self.first_day, self.last_day = (min(days), max(days)) if days else (None, None)


def overlap(words: frozenset[str] | Counter, story_counts: Counter, size: int, df: DocumentFrequencies) -> float:
    """IDF-weighted share of ``words`` found in the story's members, averaged over members."""
    total = sum(df.idf(w) for w in words)
    if not total:
        return 0.0
    shared = sum(df.idf(w) * min(1.0, story_counts[w] / size) for w in words if w in story_counts)
    return shared / total


def sparse_dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two sparse vectors kept as dicts."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[w] for w, v in a.items() if w in b)


def day_gap(day: float | None, story: OpenStory) -> float:
    """Days between ``day`` and the story's span; 0 when either is undated."""
    if day is None or story.first_day is None:
        return 0.0
    return max(0.0, story.first_day - day, day - story.last_day)


def same_outlet_nearby(item: Signals, story: OpenStory, days: float) -> bool:
    """Whether ``story`` already holds an article of ``item``'s outlet within ``days`` of it."""
    if not item.outlet or item.outlet not in story.outlets:
        return False
    return any(d is None or item.day is None or abs(d - item.day) <= days for d in story.outlets[item.outlet])
