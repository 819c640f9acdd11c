"""Conflicting figures when outlets report both sides' accounts of a quantity, not just their own."""

from __future__ import annotations

from write.conftest import page

from parallax.models import Story
from parallax.text.article import build_article
from parallax.write.material import StoryMaterial
from parallax.write.pool import numbers_in, sentence_pool
from parallax.write.sections.figures import build_conflicting_figures

# Two outlets report both governments' accounts, one only Corvania's; one adds a stray figure (debris spread).
BOTH_APART = (
    "An Eskerian drone was shot down near the Vell Pass on Thursday morning. "
    "Corvania's defence ministry said the drone flew 4.2 kilometres into Corvanian airspace at 3,000 metres. "
    "Defence Minister Sella Vantorp said the drone was 1.5 kilometres inside Eskerian airspace at 6,000 metres. "
    "Eskeria summoned the Corvanian ambassador on Thursday afternoon."
)
BOTH_TOGETHER = (
    "The downing of an Eskerian drone near the Vell Pass has raised tension on the border. "
    "Corvania said the drone was 4.2 kilometres inside its airspace at 3,000 metres; Eskeria said it was "
    "1.5 kilometres inside Eskerian airspace at 6,000 metres. "
    "Neither government has published radar data."
)
ONE_SIDE = (
    "Corvanian air defences destroyed an Eskerian spy drone near the Vell Pass on Thursday. "
    "The defence ministry said the drone flew 4.2 kilometres into Corvanian airspace at 3,000 metres. "
    "Debris from the drone was spread over an area of about 500 metres on the slope."
)


def _material(*stories: tuple[str, str]) -> StoryMaterial:
    """One story of articles ``(outlet, body)``, TF-IDF vectors."""
    articles = tuple(build_article(page(outlet, f"Drone downed near Vell Pass ({outlet})", body,
                                        f"https://{k}.example/drone")) for k, (outlet, body) in enumerate(stories))
    return StoryMaterial(Story("s-drone", tuple(a.id for a in articles)), articles)


def _conflicts(*stories: tuple[str, str]) -> tuple[StoryMaterial, dict[str, dict[float, dict]]]:
    material = _material(*stories)
    found = build_conflicting_figures(sentence_pool(material), ())
    return material, {c["subject"]: {v["value"]: v for v in c["values"]} for c in found}


def _outlets(value: dict) -> set[str]:
    return {c.outlet for c in value["citations"]}


def test_each_account_is_cited_to_every_outlet_that_reports_it():
    _, conflicts = _conflicts(("Eskeria Daily", BOTH_APART), ("Border Post", BOTH_TOGETHER),
                              ("Corvania Wire", ONE_SIDE))
    assert set(conflicts) == {"kilometer", "meter"}
    km, altitude = conflicts["kilometer"], conflicts["meter"]
    assert {v: _outlets(e) for v, e in km.items()} == {
        1.5: {"Eskeria Daily", "Border Post"}, 4.2: {"Eskeria Daily", "Border Post", "Corvania Wire"}}
    assert {v: _outlets(e) for v, e in altitude.items()} == {  # the stray 500 metres is another thing
        3000.0: {"Eskeria Daily", "Border Post", "Corvania Wire"}, 6000.0: {"Eskeria Daily", "Border Post"}}


def test_each_value_is_shown_in_a_sentence_giving_that_account_alone():
    material, conflicts = _conflicts(("Eskeria Daily", BOTH_APART), ("Border Post", BOTH_TOGETHER),
                                     ("Corvania Wire", ONE_SIDE))
    articles = {a.id: a for a in material.articles}
    for values in conflicts.values():
        for value, entry in values.items():
            others = set(values) - {value}
            assert value in numbers_in(entry["text"]) and not others & numbers_in(entry["text"]), entry["text"]
            first = entry["citations"][0]
            assert articles[first.article_id].text[first.start : first.end] == entry["text"]
            for c in entry["citations"]:
                sentence = articles[c.article_id].sentences[c.sentence_index]
                assert (c.start, c.end) == (sentence.start, sentence.end)
                assert value in numbers_in(articles[c.article_id].text[c.start : c.end])
            assert len({c.outlet for c in entry["citations"]}) == len(entry["citations"])  # one sentence per outlet
    assert "Vantorp" in conflicts["meter"][6000.0]["text"]


