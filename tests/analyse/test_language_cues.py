"""Lexicon cues are found where they are, with their exact text."""

from __future__ import annotations

from parallax.analyse.language.cues import (
    all_cues,
    candidate_dimensions,
    cue_counts,
    cue_pattern,
    entry_key,
    find_cues,
    lowered,
)
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


# Sentences of our own reaching the prefilter's branches: multi-word entries, stems, curly apostrophes, hyphens and
# underscores at word edges, upper case, words outside ASCII (long s, Kelvin sign, accents), and text with no cue.
VARIED = [
    "I think it's time the so-called experts say what studies show: the real reason is simple.",
    "IT’S TIME TO ACT, Experts Warn, as the Threats grew and the panic-stricken crowd fled.",
    "The job-killing bill was slammed; critics said the far-left mob rigged it.",
    "shock_value and slams_ and _slams are not words here, but shocks_ might be.",
    "A ſhocking report and a \u212ailler virus: case folding beyond ASCII.",
    "Café owners were reportedly spotted with sources close to the mayor.",
    "Nothing but net; no one scored 100 percent, and the bottom line is grim.",
    "The rainfall totals for the month were close to the average.",
    "",
    "mind-blowing, mind blowing, minds-blowing and mind-blowingly odd",
    "“SHOCKING”: Experts Say It’s Time — the MOB’s Threats, said the MAYOR…",
    "Ⓐ SHOCKING Ⓑ threat, a circled letter that lower-cases to another symbol",
]


def _everywhere(text):
    return {dim: tuple(m.span() for m in cue_pattern(dim).finditer(text)) for dim in LEXICONS}


def test_prefiltered_cues_equal_the_patterns_run_everywhere():
    for text in VARIED:
        assert all_cues(text) == _everywhere(text), text
        assert {d: find_cues(d, text) for d in LEXICONS} == _everywhere(text), text


def test_entry_keys_are_the_longest_run_and_stems_are_word_starts():
    assert entry_key("you_won't_believe") == ("believe", False)
    assert entry_key("catastroph*") == ("catastroph", True)
    assert entry_key("job-killing") == ("killing", False)
    assert entry_key("a_new_study") == ("study", False)


def test_candidate_dimensions_skip_texts_without_a_key_and_defer_beyond_ascii():
    assert candidate_dimensions("The rainfall totals were close to the average.") == frozenset()
    assert "fearful" in candidate_dimensions("Threatened towns")
    assert candidate_dimensions("A ſhocking report") is None


def test_lowered_only_where_lower_casing_moves_ascii_letters_alone():
    assert lowered("It’s TIME — “Experts Say”") == "it’s time — “experts say”"
    assert lowered("PLAIN ascii") == "plain ascii"
    assert lowered("Ⓐ plan") is None  # a symbol with a lower case of its own
    assert lowered("İstanbul") is None  # lower-casing lengthens it
