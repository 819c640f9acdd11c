"""The sentence checks: ids, quotes, numbers, names, dates and semantic support."""

from __future__ import annotations

import pytest

from parallax.write.llm.verify import check_facts, check_ids, check_quotes, common_words, default_support, numbers

SOURCE = ("Valdoria's interior minister, Dorian Vale, said on Monday that at least thirty-four people died and "
          "1.2 million records were lost on 2026-09-14.")
COMMON = common_words([SOURCE, "officials said the port was closed."])


def test_numbers_read_digits_words_and_scales():
    assert {34.0, 1_200_000.0, 2026.0, 14.0}.issubset(numbers(SOURCE))
    assert numbers("1,200,000 and 38,000 t") == {1_200_000.0, 38_000.0}


def test_a_number_in_another_form_passes_and_a_changed_number_fails():
    assert check_facts("Officials said 34 people died.", [SOURCE], COMMON) == []
    assert check_facts("About 1,200,000 records were lost.", [SOURCE], COMMON) == []
    assert check_facts("Officials said 35 people died.", [SOURCE], COMMON) == ["number 35 is not in its cited sentences"]


def test_names_and_dates_must_appear_in_the_cited_sentences():
    assert check_facts("Vale said the Valdorian toll rose on 14 September.", [SOURCE], COMMON) == []
    reasons = check_facts("Ilsa Korrin said the toll rose on Tuesday.", [SOURCE], COMMON)
    assert reasons == ["name 'Ilsa' is not in its cited sentences", "name 'Korrin' is not in its cited sentences",
                       "name 'Tuesday' is not in its cited sentences"]


@pytest.mark.parametrize(("cited", "supported", "unsupported", "name"), [
    # a demonym is supported by its place, a lookalike of a person's name is not
    ("Trump spoke to Iran, Brazil and France on Monday.", "Iranian, Brazilian and French envoys met on Monday.",
     "Trumpian envoys met on Monday.", "Trumpian"),
    # a place by its demonym, a name by its plural
    ("The British minister met Iranian officials and two Republicans.", "Iran met the United Kingdom and a Republican.",
     "Iranians met Spain.", "Spain"),
    # a regular demonym of a known city, not of a person
    ("Biden arrived in Paris on Monday.", "Parisian crowds met Biden on Monday.", "Bidenian crowds met him on Monday.",
     "Bidenian"),
    # a demonym needs its own place
    ("Officials in Iran said the talks ended.", "Iranian officials said the talks ended.",
     "Iraqi officials said the talks ended.", "Iraqi"),
])
def test_a_name_is_supported_by_its_place_demonym_or_plural_and_a_lookalike_is_not(cited, supported, unsupported, name):
    common = common_words([cited])
    assert check_facts(supported, [cited], common) == []
    assert check_facts(unsupported, [cited], common) == [f"name '{name}' is not in its cited sentences"]


def test_sentence_openers_are_not_names():
    assert check_facts("Officials said the port closed.", ["The port closed, officials said."], COMMON) == []


def test_quotes_must_be_verbatim_in_a_cited_sentence():
    cited = ['Korrin called it "absurd and irresponsible."']
    assert check_quotes('Korrin called the claim "absurd and irresponsible".', cited) == []
    assert check_quotes('Korrin called the claim "reckless and absurd".', cited) == [
        "quote 'reckless and absurd' is not verbatim in its cited sentences"]


def test_citation_ids_must_exist():
    assert check_ids([], {1: "a"}) == ["cites no source sentence"]
    assert check_ids([1, 9], {1: "a"}) == ["cites unknown sentence [9]"]


def test_support_separates_a_paraphrase_from_an_unrelated_claim():
    cited = ["Firefighters battled the blaze for more than nine hours before bringing it under control."]
    support = default_support()
    paraphrase, unrelated = support.scores([
        ("Firefighters needed more than nine hours to bring the blaze under control.", cited),
        ("The government promised compensation to every family.", cited),
    ])
    assert paraphrase >= support.threshold > unrelated
