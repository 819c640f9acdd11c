from datetime import datetime

from parallax.analyse.who.figures import (
    conflicting_figures,
    extract_figures,
    involved,
    juxtaposed,
)
from parallax.analyse.who.numbers import parse_number
from parallax.models import Article
from parallax.text.sentences import split_sentences
from parallax.write.sections.reported import as_parsed, digit_figures


def _article(ident: str, outlet: str, text: str) -> Article:
    return Article(ident, f"urn:{ident}", "t", text, outlet, datetime(2026, 3, 2), "en", "h", split_sentences(text))


def _counted(article: Article) -> list:
    """The article's numbers in digits with what the parse says they measure."""
    return [f for f in (as_parsed(article, f) for f in digit_figures(article)) if f is not None]


def test_number_words_and_scales():
    assert parse_number("thirty-four") == 34
    assert parse_number("1.2 million") == 1_200_000
    assert parse_number("3,400") == 3400
    assert parse_number("a dozen") == 12
    assert parse_number("banana") is None


def test_toll_with_qualifier_unit_and_subject():
    article = _article("x1", "North Wire", "The flood left at least 52 people dead in the valley. Rescuers said "
                                           "twenty-one were injured and 7 suspects were arrested.")
    figures = {f.subject: f for f in extract_figures(article)}
    dead = figures["dead"]
    assert (dead.value, dead.qualifier, dead.unit) == (52, "at least", "people")
    assert article.text[dead.start : dead.end] == "at least 52"
    assert figures["injured"].value == 21
    assert figures["arrested"].value == 7


def test_percent_money_and_year():
    article = _article("x2", "North Wire", "Turnout fell to 41% in 2023, and repairs will cost $3.5 million.")
    units = {f.unit: f.value for f in extract_figures(article)}
    assert units == {"percent": 41, "year": 2023, "USD": 3_500_000}


def test_outlets_that_disagree_are_side_by_side():
    a = _article("a", "North Wire", "The blast killed at least 61 people, officials said.")
    b = _article("b", "South Post", "At least 60 people died in the blast on Friday.")
    c = _article("c", "East Daily", "The death toll stood at 61 on Saturday.")
    conflicts = conflicting_figures({o.outlet: extract_figures(o) for o in (a, b, c)})
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict.subject == "dead" and conflict.values == (60, 61)
    assert {f.outlet for f in conflict.figures} == {"North Wire", "South Post", "East Daily"}


def test_agreeing_outlets_make_no_conflict():
    a = _article("a", "North Wire", "The blast killed 61 people.")
    b = _article("b", "South Post", "Sixty-one people died in the blast.")
    assert conflicting_figures({o.outlet: extract_figures(o) for o in (a, b)}) == ()


def test_a_value_inside_another_outlets_range_is_no_conflict():
    a = _article("a", "North Wire", "Losses could reach $400 million, insurers said.")
    b = _article("b", "South Post", "An analyst put the losses at between 350 and $450 million.")
    c = _article("c", "East Daily", "Insurers put the losses at $500 million.")
    figures = {o.outlet: extract_figures(o) for o in (a, b)}
    assert figures["South Post"][-1].low == 350_000_000
    assert conflicting_figures(figures) == ()
    # a value outside the range still conflicts, and so do two single values
    assert len(conflicting_figures({o.outlet: extract_figures(o) for o in (a, b, c)})) == 1
    assert len(conflicting_figures({o.outlet: extract_figures(o) for o in (a, c)})) == 1


def test_an_upper_bound_covers_smaller_values_but_lower_bounds_still_conflict():
    a = _article("a", "North Wire", "Losses could reach $400 million, insurers said.")
    b = _article("b", "South Post", "An analyst put the losses at up to $450 million.")
    assert conflicting_figures({o.outlet: extract_figures(o) for o in (a, b)}) == ()
    c = _article("c", "East Daily", "At least 140 people died in the attack.")
    d = _article("d", "West Courier", "At least 139 people were killed in the attack.")
    assert len(conflicting_figures({o.outlet: extract_figures(o) for o in (c, d)})) == 1


def test_a_subject_word_belongs_to_the_nearest_number():
    article = _article("x3", "North Wire", "The ministry confirmed 212 cases and nine deaths.")
    assert {f.subject: f.value for f in extract_figures(article)} == {"dead": 9}


