"""Who said what in other languages than English: speech verbs from the table, names from capitals."""

import pytest

from parallax.analyse.who.attribution import extract_attributions
from parallax.models import Article
from parallax.text.sentences import split_sentences


def _said(text: str, language: str) -> dict[int, str]:
    """Sentence index → the speaker filed for it ("" when nobody)."""
    article = Article("a", "urn:a", "t", text, "a", None, language, "h", split_sentences(text))
    found: dict[int, str] = {}
    for a in extract_attributions(article):
        found[a.sentence_index] = found.get(a.sentence_index) or a.actor
    return found


@pytest.mark.parametrize("text, language, speaker", [
    ("„Wir halten inne“, sagte Oberbürgermeister Christian Specht am Montag. Specht legte einen Kranz nieder.", "de",
     "Christian Specht"),
    ("«Мы не отступим», — заявил Владимир Путин.", "ru", "Владимир Путин"),
    ("Selon Amadou Diallo, le calme est revenu dans la capitale.", "fr", "Amadou Diallo"),
    ("«Nous restons ici», a déclaré le ministre Amadou Diallo.", "fr", "Amadou Diallo"),
    ("Ana Torres dijo que la presa no resistirá.", "es", "Ana Torres"),
    ("В ночь на вторник мост закрыли, сообщили в МЧС.", "ru", "МЧС"),
])
def test_the_name_next_to_a_verb_of_saying_is_the_speaker(text, language, speaker):
    assert _said(text, language)[0] == speaker


def test_a_name_with_a_connector_is_an_organisation_and_a_long_one_never_alone_is_nobody():
    text = "Selon le New York Times, un fusil a été retrouvé. Selon le Servicio Secreto de Estados Unidos, non."
    article = Article("a", "urn:a", "t", text, "a", None, "fr", "h", split_sentences(text))
    keys = [a.key for a in extract_attributions(article)]
    assert keys == ["", "org:servicio secreto de estados unidos"]  # which words of the first name whom: unsure


def test_a_lone_surname_is_the_person_the_article_names_in_full():
    text = "Christian Specht eröffnete die Feier am Montag. „Wir halten inne“, sagte Specht."
    assert _said(text, "de")[1] == "Christian Specht"


@pytest.mark.parametrize("text, language", [
    ("„Wir wissen noch nichts“, sagte eine Sprecherin.", "de"),  # no name next to the verb
    ("Le porte-parole, qui affirme avoir renversé Mohamed Bazoum, est colonel.", "fr"),  # the object, not the speaker
    ("وقال المتحدث إن الجسر مغلق.", "ar"),  # no capitals to find a name by: nobody is guessed
    ("Il a dit que tout allait bien.", "fr"),  # a pronoun with nobody named before it
    ("Der Bürgermeister Jan Wolf traf Anna Berg. Er sagte, alles sei gut.", "de"),  # two named before: which one?
    ("Также в ведомстве сообщили о пострадавшем ребенке.", "ru"),  # "the agency": which one, it does not say
    ("Также в министерстве сообщили о пострадавшем ребенке.", "ru"),  # "the ministry": which one?
    ("Согласно списку, на борту был Евгений Пригожин, сообщает ТАСС со ссылкой на ведомство.", "ru"),  # relayed
])
def test_no_name_next_to_the_verb_is_nobody(text, language):
    assert not any(_said(text, language).values())


def test_a_word_the_article_repeats_before_the_verb_is_no_speaker_but_the_police_is():
    text = "Die Polizei sucht. Er werde gesucht, wie die Polizei am Samstagmorgen mitteilte. Am Samstagmorgen schneit es."
    assert _said(text, "de")[1] == "Polizei"  # "Samstagmorgen", a time, is never the speaker


@pytest.mark.parametrize("text, language, speaker", [
    ("En revanche, les autorités affirment qu’il a déjoué deux tentatives.", "fr", "Autorités"),
    ("Об этом сообщили в Министерстве обороны России.", "ru", "Министерстве обороны России"),
])
def test_an_institution_named_by_a_common_noun_of_the_table_speaks(text, language, speaker):
    assert _said(text, language)[0] == speaker


@pytest.mark.parametrize("text, language, speaker", [
    ("«Мы не отступим», — заявил Владимир Путин. Он подчеркнул, что расследование будет полным.", "ru",
     "Владимир Путин"),
    ("« Nous restons », a déclaré Amadou Diallo. « Le pays est calme. » Il a ajouté que tout allait bien.", "fr",
     "Amadou Diallo"),
])
def test_a_pronoun_says_the_words_of_the_person_who_spoke_last(text, language, speaker):
    said = _said(text, language)
    assert said[max(said)] == speaker


