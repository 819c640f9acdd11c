"""Time expressions that say a page reports long after an earlier event."""

from __future__ import annotations

import pytest

from parallax.cluster.elapsed import HEAD_CHARS, looks_back


@pytest.mark.parametrize(("language", "title", "text"), [
    ("en", "", "One year after the flood, the valley town has rebuilt its bridge."),
    ("en", "Town marks the anniversary of the mine collapse", ""),
    ("de", "", "Zwei Jahre nach dem Brand in der Altstadt erinnert eine Tafel an die Opfer."),
    ("de", "Die Stadt gedenkt des vor einem Jahr getöteten Feuerwehrmanns", ""),
    ("fr", "", "Il y a un an, la tempête ravageait le port ; la ville se souvient."),
    ("es", "", "Un año después del terremoto, los vecinos siguen en tiendas."),
    ("ru", "", "В годовщину обрушения моста жители возложили цветы."),
    ("ar", "", "في الذكرى الأولى للانفجار تجمع الأهالي أمام الميناء."),
    ("tr", "", "Depremin birinci yıl dönümünde anma töreni düzenlendi."),
    ("zh", "", "地震一周年之际,当地举行了悼念活动。"),
])
def test_a_head_that_looks_back_at_an_earlier_event(language, title, text):
    assert looks_back(title, text, language)


@pytest.mark.parametrize(("language", "title", "text"), [
    ("en", "Rescuers pull survivors from the rubble", "Three months after the first quake, aftershocks go on."),
    ("de", "Feuer in der Altstadt", "Die Feuerwehr löschte den Brand in der Nacht; drei Monate nach dem Umbau."),
    ("en", "Storm hits the port", "Winds tore roofs off on Monday."),
    ("xx", "", "One year after the flood"),  # a language without a table says nothing
])
def test_a_running_story_does_not_look_back(language, title, text):
    assert not looks_back(title, text, language)


def test_only_the_head_counts():
    background = "The storm tore roofs off in the harbour town on Monday. " * 8
    assert not looks_back("Storm hits the port", background + "It came two years after the last one.", "en")
    assert len(background) > HEAD_CHARS


def test_a_year_in_digits_is_not_an_elapsed_time():
    assert not looks_back("", "2023年前三季度,该省经济增长5%。", "zh")  # "the first three quarters of 2023"
    assert looks_back("", "两年前的地震之后,小镇重建了学校。", "zh")  # "two years ago"
