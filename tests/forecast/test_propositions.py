"""Outcome sentences become checkable propositions with a horizon and criteria."""

from datetime import datetime

import pytest

from parallax.forecast.propositions import (
    DEFAULT_HORIZON_DAYS,
    criteria,
    horizon,
    is_forecast,
    proposition,
    split_attribution,
    topic_of,
)

MADE = datetime(2026, 9, 21)  # a Monday


@pytest.mark.parametrize("text, speaker, claim", [
    ("Palu warned that cases could exceed 500 by mid-October.", "Palu", "cases could exceed 500 by mid-October"),
    ('"The hotspots will be out within 48 hours," Kirsk said at a briefing.', "Kirsk",
     "The hotspots will be out within 48 hours"),
    ("Talks are expected to resume by Friday, the ministry said.", "the ministry", "Talks are expected to resume by Friday"),
    ("Talks will resume by Friday.", "", "Talks will resume by Friday"),
])
def test_attribution_is_split_from_the_claim(text, speaker, claim):
    assert split_attribution(text) == (speaker, claim)


def test_proposition_states_the_claim_plainly():
    assert proposition("Palu warned that cases could exceed 500 by mid-October.") == "Cases will exceed 500 by mid-October."
    assert proposition("She said the bank is likely to raise rates again.") == "The bank will raise rates again."


@pytest.mark.parametrize("words, expected", [
    ("within 48 hours", datetime(2026, 9, 23)),
    ("by mid-October", datetime(2026, 10, 15, 23, 59)),
    ("on 11 November", datetime(2026, 11, 11, 23, 59)),
    ("in October", datetime(2026, 10, 31, 23, 59)),
    ("by Friday", datetime(2026, 9, 25, 23, 59)),
    ("next week", datetime(2026, 10, 4, 23, 59)),
    ("in March", datetime(2027, 3, 31, 23, 59)),
])
def test_horizon_reads_the_deadline_relative_to_the_statement(words, expected):
    when, said = horizon(f"The union said it will strike {words}.", MADE)
    assert when == expected and said == f"'{words}'"


def test_horizon_defaults_when_no_deadline_is_named():
    when, said = horizon("The union said it will strike.", MADE)
    assert (when - MADE).days == DEFAULT_HORIZON_DAYS and "no deadline" in said


def test_backward_looking_and_static_sentences_are_not_forecasts():
    assert is_forecast("The union will strike again in October.")
    assert not is_forecast("Halvik had said in September that the union would strike in October.")
    assert not is_forecast("The union said it had warned the port authority twice.")


def test_criteria_name_the_date_and_a_condition():
    text = "The ministry could open the border if the flood worsens."
    rules = criteria(text, datetime(2026, 12, 20), "no deadline stated: 90 days")
    assert "20 December 2026" in rules and "resolve void" in rules and "the flood worsens" in rules
    assert "resolve void" not in criteria("Cases could exceed 500 unless testing expands.", MADE, "x")


def test_topic_comes_from_the_story_words():
    assert topic_of(["Rail strike halts trains as union walks out"]) == "labour"
    assert topic_of(["Nothing to see"]) == "other"