def test_a_long_name_before_a_description_set_off_by_a_comma_is_a_person():
    text = "Ibrahim Yahaya Ibrahim, chercheur pour l’ONG International Crisis Group, affirme qu’il est peu connu."
    article = Article("a", "urn:a", "t", text, "a", None, "fr", "h", split_sentences(text))
    assert [a.key for a in extract_attributions(article)] == ["person:yahaya|ibrahim"]


def test_a_pronoun_is_the_one_person_named_right_before_not_the_earlier_speaker():
    text = "«Мы не отступим», — заявил Владимир Путин. Михаил Мишустин приехал в Тверь. Он подчеркнул, что всё хорошо."
    assert _said(text, "ru").get(2) == "Михаил Мишустин"


@pytest.mark.parametrize("text", [
    "Angela Merkel hat die Koalition gemahnt. Es gebe zu viel Streit, sagte er.",  # "er" is not Angela
    "Angela Merkel traf Olaf Scholz in Berlin. Es gebe zu viel Streit, sagte sie.",  # two people: which?
])
def test_a_pronoun_with_no_speaker_before_it_is_nobody_unless_one_person_fits(text):
    assert not _said(text, "de").get(1)


@pytest.mark.parametrize("text, speaker", [
    ("Angela Merkel hat die Koalition zur Sacharbeit gemahnt. Es gebe zu viel Streit, rügte sie in der ARD.",
     "Angela Merkel"),
    ("Der Bürgermeister Jan Wolf kam. Er sagte, alles sei gut.", "Jan Wolf"),
])
def test_a_pronoun_after_a_sentence_naming_one_person_is_that_person(text, speaker):
    assert _said(text, "de").get(1) == speaker


def test_a_quotation_after_a_speaker_s_words_is_theirs_in_any_language():
    text = "«Мы не отступим», — заявил Владимир Путин. «Мост будет восстановлен»."
    assert _said(text, "ru") == {0: "Владимир Путин", 1: "Владимир Путин"}


@pytest.mark.parametrize("text, language, speaker", [
    ("Im Zug war niemand verletzt, wie der Innenminister, Thomas Strobl, sagte.", "de", "Thomas Strobl"),
    ("Проверку начала Росавиация. Согласно списку, на борту был пилот, сообщает Росавиация.", "ru", "Росавиация"),
    ("Le calme est revenu, selon Amadou Diallo, chercheur. Amadou Diallo, chercheur au centre de Niamey, affirme "
     "que la ville est calme.", "fr", "Amadou Diallo"),
])
def test_a_speaker_set_off_by_commas_or_ending_the_sentence_is_found(text, language, speaker):
    said = _said(text, language)
    assert said[max(said)] == speaker


@pytest.mark.parametrize("text, language", [
    ("По информации телеграм-канала SHOT, супругов убило обломками.", "ru"),
    ("Selon l'agence Reuters, le pont est fermé.", "fr"),
])
def test_a_name_the_sentence_calls_a_news_medium_reports_and_is_no_speaker(text, language):
    assert not any(_said(text, language).values())


@pytest.mark.parametrize("text, language, speaker", [
    ("Amadou Bounty Diallo, un ex-militaire, le considère comme un officier.", "fr", "Amadou Bounty Diallo"),
    ("Une déclaration du chef de l’armée, le général Abdou Sidikou Issa, a indiqué que l’armée soutenait le coup.",
     "fr", "Abdou Sidikou Issa"),
    ("Es gab fünf Tote, wie der Ministerpräsident von Sachsen-Anhalt, Reiner Haseloff (CDU), am Samstag sagte.", "de",
     "Reiner Haseloff"),
    ("Le colonel Amadou Abdramane, entouré de neuf hommes en tenue militaire a annoncé la fin du régime.", "fr",
     "Amadou Abdramane"),
    ("Александр Лукашенко, который помог заключить сделку, позже заявил, что отговорил его.", "ru",
     "Александр Лукашенко"),
    ("Как сообщил Дмитрий Песков, самолет упал.", "ru", "Дмитрий Песков"),  # "Как" names nobody
])
def test_the_subject_set_off_by_commas_past_clitics_and_titles_is_the_speaker(text, language, speaker):
    assert _said(text, language)[0] == speaker


