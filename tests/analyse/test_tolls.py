"""Death tolls read by the word table of ``data/lexicons/tolls.json`` in languages the parser does not read."""

import pytest

from parallax.analyse.tolls import countries_in, tolls_in


def _read(text: str, language: str) -> list[tuple[float, list[str]]]:
    return [(t.value, sorted(t.places)) for t in tolls_in(text, 0, len(text), language)]


@pytest.mark.parametrize("text, language, expected", [
    ("Le séisme a fait plus de 2 300 morts en Turquie et en Syrie.", "fr", [(2300.0, ["Syria", "Turkey"])]),
    ("In der Türkei gibt es inzwischen 3.700 Tote.", "de", [(3700.0, ["Turkey"])]),
    ("В Сирии погибли более 1200 человек.", "ru", [(1200.0, ["Syria"])]),
    ("地震已在土耳其造成1498人死亡。", "zh", [(1498.0, ["Turkey"])]),
    ("El sismo dejó 20.511 muertos.", "es", [(20511.0, [])]),
])
def test_a_number_beside_a_toll_word_is_a_toll_where_the_sentence_says(text, language, expected):
    assert _read(text, language) == expected


def test_the_nearest_toll_word_decides_and_injuries_are_not_read():
    assert _read("Погибли 10 человек, 20 ранены.", "ru") == [(10.0, [])]


def test_a_decimal_a_bare_number_and_an_earlier_count_are_no_toll():
    assert _read("Das Beben der Stärke 7,8 traf 10 Provinzen.", "de") == []
    assert _read("Un précédent bilan faisait état de 111 morts.", "fr") == []


def test_countries_named_apart_leave_the_place_untold():
    assert countries_in("Le bilan en Syrie, dont l’épicentre se situe en Turquie, est lourd.", "fr") is None
    assert countries_in("Власти Турции и Сирии сообщают о жертвах.", "ru") == {"Turkey", "Syria"}


def test_a_language_without_a_table_is_not_read():
    assert _read("A földrengésben 300 ember halt meg.", "hu") == []


@pytest.mark.parametrize("text, language, expected", [
    ("Die Zahl der Toten in der Türkei steigt auf über 7000.", "de", [(7000.0, ["Turkey"])]),
    ("En Siria, el número de fallecidos se eleva a 3.377 y el de heridos a 5.200.", "es", [(3377.0, ["Syria"])]),
    ("Au moins 912 personnes ont été tuées en Turquie.", "fr", [(912.0, ["Turkey"])]),
    ("لقي 53 شخصًا على الأقلّ مصرعهم في جنوب تركيا.", "ar", [(53.0, ["Turkey"])]),
])
def test_a_toll_the_number_completes_or_a_toll_word_a_word_further_on_is_read(text, language, expected):
    assert _read(text, language) == expected


def test_a_day_of_a_month_a_feared_count_and_a_count_past_a_comma_are_not_the_toll():
    assert _read("Власти Турции 6 февраля подтверждают гибель 912 человек.", "ru") == [(912.0, ["Turkey"])]
    assert _read("وهناك مخاوف من وصول العدد إلى 10.000 قتيل في تركيا.", "ar") == []
    assert _read("Спасатели нашли 1540 погибших, 9733 человека получили ранения.", "ru") == [(1540.0, [])]


def test_a_short_country_name_is_a_whole_word_not_a_prefix():
    assert countries_in("لقي 53 شخصًا مصرعهم في جنوب تركيا.", "ar") == {"Turkey"}
