"""Self-contained statements, from the parse of the sentence (the shipped English spaCy model)."""

from parallax.analyse.statements import self_contained
from parallax.models import Article
from parallax.text.sentences import split_sentences


def _judged(text: str, language: str = "en") -> list[bool | None]:
    article = Article("s1", "urn:s1", "t", text, "Wire", None, language, "h", split_sentences(text))
    return [self_contained(article, s.index) for s in article.sentences]


def test_a_named_subject_with_a_finite_verb_states_a_fact():
    assert _judged("Police in Valdor arrested two men on Friday.") == [True]
    assert _judged("The interior ministry said 14 people had died in Herat.") == [True]


def test_pronouns_and_pointing_subjects_lean_on_an_earlier_sentence():
    assert _judged("He told reporters in Valdor that the bridge was closed.") == [False]
    assert _judged("Another video of the blast was published on Monday.") == [False]
    assert _judged("But the ministry in Valdor denied it on Friday.") == [False]


def test_fragments_and_questions_are_not_statements():
    assert _judged("Dozens of victims of the blast at the Valdor port on Sunday.") == [False]
    assert _judged("Will the ministry in Valdor publish the list on Monday?") == [False]


def test_an_unparsed_language_is_left_to_the_caller():
    assert _judged("Die Polizei in Valdor nahm am Freitag zwei Männer fest.", language="de") == [None]


def test_what_would_or_might_happen_is_no_statement_of_fact():
    assert _judged("A wave would hit the Valdor bridge about 19 hours later.") == [False]
    assert _judged("The toll in Valdor might rise above 40 by Sunday.") == [False]
    assert _judged("The ministry in Valdor will publish the list on Monday.") == [True]
