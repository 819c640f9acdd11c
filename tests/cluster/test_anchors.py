"""Cross-lingual anchors: one place id in any script, romanised names, figures whatever their grouping."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.cluster.anchors import _NUMBER, figures, place_ids, places, romanised_names


def test_a_place_is_one_id_in_every_script_and_case():
    english, russian, arabic, chinese = (
        place_ids("An earthquake struck Turkey and Syria on Monday."),
        place_ids("Землетрясение в Турции и Сирии унесло тысячи жизней."),
        place_ids("زلزال مدمر يضرب تركيا وسوريا"),
        place_ids("土耳其強震已造成超過3700人罹難"),
    )
    assert "C:TR" in english & russian & arabic & chinese
    assert "C:SY" in english & russian & arabic
    assert place_ids("Moscow") == place_ids("Москва") == place_ids("موسكو")


def test_ordinary_words_are_not_places():
    assert not place_ids("It was a nice day and the turkey was good.")


def test_names_are_romanised_and_sentence_openers_left_out():
    assert "prigozhin" in romanised_names("Глава ЧВК Евгений Пригожин погиб.")
    assert "prigozhin" in romanised_names("Wagner chief Yevgeny Prigozhin died.")
    assert "wagner" not in romanised_names("Wagner chief died.")


def test_figures_ignore_digit_grouping():
    assert "#15383" in figures("15,383 dead") & figures("15.383 Tote") & figures("15 383 погибших")
    assert "#7.8" in figures("magnitude 7.8") & figures("Stärke 7,8")
    assert "#3700" in figures("超過3700人罹難")
    assert not figures("1 of 4")


def test_us_states_in_the_gazetteer_are_not_clustering_places():
    table = places()
    assert table and all(pid.startswith(("C:", "P:")) for pid in table.values())
    assert not any(pid.startswith("A:") for pid in place_ids("Texas and Florida braced for the storm"))


_LOOK_BACK_FIRST = re.compile(r"(?<![\d.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})*(?:[.,]\d{1,2})?(?!\d)|(?<![\d.,])\d+(?:[.,]\d+)?")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789.,  \u00a0a", max_size=30))
def test_the_number_pattern_finds_what_its_look_back_first_form_finds(text):
    assert [m.span() for m in _NUMBER.finditer(text)] == [m.span() for m in _LOOK_BACK_FIRST.finditer(text)]
