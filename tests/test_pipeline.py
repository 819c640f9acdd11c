"""Pure parts of the pipeline: which briefs a run writes first."""

from __future__ import annotations

from parallax.models import Story
from parallax.pipeline import widest_first


def story(name: str, size: int) -> Story:
    return Story(id=name, article_ids=tuple(f"{name}-{i}" for i in range(size)))


def test_the_most_widely_covered_stories_are_written_first_and_top_caps_them():
    stories = [story("a", 2), story("b", 9), story("c", 5), story("d", 5)]
    assert [s.id for s in widest_first(stories)] == ["b", "c", "d", "a"]
    assert [s.id for s in widest_first(stories, top=2)] == ["b", "c"]
    assert widest_first([], top=3) == []
