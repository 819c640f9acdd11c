"""Figures as names, the outlet signal, and large stories staying whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from parallax.cluster import ClusterConfig, assign_to_stories
from parallax.cluster.signals import figures, names
from parallax.models import Page
from parallax.text.article import build_article

START = datetime(2024, 9, 2, 7, tzinfo=UTC)


def _unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_figures_become_names_with_their_units():
    assert figures("Another 6.6 million filed; 943K jobs, $1.9 trillion and 14.7% in 2020, up 3 percent") == {
        "#6.6million",
        "#943thousand",
        "#1.9trillion",
        "#14.7%",
        "#2020",
        "#3%",
    }
    assert "#250000" in names("The economy added 250,000 jobs, the Labor Department said.")
    assert not figures("He came 1 of 4 in a field of 9.")


def _article(key: str, title: str, body: str, hours: float, outlet: str):
    published = START + timedelta(hours=hours)
    return build_article(
        Page(url=f"https://n.example/{key}", title=title, body=body, outlet=outlet, published=published)
    )


def test_a_large_tight_story_stays_whole_among_unrelated_articles():
    rng = np.random.default_rng(7)
    base = _unit(*rng.normal(size=64))
    phrases = ["the dam at Orvel failed", "villages were evacuated", "rescue teams arrived", "roads were closed"]
    story, others, vectors = [], [], {}
    for i in range(25):
        body = ". ".join(phrases[j] for j in rng.permutation(4)) + f". Update {i} from the valley."
        story.append(_article(f"d{i}", f"Orvel dam update {i}", body, 2 * i, f"Outlet{i % 6}"))
        vectors[story[-1].id] = _unit(*(base + 0.05 * rng.normal(size=64)))
    for i in range(30):
        body = f"An unrelated matter number {i} about subject{i} in place{i}, told at some length."
        others.append(_article(f"o{i}", f"Other item {i}", body, 1.5 * i, "Elsewhere"))
        vectors[others[-1].id] = _unit(*rng.normal(size=64))
    result = assign_to_stories(story + others, vectors)
    members = {a.id for a in story}
    assert next(s for s in result.stories if set(s.article_ids) & members).article_ids == tuple(sorted(members))


def test_same_outlet_same_day_weighs_against_joining():
    first = _article("p1", "Port strike begins", "Dock workers walked out at the port of Halm on Monday.", 0, "Wire")
    second = _article("p2", "Port strike begins", "Dock workers walked out at the port of Halm on Monday.", 1, "Wire")
    vectors = {first.id: _unit(1, 0), second.id: _unit(0.8, 0.6)}
    plain = ClusterConfig(
        threshold=0.65,
        name_weight=0.0,
        term_weight=0.0,
        embedding_weight=1.0,
        time_weight=0.0,
        outlet_weight=0.0,
        merge_threshold=0.9,
        merge_model="",
        language_offset=0.0,
        crowd_weight=0.0,
        centre=False,
    )
    assert len(assign_to_stories([first, second], vectors, plain).stories) == 1
    penalised = ClusterConfig(**{**plain.__dict__, "outlet_weight": 0.2})
    assert len(assign_to_stories([first, second], vectors, penalised).stories) == 2
