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


def _attributions(ident: str, text: str):
    article = Article(ident, f"urn:{ident}", "t", text, ident, None, "en", "h", split_sentences(text))
    return extract_attributions(article)


def test_a_stakeholder_country_comes_from_its_titles_not_a_persons_name():
    items = _attributions("n1", "Eskerian Defence Minister Sella Vantorp said the drone was unarmed. "
                                "Jordan Smith, a spokesman for the Green Union, said the flights must stop.")
    groups = {s.name: s for s in group_stakeholders({"n1": items})}
    assert groups["Sella Vantorp"].country == "XE"
    assert all(s.country == "" for name, s in groups.items() if name != "Sella Vantorp")


def test_a_relative_clause_that_says_whom_the_speaker_leads_places_them():
    items = _attributions("n2", "Deputy Fisheries Minister Aurel Maske, who led Valdoria's delegation, said the talks "
                                "had failed. Pell Orrin, who met Valdoria's delegation on Monday, said they were stuck. "
                                "Ines Marr, who runs Valdoria's biggest trawler firm, said the fleet would wait.")
    groups = {s.name: s for s in group_stakeholders({"n2": items})}
    assert groups["Aurel Maske"].country == "XV"  # leads the delegation: speaks for Valdoria
    assert groups["Pell Orrin"].country == ""  # met it: says nothing of his own side
    assert groups["Ines Marr"].country == ""  # a firm of Valdoria is not Valdoria's side
