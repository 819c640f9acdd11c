from parallax.analyse.who.attribution import extract_attributions
from parallax.analyse.who.countries import countries_named, sole_country
from parallax.analyse.who.stakeholders import group_stakeholders
from parallax.models import Article
from parallax.text.sentences import split_sentences


def test_names_and_demonyms_name_countries():
    assert countries_named("Eskerian Defence Minister") == ["XE"]  # countries.csv's demonym column
    assert countries_named("Corvania's foreign ministry") == ["XC"]
    assert countries_named("Russian Foreign Ministry") == ["RU"]  # Russia + n
    assert countries_named("Ukrainian officials") == ["UA"]  # Ukraine → Ukrainian
    assert countries_named("British Foreign Secretary") == ["GB"]  # the speakers table's irregular demonym
    assert countries_named("American officials and the Kremlin") == ["US", "RU"]
    assert countries_named("Green Union leader") == []
    assert sole_country(["Eskerian", "Defence Minister"]) == "XE"
    assert sole_country(["Eskerian", "Corvanian"]) == ""


def test_a_stakeholder_country_comes_from_its_titles_not_a_persons_name():
    text = ("Ukrainian Defence Minister Oleh Marchenko said the drone was unarmed. "
            "Jordan Smith, a spokesman for the Green Union, said the flights must stop.")
    article = Article("n1", "urn:n1", "t", text, "n1", None, "en", "h", split_sentences(text))
    groups = {s.name: s for s in group_stakeholders({"n1": extract_attributions(article)})}
    assert groups["Oleh Marchenko"].country == "UA"
    assert all(s.country == "" for name, s in groups.items() if name != "Oleh Marchenko")
