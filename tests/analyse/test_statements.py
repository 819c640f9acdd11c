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


def _judged_titled(text: str, title: str) -> list[bool | None]:
    article = Article("s2", "urn:s2", title, text, "Wire", None, "en", "h", split_sentences(text))
    return [self_contained(article, s.index) for s in article.sentences]


def test_a_bare_definite_subject_leans_on_the_sentence_that_named_it():
    # "The confrontation", "The rule": which one, only the sentence before says
    assert _judged("Protesters in Valdor confronted Mayor Ilse Brann on Monday. "
                   "The confrontation drew 300 people to the square.") == [True, False]
    assert _judged("The rule barred 40 clinics in Valdor from the fund.") == [False]
    # a word that narrows it keeps it plain
    assert _judged("The Valdor rule barred 40 clinics from the fund.") == [True]


def test_the_headlines_own_event_is_known_to_the_reader():
    assert _judged_titled("The earthquake killed 14 people in Herat on Saturday.",
                          "Earthquake kills 14 in Herat") == [True]
    assert _judged_titled("The earthquake killed 14 people in Herat on Saturday.", "Valdor mourns") == [False]


def test_a_surname_alone_after_the_full_name_leans_back():
    assert _judged("Judge Candy Dale struck down the Valdor marriage ban on Tuesday. "
                   "Dale said the ban denied 40 couples a basic right.") == [True, False]
    assert _judged("Dale said the Valdor ban denied 40 couples a basic right.") == [True]  # named here first


def test_a_discourse_opener_leans_on_the_sentence_before():
    assert _judged("In fact, the figure of $1.6 billion came from the budget office in Valdor.") == [False]
    assert _judged("Most recently, on July 3, a court in Valdor blocked the plan.") == [False]
    assert _judged("On Monday, a court in Valdor blocked the plan.") == [True]
    assert _judged("In Valdor, police arrested two men on Friday.") == [True]


def test_a_quantifier_alone_as_subject_leans_back():
    assert _judged("Most have asked the Valdor council to halt the plan for months.") == [False]
    assert _judged("Most of the Valdor council voted against the plan on Monday.") == [True]


def test_a_bare_definite_object_named_before_leans_back():
    text = ("The council of Valdor passed a rule on parking in May. "
            "President Reagan first issued the rule, which was upheld by the Supreme Court in 1991.")
    assert _judged(text) == [True, False]
    assert _judged("President Reagan first issued the rule, which was upheld by the Supreme Court in 1991.") == [True]


def test_a_share_alone_as_subject_leans_back():
    assert _judged("Only 18 percent said the Valdor council should resign.") == [False]
    assert _judged("Only 18 percent of voters in Valdor said the council should resign.") == [True]
