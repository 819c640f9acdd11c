"""Whether a sentence reads on its own, by the word table of ``data/lexicons/standalone.json``."""

import pytest

from parallax.write.standalone import bare_subject, caption, leans_back, reads_alone, reported_speech, two_accounts


@pytest.mark.parametrize("text, language", [
    ("Det hadde et episenter 30 kilometer nord for Valdor.", "no"),
    ("Vier Tage später, am 3. März, wurde der Fahrer in Valdor gefasst.", "de"),
    ("Ein 30-jähriger Mann hatte außerdem zwei Besucher in Valdor verletzt.", "de"),
    ("Quelques heures plus tard, des soldats sont apparus à la télévision de Valdor.", "fr"),
    ("Кроме того, он признал ответственность за атаку на мост в Валдоре.", "ru"),
    ("He told reporters in Valdor that the bridge was closed.", "en"),
    ("Police in Valdor moreover arrested a third man on Friday.", "en"),
    ("The ministry's report also showed that prices in Valdor fell in May.", "en"),
    ("Prices in Valdor rose by four percent in May, too.", "en"),
    ("Fuel prices in Valdor rose sharply in May as well.", "en"),
])
def test_sentences_that_point_back_or_add_to_an_earlier_one(text, language):
    assert leans_back(text, language)
    assert not reads_alone(text, language)


@pytest.mark.parametrize("text, language", [
    ("Police in Valdor arrested two men on Friday.", "en"),
    ("Bei einem Fest in Valdor wurden am Freitag drei Menschen verletzt.", "de"),
    ("Le président de Valdor est retenu au palais depuis mercredi.", "fr"),
    ("Auch ein Polizist wurde in Valdor verletzt.", "en"),  # "auch" is German, not an English opener
    ("Police in Valdor arrested two men and also seized a car on Friday.", "en"),  # joins two parts of one sentence
    ("Police in Valdor arrested two men as well as a woman on Friday.", "en"),
    ("Police in Valdor said the river was too high to cross on Friday.", "en"),  # "too" not at the end
])
def test_plain_statements_read_alone(text, language):
    assert reads_alone(text, language)


def test_an_unknown_language_is_read_with_every_language_openers():
    assert leans_back("Dette skjedde i Valdor i natt.", None)
    assert not leans_back("Politiet i Valdor arresterte to menn.", None)


def test_indirect_speech_keeps_its_distance():
    assert reported_speech("Zeugen zufolge habe der Mann in Valdor ein Messer gezogen.", "de")
    assert reported_speech("Les autorités affirment qu’il aurait déjoué deux complots à Valdor.", "fr")
    assert not reported_speech("Der Mann hat in Valdor ein Messer gezogen.", "de")
    assert not reported_speech("Zeugen zufolge habe der Mann in Valdor ein Messer gezogen.", "en")


@pytest.mark.parametrize("text", [
    "A satellite image shows the Valdor dam on June 5.",
    "Drone footage captures water running through the Valdor dam.",
    "Submerged houses are seen in Valdor, Corvania, June 7, 2023.",
    "A man rides his bicycle through a flooded street in Valdor, Corvania, June 6, 2023.",
    "AGENCY/Photographer Name 2 / 6 Legende: Mehrere Ambulanzen sind in Valdor vor Ort.",
])
def test_photo_captions_are_no_statements(text):
    assert caption(text)


def test_a_dated_statement_is_no_caption():
    assert not caption("The dam at Valdor was breached on June 6, 2023.")
    assert not caption("Police released a video of the attack in Valdor on Monday.")


def test_a_figure_weighed_against_another_across_a_turn_is_two_accounts():
    assert two_accounts("Valdors institutt oppgir en styrke på 6,4, mens et annet institutt oppgir 6,1.", "no")
    assert two_accounts("The ministry counted 14 dead, while rescuers in Valdor counted 19.", "en")
    assert not two_accounts("The ministry counted 14 dead while rescuers searched Valdor.", "en")
    assert not two_accounts("Rescuers searched Valdor, while the ministry counted 14 dead.", "en")


@pytest.mark.parametrize("text, head", [
    ("The increase was the largest weekly jump in Valdor since March.", "increase"),
    ("In its outlook, the Fund said it expects Valdor's economy to grow by 5.9%.", "Fund"),
    ("The central bank of Valdor said on Friday that the move was done to ensure stability.", "move"),
    ("The IMF expects Valdor's economy to grow by 4.9% next year.", None),  # an acronym names its body
    ("The wall around Valdor's harbour fell on Monday, and the wall was rebuilt.", None),  # named before it
    ("Police in Valdor arrested two men on Friday.", None),
])
def test_a_bare_definite_subject_is_found_with_its_head(text, head):
    assert bare_subject(text, "en") == head
