import pytest

from parallax.analyse.who.attribution import extract_attributions
from parallax.analyse.who.stakeholders import acronym, group_stakeholders, kind_of, same_actor
from parallax.models import Article
from parallax.text.sentences import split_sentences


def _attributions(ident: str, text: str):
    article = Article(ident, f"urn:{ident}", "t", text, ident, None, "en", "h", split_sentences(text))
    return extract_attributions(article)


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
    assert kind_of("special envoy Liv Ambersen") == kind_of("Mayor Osric Talle") == "government"
    assert kind_of("Labour") == kind_of("the Labour Party") == "party"
    assert kind_of("Sundar Federation of Labour") == "other"  # a union


def test_story_wide_grouping():
    first = _attributions("n1", "Russian Foreign Ministry spokeswoman Maria Zakharova said Kyiv had planned the raid. "
                                "Islamic State Khorasan said its fighters carried out the raid.")
    second = _attributions("n2", "Zakharova told reporters the West was shielding the plotters. "
                                 "ISIS-K claimed the raid in a message on Telegram. "
                                 "Witnesses said the gunmen wore camouflage.")
    groups = {s.name: s for s in group_stakeholders({"n1": first, "n2": second})}
    russia = groups["Russian government"]
    assert russia.kind == "government" and len(russia.statements) == 2
    assert "Maria Zakharova" in russia.members
    militants = [s for s in groups.values() if s.kind == "armed group"]
    assert len(militants) == 1 and len(militants[0].statements) == 2
    assert set(militants[0].aliases) == {"Islamic State Khorasan", "ISIS-K"}
    assert groups["Witnesses"].kind == "witness"


def test_a_minister_without_a_country_joins_the_one_ministry_of_that_portfolio():
    first = _attributions("n1", "Corvania's foreign ministry said the accusations were absurd.")
    second = _attributions("n2", "Deputy Foreign Minister Stefan Morvik said Corvania would not be a scapegoat. "
                                 "Interior Minister Dorian Vale said the blast was sabotage.")
    groups = {s.name: s for s in group_stakeholders({"n1": first, "n2": second})}
    ministry = groups["Corvania's foreign ministry"]
    assert "Stefan Morvik" in ministry.members and len(ministry.statements) == 2
    # no interior ministry speaks in the story: the minister stays himself, a government voice
    assert groups["Dorian Vale"].kind == "government"


def test_an_ambiguous_portfolio_joins_nobody():
    first = _attributions("n1", "Corvania's foreign ministry said the accusations were absurd. "
                                "Valdoria's foreign ministry said the evidence was clear.")
    second = _attributions("n2", "Deputy Foreign Minister Stefan Morvik said Corvania would not be a scapegoat.")
    groups = {s.name: s for s in group_stakeholders({"n1": first, "n2": second})}
    assert "Stefan Morvik" in groups and len(groups["Stefan Morvik"].statements) == 1


def test_two_ministers_of_one_portfolio_are_two_countries():
    first = _attributions("n1", "Foreign Ministry spokesperson Ilsa Korrin said the claims were contradicted by the "
                                "wreckage. Foreign Minister Hendrik Aalst said Eskeria would request a meeting.")
    second = _attributions("n2", "Foreign Minister Konrad Elling said Valdoria stands with Eskeria.")
    groups = {s.name: s for s in group_stakeholders({"n1": first, "n2": second})}
    # a ministry has one minister: Aalst and Elling speak for two countries, and the title cannot say which
    assert {"Hendrik Aalst", "Konrad Elling"} <= set(groups)
    assert groups["Hendrik Aalst"].kind == "government"
    assert [s.name for s in groups["Foreign Ministry"].statements] == ["Ilsa Korrin"]


def test_an_acronym_is_headed_by_the_name_it_stands_for():
    items = _attributions("n1", "The FRW said 87 percent of members walked out. The FRW said talks had failed. "
                                "The Federation of Rail Workers said it would strike again.")
    groups = {s.name: s for s in group_stakeholders({"n1": items})}
    assert "FRW" not in groups and len(groups["Federation of Rail Workers"].statements) == 3


def test_a_generic_affiliation_defers_to_the_one_named_in_full():
    items = _attributions("n1", "Benedek Arno, secretary of the Lannick Dockworkers' Union, told reporters the drums "
                                "were stacked to the roof. Union secretary Benedek Arno said inspectors came once.")
    groups = {s.name: s for s in group_stakeholders({"n1": items})}
    assert len(groups["Lannick Dockworkers' Union"].statements) == 2 and "Union" not in groups


def test_a_minister_of_a_named_portfolio_joins_that_ministry():
    from parallax.analyse.who.stakeholders import office_actor

    actors = ["Corvania's Ministry of Emergency Situations", "Green Union", "Drask Press Club"]
    assert office_actor("Minister of Emergency Situations", actors) == actors[0]
    assert office_actor("Deputy Fisheries Minister", actors) == ""


def test_non_governmental_is_not_government():
    assert kind_of("Coastal Care Network, a non-governmental organisation") == "other"
    assert kind_of("the government in Drask") == "government"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Valdorian Rail spokesperson Emil Strand said trains would run.", "Valdorian Rail", "other"),
    ("Deputy Transport Minister Arno Pelt said trains would run.", "Arno Pelt", "government"),
    # the organisation spoke just before: its president speaks for it, and does not make it a government
    ("The harvest is lost, according to the Eskerian Farmers' Federation. Its president, Anders Kolb, said losses "
     "could reach 120 million crowns.", "Eskerian Farmers' Federation", "other"),
    ("The Valdorian Marine Trust said stocks had fallen. \"They argue over a shrinking fish,\" said the trust's "
     "director, Nadia Fenn.", "Valdorian Marine Trust", "other"),
])
def test_a_title_makes_a_person_not_an_organisation_a_government(text, name, kind):
    found = group_stakeholders({"k1": _attributions("k1", text)})
    assert [(s.name, s.kind) for s in found] == [(name, kind)]


def test_an_organisation_named_by_its_first_word_is_one_stakeholder_under_its_full_name():
    assert same_actor("Nimbra", "Nimbra Systems")
    assert not same_actor("Valdorian", "Valdorian Federation of Small Businesses")  # a country's word
    assert not same_actor("Nimbra", "Nimbra Lake")  # not an organisation's name
    found = group_stakeholders({"k1": _attributions("k1", "Nimbra said 1.2 million records were exposed. Nimbra said "
                                                          "it would notify customers. Nimbra Systems said it had "
                                                          "hired outside experts.")})
    assert [(s.name, len(s.statements)) for s in found] == [("Nimbra Systems", 3)]
