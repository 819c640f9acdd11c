"""Lexicon cues are found where they are, with their exact text."""

from __future__ import annotations

from parallax.analyse.language.cues import cue_counts, find_cues
from parallax.analyse.language.lexicons import LEXICONS


def test_every_dimension_finds_its_own_first_cue():
    for dimension, entries in LEXICONS.items():
        phrase = entries[0].replace("_", " ").rstrip("*")
        text = f"Yesterday the report said {phrase} about the plan."
        spans = find_cues(dimension, text)
        assert spans, dimension
        assert any(text[s:e].lower().startswith(phrase.lower()) for s, e in spans), dimension


def test_cues_match_curly_apostrophes_stems_and_case():
    text = "You Won’t Believe how the threats grew; Experts Say it is time."
    assert [text[s:e] for s, e in find_cues("sensational", text)] == ["You Won’t Believe"]
    assert [text[s:e] for s, e in find_cues("fearful", text)] == ["threats"]
    assert [text[s:e] for s, e in find_cues("appeal_to_authority", text)] == ["Experts Say"]


def test_cues_respect_word_boundaries():
    assert find_cues("political", "The partygoers danced.") == ()
    assert cue_counts("A calm report on rainfall totals.")["sensational"] == 0
