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