@pytest.mark.parametrize("text, language, not_speaker", [
    ("Согласно списку, среди них есть Евгений Пригожин, сообщает ТАСС.", "ru", "Евгений Пригожин"),  # a clause
    ("Mohamed Bazoum, élu en 2021, a été renversé, a annoncé l’armée.", "fr", "Mohamed Bazoum"),  # named after the verb
    ("À Niamey, les soldats ont annoncé la fin du régime.", "fr", "Niamey"),  # a place opening the sentence
])
def test_a_name_opening_the_sentence_or_a_clause_is_not_the_subject_of_a_later_verb(text, language, not_speaker):
    assert _said(text, language).get(0, "") != not_speaker


def test_a_quotation_closed_by_its_cue_sentences_later_is_the_speaker_s_throughout():
    text = "Самолет упал вечером. «На борту находились 10 человек. Все погибли», – сообщили в МЧС."
    assert _said(text, "ru") == {1: "МЧС", 2: "МЧС"}


def test_a_medium_named_in_the_name_itself_reports_and_is_no_speaker():
    assert not any(_said("По данным Telegram-канала Baza, борт упал.", "ru").values())


def test_reported_speech_goes_on_under_the_speaker_of_the_sentence_before():
    text = ("Die Polizei teilte mit, der Mann sei festgenommen worden. Er habe keinen Widerstand geleistet. "
            "Der Markt ist geschlossen. Es habe geregnet.")
    assert _said(text, "de") == {0: "Polizei", 1: "Polizei"}  # the indicative ends it; a new "habe" is nobody's


def test_reported_speech_after_two_speakers_is_nobody_s():
    text = "Die Polizei teilte mit, Olaf Scholz sagte, alles sei ruhig. Der Täter habe allein gehandelt."
    assert 1 not in _said(text, "de")


@pytest.mark.parametrize("text, language, speaker", [
    ("Innenministerin Nancy Faeser reiste nach Magdeburg. „Wir trauern“, sagte die Ministerin.", "de", "Nancy Faeser"),
    ("Пресс-секретарь президента Дмитрий Песков прибыл. Пресс-секретарь заявил, что расследование идёт.", "ru",
     "Дмитрий Песков"),
    ("Le ministre Gérald Darmanin est arrivé. Le ministre a déclaré que tout allait bien.", "fr", "Gérald Darmanin"),
    ("Der Besuch endete. „Wir trauern“, sagte Innenministerin Nancy Faeser.", "de", "Nancy Faeser"),
])
def test_a_title_speaks_for_the_one_person_the_article_names_with_it(text, language, speaker):
    assert _said(text, language)[1] == speaker


def test_a_title_two_people_hold_in_the_article_is_nobody():
    text = ("Le ministre Gérald Darmanin et le ministre Jean Castex sont arrivés. Le ministre a déclaré que tout allait "
            "bien.")
    assert not _said(text, "fr").get(1)


def test_reported_speech_with_a_verb_of_saying_of_its_own_is_not_carried():
    text = "Laut Augenzeugen raste das Auto in die Menge. Menschen seien geflohen, wie die Bild-Zeitung berichtet."
    assert 1 not in _said(text, "de")  # a medium reports it: nobody, not the witnesses


@pytest.mark.parametrize("text, language", [
    ("«No cederemos», dijo Pedro Sánchez. Añadió que el puente será reparado.", "es"),
    ("«Мы не отступим», — заявил Владимир Путин. «Мост восстановят», — добавил.", "ru"),
])
def test_a_verb_with_its_subject_left_out_says_the_words_of_who_spoke_last(text, language):
    said = _said(text, language)
    assert said[1] == said[0] and said[0]


def test_a_plural_verb_with_no_subject_is_nobody():
    text = "«Мы не отступим», — заявил Владимир Путин. «Мост восстановят», — сообщили."
    assert not _said(text, "ru").get(1)  # "сообщили": "it was reported", not Putin


@pytest.mark.parametrize("text, language, not_speaker", [
    ("Les groupes rebelles ont pénétré la capitale Damas, annoncent plusieurs sources.", "fr", "Damas"),
    ("Il Procuratore di Butler è arrivato. Il Procuratore ha dichiarato che le indagini sono in corso.", "it",
     "di Butler"),
])
def test_a_place_or_an_office_of_a_place_is_not_made_a_speaker(text, language, not_speaker):
    assert not_speaker not in _said(text, language).values()


@pytest.mark.parametrize("text, language, speaker", [
    ("„Wir ermitteln“, sagte ein Polizeisprecher.", "de", "Polizei"),
    ("„Wir ermitteln“, sagte ein Sprecher der Polizei auf Nachfrage.", "de", "Polizei"),
    ("Le porte-parole du gouvernement a déclaré que le pont était fermé.", "fr", "Gouvernement"),
    ("Пресс-секретарь МЧС заявил, что все погибли.", "ru", "МЧС"),
])
def test_a_spokesperson_with_no_name_speaks_for_the_body_it_names(text, language, speaker):
    assert _said(text, language)[0] == speaker


