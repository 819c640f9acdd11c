"""What a figure measures and when, from the parse of its sentence (the shipped English spaCy model)."""

from datetime import datetime

from parallax.analyse.quantities import figure_facts
from parallax.analyse.who.numbers import NUMBER_PATTERN
from parallax.models import Article
from parallax.text.sentences import split_sentences

SUNDAY = datetime(2026, 3, 15)


def _facts(text: str, published: datetime | None = SUNDAY, language: str = "en") -> dict[str, tuple]:
    """Each number of a one-sentence article → (measure, ISO day or None)."""
    article = Article("q1", "urn:q1", "t", text, "Wire", published, language, "h", split_sentences(text))
    found = {}
    for match in NUMBER_PATTERN.finditer(text):
        facts = figure_facts(article, 0, match.start(), match.end())
        found[match.group()] = facts and (facts[0], facts[1] and facts[1].date().isoformat())
    return found


def test_generic_people_take_the_measure_of_what_happened_to_them():
    facts = _facts("Police said 14 people were killed and 78 injured in the blast.")
    assert facts["14"][0] == "dead"
    assert facts["78"][0] == "injured"


def test_synonyms_meet_and_different_things_stay_apart():
    facts = _facts("The flood left at least 52 dead, 21 wounded and 7 detained.")
    assert (facts["52"][0], facts["21"][0], facts["7"][0]) == ("dead", "injured", "arrested")
    assert _facts("Officials said three people were missing.")["three"][0] == "missing"


def test_a_scale_before_the_number_is_what_it_measures():
    facts = _facts("A magnitude 6.3 earthquake struck 40 kilometres from the city.")
    assert facts["6.3"][0] == "magnitude of earthquake"
    assert _facts("It was followed by an aftershock with a 5.5 magnitude.")["5.5"][0] == "magnitude of aftershock"
    assert facts["40"][0] == "kilometer"  # one spelling of a unit


def test_a_number_in_a_list_measures_nothing_rival():
    facts = _facts("The quake was followed by aftershocks with magnitudes of 5.5, 4.7, 6.3 and 4.6.")
    assert {facts[v][0] for v in ("5.5", "4.7", "6.3", "4.6")} == {""}


def test_a_date_far_from_the_article_moves_the_figure_to_another_time():
    assert _facts("The storm killed 12 people on Saturday.")["12"] == ("dead", "2026-03-15")  # same event
    assert _facts("A storm killed 30 people last week.")["30"] == ("dead", "2026-03-08")
    measure, day = _facts("In June last year, a storm killed 40 people.")["40"]  # another event, a year back
    assert measure == "dead" and day is not None and day < "2025-07-01"
    assert _facts("The storm killed 12 people.", published=None)["12"] == ("dead", None)


def test_other_languages_are_not_read():
    assert _facts("Der Sturm tötete 12 Menschen.", language="de")["12"] is None


def test_a_toll_is_counted_where_the_sentence_says_and_a_headline_says_nothing_of_where():
    from parallax.analyse.quantities import parsed_sentences, places_of

    def where(text: str, number: str) -> set[str]:
        article = Article("q2", "urn:q2", "t", text, "Wire", SUNDAY, "en", "h", split_sentences(text))
        at = text.index(number)
        return set(places_of(parsed_sentences(article)[0], at, at + len(number)))

    assert where("In Syria, 2,530 fatalities have been confirmed by the ministry.", "2,530") == {"Syria"}
    assert where("The death toll in the earthquakes in Turkey and Syria has risen to 11,200.", "11,200") == {
        "Turkey", "Syria"}
    assert where("The quake killed 296 people, the ministry said.", "296") == set()
    assert where("Death toll rises above 15,000 in Turkey, Syria quake", "15,000") == set()


def test_a_count_joined_to_a_verb_by_and_is_what_the_verb_says():
    facts = _facts("Officials said 12,391 people had died in Turkey and 2,992 in Syria from the tremor.")
    assert facts["12,391"][0] == "dead" and facts["2,992"][0] == "dead"
