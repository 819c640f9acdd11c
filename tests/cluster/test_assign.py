"""Online story assignment: grouping, stable ids, merges, reprints and cold stories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from parallax.cluster import ClusterConfig, StoryIndex, assign_to_stories, signals_of, story_id_for
from parallax.models import Page
from parallax.text.article import build_article

START = datetime(2024, 9, 2, 7, tzinfo=UTC)
VECTOR_ONLY = ClusterConfig(
    threshold=0.7,
    merge_threshold=0.5,
    merge_model="",  # the hand rule: these tests set its threshold
    embedding_weight=1.0,
    name_weight=0.0,
    term_weight=0.0,
    time_weight=0.0,
    outlet_weight=0.0,
    place_weight=0.0,
    language_offset=0.0,
    crowd_weight=0.0,
    elapsed_weight=0.0,
    merge_few_foreign=0.0,
    merge_few_undated=0.0,
    centre=False,  # the hand-made vectors are the event vectors
)


def _article(key: str, title: str, body: str, hours: float = 0.0, outlet: str = "Outlet"):
    page = Page(
        url=f"https://news.example/{key}",
        title=title,
        body=body,
        outlet=outlet,
        published=START + timedelta(hours=hours),
    )
    return build_article(page)


def _unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def _membership(result) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in result.stories}


FLOOD = [
    (
        "flood-a",
        "River Meln bursts its banks in Tarnow",
        (
            "The river Meln burst its banks in Tarnow on Monday, "
            "flooding the old town and forcing hundreds of residents from their homes."
        ),
    ),
    (
        "flood-b",
        "Hundreds evacuated as Meln floods Tarnow",
        (
            "Hundreds of Tarnow residents were evacuated after the "
            "Meln river overflowed on Monday and water filled the streets of the old town."
        ),
    ),
    (
        "flood-c",
        "Tarnow flood: mayor asks for army help",
        (
            "Tarnow's mayor asked for soldiers and sandbags as the "
            "Meln flood spread through the old town and shelters filled with evacuated families."
        ),
    ),
]
CHIPS = [
    (
        "chip-a",
        "Kestrel Semiconductor to build chip plant in Ohio",
        (
            "Kestrel Semiconductor said it will spend "
            "twelve billion dollars on a chip factory in Ohio, creating three thousand jobs."
        ),
    ),
    (
        "chip-b",
        "Kestrel picks Ohio for $12bn semiconductor factory",
        (
            "The chipmaker Kestrel chose Ohio for a new "
            "twelve billion dollar semiconductor plant that it expects to employ three thousand people."
        ),
    ),
]
FINAL = [
    (
        "final-a",
        "Valdora win the cup final on penalties",
        (
            "Valdora beat Port Hessen on penalties in the cup final "
            "on Saturday after a goalless two hours in front of a sold-out stadium."
        ),
    ),
    (
        "final-b",
        "Port Hessen lose cup final shoot-out to Valdora",
        (
            "Port Hessen's cup hopes ended in a penalty "
            "shoot-out as Valdora held their nerve after a goalless final on Saturday."
        ),
    ),
]


@pytest.mark.slow
def test_same_event_together_different_events_apart():
    from parallax.embed import article_texts, get_embedder

    rows = [r for group in zip(FLOOD, CHIPS + [None], FINAL + [None]) for r in group if r]
    articles = [_article(key, title, body, hours=i) for i, (key, title, body) in enumerate(rows)]
    vectors = get_embedder("minilm").article_vectors([article_texts(a) for a in articles])
    result = assign_to_stories(articles, dict(zip([a.id for a in articles], vectors)))
    by_key = {a.url.rsplit("/", 1)[1]: a.id for a in articles}
    expected = {frozenset(by_key[k] for k, _, _ in group) for group in (FLOOD, CHIPS, FINAL)}
    assert _membership(result) == expected


def _vector_articles():
    specs = [("a1", 0, (1, 0, 0)), ("b1", 1, (0, 1, 0)), ("a2", 2, (0.95, 0.05, 0)), ("c1", 3, (0, 0, 1))]
    articles = [
        _article(k, f"Headline {k}", f"Body text for the article called {k}, long enough to keep.", h)
        for k, h, _ in specs
    ]
    return articles, {a.id: _unit(*v) for a, (_, _, v) in zip(articles, specs)}


def test_ids_are_stable_across_runs_input_order_and_later_articles():
    articles, vectors = _vector_articles()
    first = assign_to_stories(articles, vectors, VECTOR_ONLY)
    again = assign_to_stories(list(reversed(articles)), vectors, VECTOR_ONLY)
    assert [(s.id, s.article_ids) for s in first.stories] == [(s.id, s.article_ids) for s in again.stories]
    assert {s.id for s in first.stories} == {story_id_for(articles[i].id) for i in (0, 1, 3)}
    later = _article("a3", "Headline a3", "Yet another body for the late article in the first story.", 5)
    grown = assign_to_stories([*articles, later], {**vectors, later.id: _unit(0.9, 0.1, 0)}, VECTOR_ONLY)
    assert {s.id for s in grown.stories} == {s.id for s in first.stories}
    assert later.id in next(s for s in grown.stories if s.id == story_id_for(articles[0].id)).article_ids


def test_converging_stories_merge_and_keep_the_older_id():
    articles, vectors = _vector_articles()
    bridge = _article("ab", "Headline ab", "A body that joins the two first stories into a single one.", 4)
    vectors = {**vectors, articles[1].id: _unit(0.3, 0.95, 0), bridge.id: _unit(0.75, 0.65, 0)}
    result = assign_to_stories([*articles, bridge], vectors, VECTOR_ONLY)
    older, younger = story_id_for(articles[0].id), story_id_for(articles[1].id)
    assert result.merged == {younger: older}
    merged = next(s for s in result.stories if s.id == older)
    assert set(merged.article_ids) == {articles[0].id, articles[1].id, articles[2].id, bridge.id}
    assert younger not in {s.id for s in result.stories}


def test_stories_go_cold_after_the_window():
    config = VECTOR_ONLY
    early = _article("e", "Early", "The first report on the matter, written early in the week.", 0)
    late = _article("l", "Late", "A much later report on the same matter, weeks after it.", 24 * 30)
    vectors = {early.id: _unit(1, 0, 0), late.id: _unit(1, 0, 0)}
    assert len(assign_to_stories([early, late], vectors, config).stories) == 2
    near = _article("n", "Near", "A report the next day on the same matter as the first.", 24)
    assert len(assign_to_stories([early, near], {**vectors, near.id: _unit(1, 0, 0)}, config).stories) == 1


def test_reprints_join_their_original_and_are_listed():
    body = (
        "Engineers reopened the coastal railway on Friday after a three-week closure caused by storm damage to "
        "the sea wall near the harbour, and the operator said trains would run to the normal timetable from "
        "Monday with extra services for commuters during the first week while the repairs settle in."
    )
    original = _article("w1", "Coastal railway reopens", body, 0, outlet="Wire")
    copy = _article("w2", "Railway reopens", body + " Local reaction was positive.", 2, outlet="Paper")
    vectors = {original.id: _unit(1, 0, 0), copy.id: _unit(0, 1, 0)}  # vectors alone would keep them apart
    [story] = assign_to_stories([copy, original], vectors, VECTOR_ONLY).stories
    assert story.reprints == ((copy.id, original.id),)
    assert story.first_published == original.published and story.last_published == copy.published


def test_index_takes_one_article_at_a_time():
    articles, vectors = _vector_articles()
    index = StoryIndex(VECTOR_ONLY)
    placed = [index.add(signals_of(a, vectors[a.id])) for a in articles]
    assert placed[0] == placed[2] == story_id_for(articles[0].id)
    assert len(set(placed)) == 3
    assert index.add(signals_of(articles[2], vectors[articles[2].id])) == placed[2]


def test_an_article_too_short_to_tell_stays_alone_with_its_reason():
    long_ones = [_article(f"q{i}", f"Quake hits Tarnow {i}", "A strong earthquake hit the town of Tarnow on Monday "
                          "and rescuers searched the rubble through the night.", i) for i in range(2)]
    short = _article("q-short", "Quake", "Tarnow earthquake: further-details-follow-shortly.", 3)
    vectors = {a.id: _unit(1, 0, 0) for a in [*long_ones, short]}
    result = assign_to_stories([*long_ones, short], vectors, VECTOR_ONLY)
    assert {short.id} in [set(s.article_ids) for s in result.stories]
    assert "too few words" in result.held[short.id]


def test_stories_whose_places_disagree_are_not_consolidated():
    quake = [_article(f"tr{i}", f"Earthquake in Turkey {i}", "An earthquake in Turkey killed hundreds of people "
                      "in the south-east of the country, rescuers said.", i) for i in range(3)]
    other = [_article(f"ma{i}", f"Earthquake in Morocco {i}", "An earthquake in Morocco killed hundreds of people "
                      "in the High Atlas near Marrakesh, rescuers said.", i) for i in range(3)]
    vectors = {a.id: _unit(1, 0.05 * k, 0) for k, a in enumerate([*quake, *other])}
    placed = ClusterConfig(**{**VECTOR_ONLY.__dict__, "place_weight": 1.0, "merge_threshold": 0.5})
    result = assign_to_stories([*quake, *other], vectors, placed)
    assert _membership(result) == {frozenset(a.id for a in quake), frozenset(a.id for a in other)}
    unplaced = ClusterConfig(**{**placed.__dict__, "place_weight": 0.0, "place_share": 2.0})
    assert len(assign_to_stories([*quake, *other], vectors, unplaced).stories) == 1


def _dated(key: str, title: str, body: str, hours: float | None):
    page = Page(url=f"https://news.example/{key}", title=title, body=body, outlet=key,
                published=None if hours is None else START + timedelta(hours=hours))
    return build_article(page)


def test_one_language_needs_more_evidence_than_two_to_join():
    english = [_dated("en1", "Flood in the valley", "Heavy rain flooded the valley town and the river rose again.", 0),
               _dated("en2", "Bridge closed after rain", "The old bridge was closed after heavy rain weakened its pillars.", 1)]
    german = _dated("de1", "Brücke nach Regen gesperrt", "Die alte Brücke wurde nach starkem Regen gesperrt, der Fluss stieg weiter.", 1)
    vectors = {english[0].id: _unit(1, 0), english[1].id: _unit(0.3, 0.954), german.id: _unit(0.3, 0.954)}
    config = replace(VECTOR_ONLY, threshold=0.9, merge_threshold=0.13, language_offset=0.25)
    apart = assign_to_stories(english, vectors, config)
    assert len(apart.stories) == 2  # cosine 0.3, less the offset of one language: below the bar
    together = assign_to_stories([english[0], german], vectors, config)
    assert len(together.stories) == 1  # the same cosine across two languages is enough


def test_undated_pages_carry_no_time_and_keep_a_story_whole():
    body = "Rescuers searched collapsed buildings after the earthquake in the border region on {}."
    early = [_dated(f"e{i}", "Earthquake", body.format(f"day {i}"), 24 * i) for i in range(3)]
    undated = [_dated(f"u{i}", "Earthquake rescue", body.format(f"night {i}"), None) for i in range(4)]
    late = _dated("late", "Earthquake toll", body.format("the last day"), 24 * 21)
    vectors = {a.id: _unit(1, 0.1 * (i % 2)) for i, a in enumerate([*early, *undated, late])}
    group = {a.id: _unit(1, 0.1) for a in [*undated, late]}
    config = replace(VECTOR_ONLY, threshold=0.999, merge_threshold=0.5, time_weight=0.0)
    result = assign_to_stories([*early, *undated, late], {**vectors, **group}, config)
    assert len(result.stories) == 1  # one late dated page does not hold three weeks against the undated rest
    alone = assign_to_stories([*early, late], vectors, config)
    assert len(alone.stories) == 2  # dated pages three weeks apart, nothing else: the time penalty keeps them apart


def _budget_votes(dated: bool):
    """Two events on one topic, two reports each (on one day when ``dated``): each report's nearest are its own
    event's and the other's."""
    pages = [_dated(f"{event}{i}", f"Budget vote {event}", f"The senate voted on the budget bill, round {event}{i}.",
                    i if dated else None) for event in "ab" for i in range(2)]
    topic = np.array([0.8, 0.0, 0.0, 0.0])
    event = {"a": np.array([0.0, 0.6, 0.0, 0.0]), "b": np.array([0.0, 0.0, 0.6, 0.0])}
    return pages, {p.id: _unit(*(topic + event[p.title[-1]] + [0, 0, 0, 0.05 * (-1) ** i])) for i, p in enumerate(pages)}


def test_a_crowded_neighbourhood_in_one_language_needs_more_evidence():
    pages, vectors = _budget_votes(dated=False)
    crowded = replace(VECTOR_ONLY, threshold=0.3, merge_threshold=0.3, crowd_weight=1.5, crowd_neighbours=3,
                      crowd_floor=0.375)
    assert len(assign_to_stories(pages, vectors, replace(crowded, crowd_weight=0.0)).stories) == 1  # cosine 0.64
    result = assign_to_stories(pages, vectors, crowded)
    assert _membership(result) == {frozenset(p.id for p in pages if p.title.endswith(e)) for e in "ab"}


def test_two_dated_reports_pay_no_crowding_the_time_penalty_parts_their_events():
    # the same crowded pages as above, dated on one day: time gives its evidence, the crowding none
    pages, vectors = _budget_votes(dated=True)
    crowded = replace(VECTOR_ONLY, threshold=0.3, merge_threshold=0.3, crowd_weight=1.5, crowd_neighbours=3,
                      crowd_floor=0.375, time_weight=0.0, merge_time_weight=0.0, outlet_weight=0.0)
    assert len(assign_to_stories(pages, vectors, crowded).stories) == 1  # a dated running story stays whole
    undated = [replace(p, published=None) for p in pages]
    assert len(assign_to_stories(undated, vectors, crowded).stories) == 2  # undated: the crowding parts the events


def test_a_page_a_year_on_holds_a_story_of_undated_pages_apart_no_more_than_one_a_month_on():
    body = "Rescuers searched collapsed buildings after the earthquake in the border region on {}."
    early = [_dated(f"e{i}", "Earthquake", body.format(f"day {i}"), 24 * i) for i in range(3)]
    anniversary = _dated("year", "Earthquake, a year on", body.format("the anniversary"), 24 * 365)
    undated = [_dated(f"u{i}", "Earthquake rescue", body.format(f"night {i}"), None) for i in range(4)]
    vectors = {a.id: _unit(1, 0.1 * (i % 2)) for i, a in enumerate(early)}
    vectors |= {a.id: _unit(1, 0.1) for a in [anniversary, *undated]}
    config = replace(VECTOR_ONLY, threshold=0.999, merge_threshold=0.3, time_weight=0.0)
    capped = assign_to_stories([*early, anniversary, *undated], vectors, config)
    assert len(capped.stories) == 1  # 3 dated pairs of 15, at most 3 windows each: 0.6 off a cosine near 1
    uncapped = assign_to_stories([*early, anniversary, *undated], vectors, replace(config, merge_time_cap=1e9))
    assert len(uncapped.stories) == 2  # 36 windows each: the one dated page holds the undated ones apart


def _knife_attack():
    """Three undated reports of an attack and two of its memorial a year on, all alike to the encoder."""
    body = "A man stabbed six people on the market square in Lindau; a police officer died of his wounds{}."
    attack = [_dated(f"attack{i}", f"Knife attack in Lindau, report {i}", body.format(f" ({i})"), None) for i in range(3)]
    memorial = [_dated(f"memorial{i}", "Lindau remembers the officer a year after the knife attack",
                       body.format(", and the town remembered him") + f" ({i})", None) for i in range(2)]
    pages = [*attack, *memorial]
    return attack, memorial, {p.id: _unit(1, 0.05 * i) for i, p in enumerate(pages)}


def test_a_memorial_a_year_after_an_attack_is_not_the_attacks_story():
    attack, memorial, vectors = _knife_attack()
    config = replace(VECTOR_ONLY, threshold=0.9, merge_threshold=0.9)
    assert len(assign_to_stories([*attack, *memorial], vectors, config).stories) == 1  # closeness alone: one story
    result = assign_to_stories([*attack, *memorial], vectors, replace(config, elapsed_weight=0.2))
    assert _membership(result) == {frozenset(p.id for p in attack), frozenset(p.id for p in memorial)}


def test_two_single_pages_of_two_languages_need_more_than_two_large_stories():
    english = _dated("en", "Storm floods the harbour", "A storm flooded the harbour and sank two fishing boats.", None)
    german = _dated("de", "Sturm trifft den Hafen", "Ein Sturm hat den Hafen überflutet und zwei Boote versenkt.", None)
    vectors = {english.id: _unit(1, 0), german.id: _unit(0.16, 0.987)}  # cosine 0.16
    config = replace(VECTOR_ONLY, threshold=0.9, merge_threshold=0.13)
    assert len(assign_to_stories([english, german], vectors, config).stories) == 1
    assert len(assign_to_stories([english, german], vectors, replace(config, merge_few_foreign=0.035)).stories) == 2


def test_two_small_stories_of_one_topic_one_undated_need_more_to_merge():
    body = "The senate voted on the debt ceiling bill{}."
    dated = [_dated(f"d{i}", "Debt ceiling vote", body.format(f", round {i}"), i) for i in range(2)]
    undated = [_dated(f"u{i}", "Debt ceiling vote", body.format(f", the other fight {i}"), None) for i in range(2)]
    vectors = {a.id: _unit(1, 0) for a in dated} | {a.id: _unit(0.3, 0.954) for a in undated}  # cosine 0.3 across
    config = replace(VECTOR_ONLY, threshold=0.9, merge_threshold=0.2)
    assert len(assign_to_stories([*dated, *undated], vectors, config).stories) == 1
    apart = assign_to_stories([*dated, *undated], vectors, replace(config, merge_few_undated=0.4))
    assert _membership(apart) == {frozenset(a.id for a in dated), frozenset(a.id for a in undated)}  # 0.3 - 0.4/4


def test_undated_stories_and_a_page_meeting_a_large_story_pay_little_for_undated_pairs():
    body = "The senate voted on the debt ceiling bill{}."
    one = [_dated(f"a{i}", "Debt ceiling vote", body.format(f", first account {i}"), None) for i in range(2)]
    two = [_dated(f"b{i}", "Debt ceiling vote", body.format(f", second account {i}"), None) for i in range(2)]
    vectors = {a.id: _unit(1, 0) for a in one} | {a.id: _unit(0.25, 0.968) for a in two}  # cosine 0.25 across
    config = replace(VECTOR_ONLY, threshold=0.9, merge_threshold=0.2, merge_few_undated=0.4)
    assert len(assign_to_stories([*one, *two], vectors, config).stories) == 1  # no pair has a dated article
    story = [_dated(f"s{i}", "Debt ceiling vote", body.format(f", report {i}"), i if i < 6 else None) for i in range(8)]
    late = _dated("late", "Debt ceiling vote", body.format(", a late report"), 3)
    vectors = {a.id: _unit(1, 0) for a in story} | {late.id: _unit(0.206, 0.979)}
    merged = assign_to_stories([*story, late], vectors, config)
    assert len(merged.stories) == 1  # 2 of its 8 pairs are dated-undated: (1/4)^4 / 8 of 0.4, not 2/64 of it
