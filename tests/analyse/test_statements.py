"""What the parse shows of a sentence standing on its own (the shipped English spaCy model): the claim model's
signals, one sentence at a time."""

from parallax.analyse.statements import SIGNALS, signals
from parallax.models import Article
from parallax.text.sentences import split_sentences


def _read(text: str, language: str = "en", title: str = "t") -> list[dict | None]:
    article = Article("s1", "urn:s1", title, text, "Wire", None, language, "h", split_sentences(text))
    return [signals(article, s.index) for s in article.sentences]


def test_a_named_subject_with_a_finite_verb():
    [read] = _read("Police in Valdor arrested two men on Friday.")
    assert read["finite"] == read["subject_named"] == read["dated"] == read["past"] == 1.0
    assert read["subject_back"] == read["subject_definite"] == read["connective"] == 0.0
    assert set(read) == set(SIGNALS)


def test_pronouns_and_pointing_subjects_point_back():
    assert _read("He told reporters in Valdor that the bridge was closed.")[0]["subject_back"] == 1.0
    assert _read("Another video of the blast was published on Monday.")[0]["subject_back"] == 1.0
    assert _read("Most have asked the Valdor council to halt the plan.")[0]["subject_back"] == 1.0
    assert _read("Most of the Valdor council voted against the plan.")[0]["subject_back"] == 0.0


def test_a_joining_word_or_a_discourse_opener():
    assert _read("But the ministry in Valdor denied it on Friday.")[0]["connective"] == 1.0
    assert _read("In fact, the figure of $1.6 billion came from the budget office in Valdor.")[0]["connective"] == 1.0
    assert _read("On Monday, a court in Valdor blocked the plan.")[0]["connective"] == 0.0


def test_a_fragment_has_no_finite_verb():
    assert _read("Dozens of victims of the blast at the Valdor port on Sunday.")[0]["finite"] == 0.0


def test_what_would_happen_and_who_speaks():
    assert _read("A wave would hit the Valdor bridge about 19 hours later.")[0]["hypothetical"] == 1.0
    assert _read("We should never have trusted the Valdor council.")[0]["personal"] == 1.0
    assert _read("The Valdor council met on Monday.")[0]["personal"] == 0.0


def test_a_bare_definite_subject_unless_the_headline_names_it():
    assert _read("The rule barred 40 clinics in Valdor from the fund.")[0]["subject_definite"] == 1.0
    assert _read("The Valdor rule barred 40 clinics from the fund.")[0]["subject_definite"] == 0.0
    assert _read("The earthquake killed 14 people in Herat on Saturday.",
                 title="Earthquake kills 14 in Herat")[0]["subject_definite"] == 0.0


def test_a_surname_alone_after_the_full_name_and_a_noun_told_before():
    first, second = _read("Judge Candy Dale struck down the Valdor ban on Tuesday. "
                          "Dale said the ban denied 40 couples a basic right.")
    assert (first["subject_surname"], second["subject_surname"]) == (0.0, 1.0)
    first, second = _read("The council of Valdor passed a rule on parking in May. "
                          "President Reagan first issued the rule, which was upheld in 1991.")
    assert first["told_before"] == 0.0 and second["told_before"] > 0.0


def test_an_unparsed_language_gives_no_signals():
    assert _read("Die Polizei in Valdor nahm am Freitag zwei Männer fest.", language="de") == [None]
