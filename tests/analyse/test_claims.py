"""Key claims across outlets: who asserts a claim, who disputes it, who leaves it out."""

import pytest

from parallax.analyse.who.claims import DISPUTE
from parallax.models import Article, Outlet, Story
from parallax.text.sentences import split_sentences
from parallax.write import material_for
from parallax.write.pool import sentence_pool
from parallax.write.sections.claims import build_key_claims, own_denial

STORY = {
    "North Wire": "Officials in Tarsk said the neighbouring republic of Velm was behind the dam explosion on Sunday. "
                  "Heavy rain slowed the rescue teams across the region.",
    "South Post": "The government in Tarsk said Velm was behind the explosion at the dam on Sunday. "
                  "Velm's foreign minister called the accusation absurd and said Velm had no role in the dam explosion.",
    "East Daily": "Tarsk officials said Velm was behind Sunday's dam explosion, without offering details. "
                  "Velm denied any role in the dam explosion.",
    "West Courier": "Farmers downstream counted their losses as fields flooded. Heavy rain slowed the rescue teams.",
}


HEADLINES = {"North Wire": "Tarsk blames Velm for dam explosion", "South Post": "Tarsk accuses Velm over dam blast",
             "East Daily": "Velm behind dam explosion, Tarsk says", "West Courier": "Fields flood below the dam"}


def _pool():
    articles = [Article(f"{i:016x}", f"urn:{i}", HEADLINES[outlet], text, outlet, None, "en", "h",
                        split_sentences(text)) for i, (outlet, text) in enumerate(STORY.items())]
    story = Story("s1", tuple(a.id for a in articles), "Dam explosion")
    return sentence_pool(material_for(story, articles, {o: Outlet(name=o) for o in STORY}))


def test_same_statement_from_several_outlets_is_one_claim_with_its_disputers():
    claims = build_key_claims(_pool(), ())
    behind = [c for c in claims if "behind" in c["text"]]
    assert len(behind) == 1  # three outlets' wordings of one accusation are one claim
    claim = behind[0]
    assert set(claim["asserted_by"]) == {"North Wire", "South Post", "East Daily"}
    assert claim["omitted_by"] == ["West Courier"]
    assert len(claim["citations"]) == 3


@pytest.mark.parametrize(("sentence", "denies"), [
    ("The ministry called the report utter nonsense.", True),
    ("Velm denied any role.", True),
    ("He offered no evidence for the claim.", True),
    ("The ministry confirmed the report.", False),
    ("Officials said the dam was repaired.", False),
    ("The union disputes the figures.", True),
    ("He dismissed the report as propaganda.", True),
    ("It is a familiar script: the cost of the dispute is counted in lost output.", False),  # the noun
    ("Corvania's propaganda mills cheered the vote.", False),
])
def test_dispute_lexicon(sentence, denies):
    assert bool(DISPUTE.search(sentence)) is denies


@pytest.mark.parametrize(("sentence", "mention", "own"), [
    # the claim's speaker is the one who denies: not a dispute of its claim
    ("Vale blamed Corvania, while Corvania's foreign ministry called the claim absurd.", "foreign ministry", True),
    # the speaker is what is denied
    ("The accusations made by the Valdorian interior minister are absurd, Korrin said.", "interior minister", False),
    ("Korrin called the minister's accusations absurd.", "foreign ministry", False),
])
def test_own_denial(sentence, mention, own):
    assert own_denial(sentence, sentence.index("absurd"), frozenset({mention})) is own
