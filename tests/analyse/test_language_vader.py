"""FastVader gives vaderSentiment's own scores, rule by rule, on sentences written to reach each rule."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from parallax.analyse.language.vader import FastVader

SENTENCES = [
    "The plan is good.",
    "The plan is not good, and it isn't fair either.",
    "The plan was good but the vote was a disaster.",
    "The start was bad, bad and bad, but the ending was great, great!",
    "The plan is GOOD and the staff are HAPPY with it.",
    "EVERYTHING IS TERRIBLE.",
    "What a wonderful day!!",
    "Is this really a good idea?? Are we sure???",
    "Really?!?! No way!!!!!",
    "It was extremely good and very, very kind of them.",
    "It was kind of good, sort of bad and barely acceptable.",
    "The team was SO good; the coach was somewhat happy.",
    "No problem at all, no good options and no love or hate.",
    "He was never so happy, and this was never this bad.",
    "Without a doubt the best, without doubt happy.",
    "She was at least happy, the least happy, and very least pleased.",
    "The show was the bomb and the bus stop was a kiss of death.",
    "That dinner is to die for, yeah right, bad ass.",
    "He wasn't happy; they couldn't agree and nobody won't complain.",
    "  Leading and trailing spaces stay harmless.  ",
    "Rarely good, seldom bad, despite the great effort.",
    "Hope, love, hate: ':)' and ':(' and '<3' stay as tokens.",
    "Totally, utterly, completely wrong, says the MOST trusted source.",
    "",
    "...",
    "The storm \U0001f600 hit the town but the people were brave \U0001f622.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_fast_vader_equals_the_package(text):
    assert FastVader().polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)


def test_the_sentences_reach_the_rules():
    scored = [FastVader().polarity_scores(t)["compound"] for t in SENTENCES]
    assert len(set(scored)) > len(SENTENCES) // 2  # varied, not all neutral
    assert FastVader().lexicon == SentimentIntensityAnalyzer().lexicon
