import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.text.sentences import _GLUED, _STOP, _glued_candidates, _trimmed, cut_off, split_sentences


def spans(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_splits_on_terminal_punctuation_and_keeps_offsets():
    text = 'The mayor spoke. "We will rebuild," she said! Was it enough? Nobody knows.'
    assert spans(text) == ["The mayor spoke.", '"We will rebuild," she said!', "Was it enough?", "Nobody knows."]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Dr. Ana Ruiz met Gen. T. Okafor in the U.S. capital on Jan. 4. They talked."
    assert spans(text) == ["Dr. Ana Ruiz met Gen. T. Okafor in the U.S. capital on Jan. 4.", "They talked."]


def test_paragraph_break_ends_a_sentence_without_punctuation():
    text = "Heading without stop\n\nBody starts here. Second one."
    assert spans(text) == ["Heading without stop", "Body starts here.", "Second one."]


def test_every_span_is_exact_and_ordered():
    text = "  One.  Two?   Three!\n\n\n Four "
    sentences = split_sentences(text)
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert all(text[s.start : s.end] == text[s.start : s.end].strip() for s in sentences)
    assert spans(text) == ["One.", "Two?", "Three!", "Four"]


def test_decimal_numbers_are_not_boundaries():
    assert spans("Prices rose 3.5 percent in May. Then fell.") == ["Prices rose 3.5 percent in May.", "Then fell."]


def test_a_stop_without_a_space_ends_a_sentence_but_not_inside_an_address():
    assert spans("The ministry confirmed the toll.The army was sent in.") == [
        "The ministry confirmed the toll.", "The army was sent in."]
    assert spans("This is reported by Censor.NET today. See news.ru for more.") == [
        "This is reported by Censor.NET today.", "See news.ru for more."]
    # any script, and after an acronym: a Cyrillic source that lost the space after a quote's attribution
    assert spans("Об этом сообщили в МЧС.Согласно списку, на борту был пилот.") == [
        "Об этом сообщили в МЧС.", "Согласно списку, на борту был пилот."]
    assert spans("Die Polizei ermittelt.Der Verdächtige schweigt.") == [
        "Die Polizei ermittelt.", "Der Verdächtige schweigt."]


def test_an_abbreviated_month_holds_only_before_a_day():
    assert spans("The quake struck on Jan. 5 near the border.") == ["The quake struck on Jan. 5 near the border."]
    assert spans("The epicentre was 55 km from Zindah Jan. The main shock was followed by a second.") == [
        "The epicentre was 55 km from Zindah Jan.", "The main shock was followed by a second."]


def test_a_dateline_on_a_new_line_starts_a_sentence_even_after_an_abbreviation():
    assert spans("Updated: Oct. 8, 2022 3:22 a.m.\nKHARKIV, Ukraine (AP) — The bridge was hit.") == [
        "Updated: Oct. 8, 2022 3:22 a.m.", "KHARKIV, Ukraine (AP) — The bridge was hit."]


def test_capitals_of_any_script_start_a_sentence():
    assert spans("Мост закрыт. Поезда стоят.") == ["Мост закрыт.", "Поезда стоят."]


def test_a_day_number_before_a_month_name_is_not_a_stop():
    assert spans("Der Angriff geschah am 31. Mai 2024 in der Stadt. Danach wurde er gefasst.") == [
        "Der Angriff geschah am 31. Mai 2024 in der Stadt.", "Danach wurde er gefasst."]
    assert spans("Sie kam am 19.\nDezember an.") == ["Sie kam am 19.\nDezember an."]


def test_a_headline_line_is_its_own_sentence_but_a_wrapped_line_is_not():
    assert spans("Bridge closed after blast\nTraffic stopped on the bridge on Monday.") == [
        "Bridge closed after blast", "Traffic stopped on the bridge on Monday."]
    assert spans("He leads the council of the\nRepublic since May.") == ["He leads the council of the\nRepublic since May."]


def test_scripts_without_capitals_split_after_a_stop_with_or_without_a_space():
    assert len(spans("قالت الحكومة إن الحصيلة ارتفعت. وقد قتل عشرون شخصا.")) == 2
    assert len(spans("بحسب الصحيفة.حصيلة القتلى ارتفعت.")) == 2
    assert len(spans("सेना आगे बढ़ेगी। लगभग पाँच हज़ार सैनिक हैं।")) == 2


def test_an_ideographic_stop_ends_a_sentence_without_a_space():
    assert spans("地震已造成两万人死亡。据卫生部长表示，救援仍在继续。") == ["地震已造成两万人死亡。", "据卫生部长表示，救援仍在继续。"]


def test_a_glued_stop_after_a_closing_guillemet_or_bracket_ends_a_sentence():
    assert len(spans("Он лишает Пригожина контроля над «Вагнером».Об этом говорится в отчете.")) == 2
    assert len(spans("Так считает институт (ISW).По мнению аналитиков, это важно.")) == 2


def test_a_possessive_before_a_stop_is_no_initial_and_a_bill_number_is_no_new_sentence():
    assert len(spans("Romney offered a plan like Mr. Ryan’s. But the campaign said no.")) == 2
    assert len(spans("They voted on H.R. 1 on Friday. Sens. Dick Durbin and Amy Klobuchar objected.")) == 2


def test_a_stop_inside_a_closing_quote_glued_to_the_next_sentence_ends_it():
    assert len(spans("Der Minister verurteilte die Tat in Valdor.”Dafür gibt es keinen Platz”, sagte er.")) == 2


def test_a_name_of_two_scripts_joined_by_a_stop_is_one_word():
    assert len(spans("Об этом рассказал «Газете.Ru» житель Валдора Артем.")) == 1


def test_stops_inside_a_chinese_quotation_belong_to_the_quotation():
    assert len(spans("他高喊:“战斗!战斗!”人群作出回应。")) == 1


def test_a_line_break_before_a_bullet_or_an_ideograph_starts_a_new_line():
    assert len(spans("Troops marched into Valdor unopposed\n• Video shared online shows the column")) == 2
    assert len(spans("伤亡人数或将进一步上升\n来源:新闻中心")) == 2
    assert len(spans("**سقوط مدينة فالدور**\nأعلنت المعارضة دخولها المدينة.")) == 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aBcЖжالص.!?”»)] \n1", max_size=40))