def test_one_outlet_setting_two_accounts_side_by_side_is_a_conflict():
    _, conflicts = _conflicts(("Border Post", BOTH_TOGETHER))
    assert {v: _outlets(e) for v, e in conflicts["kilometer"].items()} == {
        1.5: {"Border Post"}, 4.2: {"Border Post"}}


def test_one_outlets_two_values_in_a_sentence_without_two_accounts_are_no_conflict():
    climb = "The drone climbed from 3,000 metres to 6,000 metres before the missile hit it, the ministry said."
    inflation = "Inflation eased to 10.8 percent in October from 11.4 percent in September, the governor said."
    for body in (climb, inflation):
        assert _conflicts(("Harbor Times", f"The ministry spoke on Thursday. {body}"))[1] == {}


def test_what_a_side_proposes_or_demands_is_a_position_not_a_reported_figure():
    from parallax.analyse.who.figures import extract_figures, stated_as_position
    from parallax.write.sections.reported import digit_figures

    text = ("The Valdorian side proposed cutting the quota to 30,000 tonnes a year, a third less than the current "
            "45,000 tonnes. Corvania opened by demanding 60,000 tonnes before coming down to 52,000 tonnes. "
            "Catches may need to fall by 20 percent. The fleet landed 41,000 tonnes last year.")
    article = build_article(page("North Wire", "Quota talks", text, "https://north.example/quota"))
    figures = [f for f in (*extract_figures(article), *digit_figures(article)) if f.unit != "year"]
    positions = {f.value: stated_as_position(article, f) for f in figures}
    assert positions == {30_000: True, 45_000: False, 60_000: True, 52_000: True, 20: True, 41_000: False}


def test_two_sides_positions_differ_by_design_and_make_no_conflict():
    talks = "Fishing talks in Tolven stalled on Friday over herring quotas for next year. "
    valdoria = talks + "Valdoria proposed a quota of 30,000 tonnes of herring a year."
    corvania = talks + "Corvania refused any quota below its demand of 52,000 tonnes of herring a year."
    _, found = _conflicts(("Valdoria Herald", valdoria), ("Corvania Today", corvania))
    assert "tonne" not in found
    # the same sentences reporting what was caught, not what is wanted, do conflict
    caught_v = talks + "Valdorian boats caught 30,000 tonnes of herring last year, the ministry said."
    caught_c = talks + "Valdorian boats caught 52,000 tonnes of herring last year, Corvania said."
    _, found = _conflicts(("Valdoria Herald", caught_v), ("Corvania Today", caught_c))
    assert set(found.get("tonne", {})) == {30_000, 52_000}


def test_conflicts_past_the_cap_are_folded_not_dropped(monkeypatch):
    from parallax.write.sections import figures

    monkeypatch.setattr(figures, "MAX_CONFLICTS", 1)
    material = _material(("Eskeria Daily", BOTH_APART), ("Border Post", BOTH_TOGETHER), ("Corvania Wire", ONE_SIDE))
    found = build_conflicting_figures(sentence_pool(material), ())
    assert len(found) == 2 and [bool(c.get("folded")) for c in found] == [False, True]


def test_an_undated_pages_toll_takes_its_datelines_day_and_says_so():
    from dataclasses import replace

    dated = build_article(page("Valdor Times", "Flood in Valdor", "The flood in Valdor killed 34 people on Monday, "
                               "officials said.", "https://times.example/flood"))
    undated = build_article(replace(page("Coastal Herald", "Flood in Valdor", "September 14, 2026 – The flood in Valdor "
                                         "killed 31 people on Monday, officials said.", "https://herald.example/flood"),
                                    published=None))
    material = StoryMaterial(Story("s-flood", (dated.id, undated.id)), (dated, undated))
    found = build_conflicting_figures(sentence_pool(material), ())
    values = {v["value"]: v for c in found for v in c["values"]}
    assert set(values) == {31.0, 34.0} and found[0]["date"] == "2026-09-14"
    assert values[31.0].get("date_read") == "dateline" and "date_read" not in values[34.0]
