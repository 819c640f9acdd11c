"""The learned same-event model that decides the consolidation's merges."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from parallax.cluster import ClusterConfig, assign_to_stories
from parallax.cluster.consolidate import StoryLinks
from parallax.cluster.merge_model import FEATURES, merge_model
from parallax.cluster.state import OpenStory
from parallax.errors import ModelError
from parallax.models import Page
from parallax.text.article import build_article

SHIPPED = "story_merge"


def _story(key: str, vectors: list[np.ndarray], languages: list[str]) -> OpenStory:
    story = OpenStory(key, [f"{key}{i}" for i in range(len(vectors))], np.sum(vectors, axis=0))
    story.languages.update(languages)
    return story


def _logits(stories: list[OpenStory]) -> np.ndarray:
    config = replace(ClusterConfig(), centre=False, merge_model=SHIPPED)
    return StoryLinks(stories, config).against(np.arange(len(stories)))


def test_the_shipped_model_loads_with_its_features():
    model = merge_model(SHIPPED)
    assert len(model.weights) == len(FEATURES)
    assert all(np.isfinite(model.weights)) and np.isfinite(model.bias)


def test_a_missing_model_is_a_clear_error():
    with pytest.raises(ModelError, match="no_such_model"):
        merge_model("no_such_model")


def test_the_probability_rises_with_the_score():
    base = np.array([1.0, 0.0])
    near, far = np.array([0.9, np.sqrt(1 - 0.81)]), np.array([0.05, np.sqrt(1 - 0.05**2)])
    logits = _logits([_story("a", [base], ["en"]), _story("b", [near], ["en"]), _story("c", [far], ["en"])])
    assert logits[0, 1] > 0 > logits[0, 2]


def test_the_same_likeness_counts_for_more_across_two_languages():
    base, other = np.array([1.0, 0.0]), np.array([0.45, np.sqrt(1 - 0.45**2)])
    one_language = _logits([_story("a", [base], ["de"]), _story("b", [other], ["de"])])[0, 1]
    two_languages = _logits([_story("a", [base], ["de"]), _story("b", [other], ["ar"])])[0, 1]
    assert two_languages > one_language


def _page(key: str, language_text: str, day: int):
    page = Page(url=f"https://news.example/{key}", title=f"Report {key}", body=language_text, outlet=key,
                published=datetime(2024, 3, 1, tzinfo=UTC) + timedelta(days=day))
    return build_article(page)


def test_the_learned_consolidation_joins_one_event_and_keeps_another_apart():
    text = "Rescuers searched collapsed buildings in the border region through the night after the tremor."
    flood = "The river burst its banks and flooded the old town, forcing residents from their homes at dawn."
    quake = [_page(f"q{i}", text, 0) for i in range(4)]
    other = [_page(f"f{i}", flood, 0) for i in range(2)]
    vectors = {a.id: np.array([1.0, 0.02 * i, 0.0]) for i, a in enumerate(quake)}
    vectors.update({a.id: np.array([0.0, 0.02 * i, 1.0]) for i, a in enumerate(other)})
    config = replace(ClusterConfig(), centre=False, threshold=2.0, merge_model=SHIPPED)  # a story per page online
    groups = {frozenset(s.article_ids) for s in assign_to_stories([*quake, *other], vectors, config).stories}
    assert groups == {frozenset(a.id for a in quake), frozenset(a.id for a in other)}
