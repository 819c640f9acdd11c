"""Language identification with py3langid's bundled model, the undetermined cases and language names."""

from __future__ import annotations

from parallax.text.language import UNDETERMINED, detect_language, identify_language, language_name, main_script_share


def test_common_languages_are_told_apart():
    assert detect_language("The death toll from the earthquake rose again on Thursday, officials said.") == "en"
    assert detect_language("Die Zahl der Toten nach dem Erdbeben ist am Donnerstag erneut gestiegen.") == "de"
    assert detect_language("Число погибших в результате землетрясения в четверг снова выросло.") == "ru"
    assert detect_language("ارتفع عدد ضحايا الزلزال مرة أخرى يوم الخميس بحسب المسؤولين.") == "ar"


def test_a_few_letters_are_undetermined_with_the_reason():
    guess = identify_language("OK 12")
    assert guess.code == UNDETERMINED and "too short" in guess.reason


def test_mixed_scripts_are_undetermined():
    guess = identify_language("Trump Трамп ترامب 特朗普 " * 4)
    assert guess.code == UNDETERMINED and "mixed scripts" in guess.reason
    assert main_script_share("Erdbeben in der Türkei") == 1.0


def test_japanese_kana_and_kanji_are_one_script():
    assert detect_language("ペンシルベニア州で開催された選挙集会で演説を行っていた前大統領が銃撃を受けました。") == "ja"


def test_language_names_for_people():
    assert language_name("de") == "German"
    assert language_name("ar") == "Arabic"
    assert language_name(UNDETERMINED) == "Undetermined"
    assert language_name("qq") == "qq"