def test_an_outlet_reporting_both_accounts_of_a_share_gives_both_values():
    both = "The union said 87 percent of its members walked out; the ministry said turnout was 54 percent."
    a = _article("a", "North Wire", both)
    b = _article("b", "South Post", f"Trains stopped on Monday. {both}")
    c = _article("c", "East Daily", "The ministry said turnout among rostered staff was 54 percent.")
    conflicts = conflicting_figures({o.outlet: extract_figures(o) for o in (a, b, c)})
    assert [(k.subject, k.values) for k in conflicts] == [("share", (54, 87))]
    given = {v: {f.outlet for f in conflicts[0].figures if f.value == v} for v in (54, 87)}
    assert given == {54: {"North Wire", "South Post", "East Daily"}, 87: {"North Wire", "South Post"}}


def test_a_toll_keeps_one_headline_figure_per_outlet():
    a = _article("a", "North Wire", "The ministry counts 9 deaths. The charity counts 11 deaths.")
    b = _article("b", "South Post", "The outbreak has caused nine deaths, the ministry said.")
    conflict = conflicting_figures({o.outlet: extract_figures(o) for o in (a, b)})[0]
    assert sorted((f.outlet, f.value) for f in conflict.figures) == [("North Wire", 11), ("South Post", 9)]


def test_one_outlets_values_conflict_only_side_by_side_in_one_sentence():
    apart = _article("a", "North Wire", "Turnout was 54 percent on Monday. Prices rose 11 percent last year.")
    together = _article("b", "North Wire", "The union said 87 percent walked out; the ministry said 54 percent.")
    assert conflicting_figures({"North Wire": extract_figures(apart)}) == ()
    assert not involved(extract_figures(apart)) and involved(extract_figures(together))
    assert len(conflicting_figures({"North Wire": extract_figures(together)})) == 1


def test_juxtaposed_needs_an_account_between_the_two_values():
    rival = _article("a", "North Wire", "The union said 87 percent walked out; the ministry said 54 percent.")
    change = _article("b", "North Wire", "Inflation eased to 10.8 percent in October from 11.4 percent, she said.")
    for article, expected in ((rival, True), (change, False)):
        first, second = extract_figures(article)
        assert juxtaposed(article.text, first, second) is expected


def test_a_rounded_figure_does_not_contradict_a_close_exact_one():
    a = _article("a", "North Wire", "Herring stocks have fallen by around 25 percent since 2016.")
    b = _article("b", "South Post", "The spawning stock has fallen by 26 percent since 2016.")
    c = _article("c", "East Daily", "The stock has fallen by 31 percent since 2016.")
    assert conflicting_figures({o.outlet: extract_figures(o) for o in (a, b)}) == ()
    assert len(conflicting_figures({o.outlet: extract_figures(o) for o in (a, c)})) == 1  # beyond the rounding
    exact = _article("d", "West Times", "The spawning stock has fallen by 25 percent since 2016.")
    assert len(conflicting_figures({o.outlet: extract_figures(o) for o in (b, exact)})) == 1  # two exact values



def test_two_sentences_in_a_row_under_two_named_sources_are_two_accounts():
    accounts = _article("a", "North Wire", "The Ministry of Emergencies says the fire covered 1,800 hectares. Satellite "
                                           "analysis by the Tolven Institute puts the burned area at 24,000 hectares.")
    one_voice = _article("b", "North Wire", "The ministry said 300 homes were destroyed. It said 40 homes were rebuilt.")
    apart = _article("c", "North Wire", "The Ministry says 1,800 hectares burned. Crews were tired. The Tolven Institute "
                                        "says 24,000 hectares burned.")
    for article, expected in ((accounts, True), (one_voice, False), (apart, False)):
        first, second = _counted(article)[:2]
        assert juxtaposed(article.text, first, second) is expected, article.text


def test_two_shares_in_a_row_may_measure_two_things():
    article = _article("a", "North Wire", "The Transport Ministry said 54 percent of staff stayed away. The operator "
                                          "Marenland Railways said 72 percent of trains were cancelled.")
    first, second = extract_figures(article)[:2]
    assert (first.value, second.value) == (54, 72) and not juxtaposed(article.text, first, second)
