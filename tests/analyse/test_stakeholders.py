from parallax.analyse.who.attribution import extract_attributions
from parallax.analyse.who.stakeholders import acronym, group_stakeholders, kind_of, same_actor
from parallax.models import Article
from parallax.text.sentences import split_sentences


def _attributions(ident: str, text: str):
    article = Article(ident, f"urn:{ident}", "t", text, ident, None, "en", "h", split_sentences(text))
    return extract_attributions(article)


def _groups(**texts):
    return {s.name: s for s in group_stakeholders({k: _attributions(k, t) for k, t in texts.items()})}


def test_aliases_merge():
    assert acronym("Islamic State Khorasan") == "isk"
    assert same_actor("IS-K", "Islamic State Khorasan")
    assert same_actor("ISIS-K", "IS-K")
    assert not same_actor("Russian government", "Ukrainian government")


def test_kinds():
    assert kind_of("British government") == "government"
    assert kind_of("Islamic State Khorasan") == "armed group"
    assert kind_of("Analysts") == "analyst"
    assert kind_of("Blue Harbour Bakery") == "other"
    assert kind_of("the Labour Party") == "party"
    assert kind_of("Coastal Care Network, a non-governmental organisation") == "other"


def test_one_person_one_heading_across_outlets():
    groups = _groups(a="President Joe Biden said the order was lawful. Mr. Biden said it would stand.",
                     b="Biden told reporters the court had no say.")
    assert len(groups["Joe Biden"].statements) == 3
    assert "Biden" not in groups and groups["Joe Biden"].kind == "government"  # his title says so


def test_two_people_with_one_surname_stay_apart_and_a_lone_surname_joins_neither():
    groups = _groups(a="Hillary Clinton said the vote was fair. Bill Clinton said it was rigged.",
                     b="Clinton said the count would be checked.")
    assert len(groups["Hillary Clinton"].statements) == len(groups["Bill Clinton"].statements) == 1
    assert "Clinton" not in groups


def test_a_pronoun_is_never_filed_under_the_nearest_name_of_the_other_gender():
    groups = _groups(a="Spokeswoman Lena Farrow spoke on Monday. Mr. Tobias Grint said the plan was wrong. "
                       "\"He should never have come,\" she said.")
    assert all(s.source.text != "she" for s in groups["Tobias Grint"].statements)


def test_a_pronoun_after_the_one_person_of_its_gender_is_that_person():
    groups = _groups(a="Spokeswoman Lena Farrow said the plan was wrong. She said the council had ignored the warnings.")
    assert [s.source.text for s in groups["Lena Farrow"].statements] == ["Spokeswoman Lena Farrow", "She"]


def test_a_pronoun_with_two_people_it_could_mean_is_dropped():
    groups = _groups(a="Susan Collins met Lisa Murkowski on Sunday. \"We agreed nothing,\" she said.")
    assert not any(s.source.text == "she" for g in groups.values() for s in g.statements)


def test_an_owner_is_not_the_speaker():
    groups = _groups(a="Delane's lawyer, Tom Pryce, said the order was lawful.")
    assert list(groups) == ["Tom Pryce"]


def test_a_country_speaks_as_itself_and_places_are_not_stakeholders():
    groups = _groups(a="Russian officials said the dam was hit by shells. Witnesses in Kyiv said the water rose fast.")
    assert "Kyiv" not in groups and "Russian" not in groups  # a place is no speaker; a nation speaks as its country
    if "Russia" in groups:
        assert groups["Russia"].kind == "government" and groups["Russia"].country == "RU"