def test_glued_stops_are_tried_only_after_a_stop_and_found_where_the_pattern_matches_anywhere(text):
    assert _glued_candidates(text) == [m.start() for m in _GLUED.finditer(text)]


@pytest.mark.parametrize("sentence", [
    "Police in Valdor made calls to local leaders notifying them of the...",
    "Police in Valdor made calls to local leaders notifying t…",
    "“Our members in Valdor have served at...”",
])
def test_a_sentence_ending_on_an_ellipsis_is_cut_off(sentence):
    assert cut_off(sentence)


@pytest.mark.parametrize("sentence", [
    "Police in Valdor arrested two men on Friday.",
    "“We were… we were scared,” a resident of Valdor said.",
    "The mayor of Valdor said... nothing at all on Friday.",
])
def test_an_ellipsis_inside_a_sentence_leaves_it_whole(sentence):
    assert not cut_off(sentence)


_ONE_BRANCH_STOP = re.compile(r"""[.!?।]+["'”’»)\]]*(?=\s+["'“‘„«(\[]?\w)|\n\s*\n|\n(?=\s*\S)""")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aB.!?।”) \n\t«\"", max_size=40))
def test_the_stop_pattern_finds_what_its_one_branch_form_finds(text):
    assert [m.span() for m in _STOP.finditer(text)] == [m.span() for m in _ONE_BRANCH_STOP.finditer(text)]


def _trimmed_by_character(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a \n\u00a0\u2003.", max_size=20), st.integers(0, 20), st.integers(0, 20))
def test_trimming_a_span_moves_past_white_space_only(text, start, end):
    start, end = min(start, len(text)), min(end, len(text))
    if start <= end:
        assert _trimmed(text, start, end) == _trimmed_by_character(text, start, end)


def test_the_letter_or_digit_pattern_is_str_isalnum():
    from parallax.text.sentences import _ALNUM

    for code in [*range(0x3400), *range(0xFF00, 0xFFEF), 0x1D7CE, 0x10107]:
        char = chr(code)
        assert bool(_ALNUM.match(char)) == char.isalnum(), hex(code)
