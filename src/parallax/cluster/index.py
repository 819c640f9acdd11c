"""The incremental story index: feed articles one at a time, in published order.

Only stories still open (their last article within ``window_days`` of the new
one, and at most ``max_open`` of them) are candidates, so the cost of placing
one article does not grow with the archive.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from parallax.cluster.nearest import StoryVectors
from parallax.cluster.signals import DocumentFrequencies, Signals
from parallax.cluster.state import (
    ClusterConfig,
    OpenStory,
    day_gap,
    overlap,
    places_disagree,
    same_outlet_nearby,
    sparse_dot,
)


def story_id_for(article_id: str) -> str:
    """A story is named after its first article, so re-runs give the same ids."""
    return "s" + article_id[:15]


class StoryIndex:
    """Online story assignment: ``add`` places one article and returns its story id."""

    def __init__(self, config: ClusterConfig | None = None):
        self.config = config or ClusterConfig()
        self.stories: dict[str, OpenStory] = {}
        self.merged: dict[str, str] = {}
        self.story_of: dict[str, str] = {}
        self._open: OrderedDict[str, float] = OrderedDict()  # story -> stream day of its last touch, oldest first
        self._names = DocumentFrequencies()
        self._terms = DocumentFrequencies()
        self._now: float | None = None
        self._created = 0
        self._vectors = StoryVectors()  # the open stories' means, for the shortlist (derived: see ``refresh_vectors``)

    def add(self, item: Signals, join: str | None = None) -> str:
        """Place ``item`` in the best open story (or ``join``'s story, for a reprint) or a new one."""
        if item.id in self.story_of:
            return self.resolve(self.story_of[item.id])
        if self.config.name_weight:  # the names and terms count only where their weights are on
            self._names.add(item.names)
        if self.config.term_weight:
            self._terms.add(item.terms)
        self._advance(item.day)
        weights = self._terms.weigh(item.terms) if self.config.term_weight else {}
        target = self.resolve(self.story_of[join]) if join in self.story_of else None
        if target is None and not item.held:
            target = self._best(item, weights)
        if target is None:
            target = story_id_for(item.id)
            self.stories[target] = OpenStory(target, [], np.zeros_like(item.vector), born=self._born(), held=item.held)
        self.stories[target].absorb(item, weights)
        self.story_of[item.id] = target
        self._touch(target)
        return target

    def _close(self, story_id: str) -> None:
        story = self.stories[story_id]
        story.close()
        self._vectors.drop(story_id)

    def _born(self) -> int:
        self._created += 1
        return self._created

    def resolve(self, story_id: str) -> str:
        """The surviving id of a story that may have been merged."""
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def _advance(self, day: float | None) -> None:
        """Move the stream clock and close stories untouched for longer than the window."""
        if day is None:
            return
        self._now = day if self._now is None else max(self._now, day)
        while self._open and next(iter(self._open.values())) < self._now - self.config.window_days:
            self._close(self._open.popitem(last=False)[0])

    def _touch(self, story_id: str) -> None:
        self._open[story_id] = self._now if self._now is not None else float("-inf")
        self._open.move_to_end(story_id)
        story = self.stories[story_id]
        if not story.held:
            self._vectors.put(story_id, story.vector_sum / len(story.members), (story.first_day, story.last_day))
        while len(self._open) > self.config.max_open:
            self._close(self._open.popitem(last=False)[0])

    def refresh_vectors(self) -> None:
        """Rebuild the shortlist's vectors from the open stories' sums (after a restore or a re-projection)."""
        stories = [self.stories[s] for s in self._open if not self.stories[s].held]
        self._vectors.rebuild((s.id, s.vector_sum / len(s.members), (s.first_day, s.last_day)) for s in stories)

    def _shortlist(self, item: Signals) -> list[tuple[OpenStory, float]]:
        """The open, unheld stories within the window whose mean vector is nearest the item's (average link)."""
        found = self._vectors.nearest(item.vector, self.config.shortlist, item.day, self.config.window_days)
        return [(self.stories[s], cosine) for s, cosine in found]

    def score(self, item: Signals, story: OpenStory, cosine: float, weights: dict[str, float]) -> float:
        """Combined similarity of ``item`` (its TF-IDF ``weights``) to ``story``, less its distance in time."""
        c, size = self.config, len(story.members)
        value = c.embedding_weight * cosine
        if c.name_weight:  # off by default: the anchors carry names (skipped, not multiplied by zero)
            value += c.name_weight * overlap(item.names, story.names, size, self._names)
        if c.term_weight:
            value += c.term_weight * sparse_dot(weights, story.terms) / size
        same = story.languages[item.language]
        value -= c.language_offset * same / size
        if c.crowd_weight:
            value -= c.crowd_weight * crowd_paid(item, story, same) / (2 * size)
        if c.elapsed_weight:  # the pairs of which one article looks back at an earlier event
            value -= c.elapsed_weight * (size - story.looking_back if item.looks_back else story.looking_back) / size
        if same_outlet_nearby(item, story, c.outlet_days):
            value -= c.outlet_weight
        if places_disagree(item.places, story.main_places(c.place_share)):
            value -= c.place_weight
        return value - c.time_weight * day_gap(item.day, story) / c.window_days

    def _best(self, item: Signals, weights: dict[str, float]) -> str | None:
        shortlist = self._shortlist(item)
        scored = [(self.score(item, s, cos, weights), s.id) for s, cos in shortlist]
        best = max(scored, default=None)
        return best[1] if best and best[0] >= self.config.threshold else None

    def apart(self, a: OpenStory, b: OpenStory) -> bool:
        """Whether two stories' main places share none (then they are different events, however alike)."""
        share = self.config.place_share
        return bool(self.config.place_weight) and places_disagree(a.main_places(share), b.main_places(share))

    def merge(self, a: OpenStory, b: OpenStory) -> str:
        """Make two stories one; the older keeps its id, the younger's id resolves to it. Returns the survivor."""
        return self._merge(a, b)

    def _merge(self, a: OpenStory, b: OpenStory) -> str:
        older, younger = sorted((a, b), key=lambda s: s.born)
        older.take(younger)
        self.merged[younger.id] = older.id
        del self.stories[younger.id]
        self._open.pop(younger.id, None)
        self._vectors.drop(younger.id)
        for member in younger.members:
            self.story_of[member] = older.id
        self._touch(older.id)
        return older.id


def crowd_paid(item: Signals, story: OpenStory, same: int) -> float:
    """The summed crowding of the item's pairs with the story's ``same`` members of its language, leaving out
    the pairs of two dated articles (the time penalty parts their events; ``ClusterConfig.crowd_weight``)."""
    language = item.language
    if item.day is None:
        return item.crowding * same + story.crowding[language]
    undated = same - story.dated_languages[language]
    return item.crowding * undated + story.crowding[language] - story.dated_crowding[language]


def drop_closed(index: StoryIndex) -> list[str]:
    """Forget the stories that went cold (they are frozen in the store) and the merges already recorded.

    What is left is what placing a later article reads: the open stories, their members, the
    document frequencies and the stream clock.
    """
    closed = [s for s in index.stories if s not in index._open]
    for story_id in closed:
        for member in index.stories.pop(story_id).members:
            index.story_of.pop(member, None)
    index.merged.clear()
    return closed