def test_a_spokesperson_of_nothing_the_article_knows_is_nobody():
    assert not any(_said("„Wir ermitteln“, sagte ein Sprecher der Stadt.", "de").values())


def test_two_speakers_joined_by_and_both_say_it_and_a_medium_of_them_does_not():
    text = "Как сообщают медиапроект Baza и журналистка Ксения Собчак, самолет упал."
    assert _said(text, "ru") == {0: "Ксения Собчак"}
    text = "Об этом заявили Владимир Путин и Александр Лукашенко."
    article = Article("a", "urn:a", "t", text, "a", None, "ru", "h", split_sentences(text))
    assert [a.actor for a in extract_attributions(article)] == ["Владимир Путин", "Александр Лукашенко"]


def test_reported_speech_only_in_a_clause_the_sentence_reports_is_not_carried():
    text = ("„Ich bin nicht geflohen“, sagte Baschar al-Assad. Er trat damit der Darstellung entgegen, wonach er "
            "geflohen sei. Als die Rebellen kamen, sei er geblieben.")
    assert 1 not in _said(text, "de")


@pytest.mark.parametrize("text, index, speaker", [
    ("„Wir suchen Zeugen\", so Polizeimeister Karsten Hulmose.", 0, "Karsten Hulmose"),  # „…" closed straight
    ("Es gebe Hinweise in Berlin, teilte die Staatsanwaltschaft mit.", 0, "Staatsanwaltschaft"),  # article after verb
    ("Die Lage sei ernst, erklärte Landrat Oliver Bär am Abend.", 0, "Oliver Bär"),  # a title after the verb
    ("Der Schaden sei groß, wie das Landratsamt am Abend mitteilte.", 0, "Landratsamt"),  # "wie" clause, compound
    ("Wie das Bayerische Rote Kreuz am Abend mitteilte, war der Notruf überlastet.", 0, "Bayerische Rote Kreuz"),
    ("Angela Merkel (CDU) hat nach dem Streit eine bessere Arbeit versprochen.", 0, "Angela Merkel"),  # perfect
    ("Laut ersten Angaben der Polizei gab es Streit.", 0, "Polizei"),  # a document of the police
    ("„Wir bleiben ruhig“, sagte Andreas Daum. Das passiere jeden Sommer.", 1, "Andreas Daum"),  # Konjunktiv by ending
    ("Die Gespräche seien gut gewesen, sagte Balling.", 0, "Balling"),  # a lone name with no article after the verb
    ("„Das ist wahr“, sagte Peskow gegenüber Reportern.", 0, "Peskow"),
    ("Polizeisprecher Sebastian Ulbrich kam. Ulbrich: „Es gab einen Hinweis.“", 1, "Sebastian Ulbrich"),  # headed
    ("IG-Metall-Bezirksleiter Knut Giesler, Vize-Aufsichtsratsvorsitzender von Thyssenkrupp Steel, kündigte "
     "Widerstand an.", 0, "Knut Giesler"),  # a title set off after the name is no speaker
    ("Die Gespräche laufen. Das sei falsch, sagte der Sprecher des Präsidenten, Dmitri Peskow.", 1, "Dmitri Peskow"),
    ("Die Gespräche seien gut verlaufen. Das teilte Pressesprecher Dmitri Peskow mit.", 0, "Dmitri Peskow"),  # "Das"
    ("Lichtensteins Feuerwehrkommandant Andreas Daum kam. „Es regnet“, berichtet der Kommandant.", 1, "Andreas Daum"),
])
def test_german_forms_of_saying(text, index, speaker):
    assert _said(text, "de").get(index) == speaker


@pytest.mark.parametrize("text, index", [
    ("Laut einer Mitteilung vom Abend gab es keine Verletzten.", 0),  # a report of no one named
    ("„Wir bleiben ruhig“, sagte Andreas Daum. Der schnelle Einsatz verhinderte Schlimmeres.", 1),  # an adjective
    ("Berlin: Die Polizei sucht Zeugen.", 0),  # a place heading a sentence says nothing
    ("Die Regierung tagte am Montag und forderte mehr Geld.", 0),  # "Montag und forderte": no one named Montag
])
def test_german_forms_that_name_no_speaker(text, index):
    assert not _said(text, "de").get(index)
