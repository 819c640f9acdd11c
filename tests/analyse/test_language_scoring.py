"""Each language dimension responds to text written to show it, with evidence that points home."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from parallax.analyse.language.scoring import DIMENSIONS, TITLE_INDEX, score_article, score_headline
from parallax.models import Page
from parallax.text.article import build_article

NEUTRAL = "The council met on Tuesday to review the annual budget for road maintenance."
EXAMPLES = {
    "sensational": "The shocking bombshell report sparked total chaos and an explosive meltdown.",
    "fearful": "The deadly threat is spiralling out of control and terrified residents fear a catastrophe.",
    "prescriptive": "We must act now, and lawmakers should urge everyone to stop this.",
    "loaded_language": "The radical regime and its corrupt cronies pushed their propaganda.",
    "appeal_to_authority": "Experts agree and studies show that renowned scientists say so.",
    "oversimplification": "Everyone knows it is always the same, plain and simple; nothing but greed.",
    "gossip": "The star was reportedly spotted with an insider, sources say, amid rumors of a feud.",
    "victimization": "They are victims of a witch hunt, persecuted, silenced and scapegoated.",
    "covering_response": "Critics slammed the decision and the backlash sparked outcry as fans reacted.",
    "political": "Republicans and Democrats in Congress voted on the senator's election bill.",
    "subjective": "It was a truly awful, utterly bizarre and deeply disturbing spectacle.",
    "opinionated": "Frankly, this absurd and shameful policy is, in my opinion, a disgrace.",
    "negative_tone": "The attack killed many people and left a horrible, tragic scene of grief.",
    "positive_tone": "The wonderful festival brought joy, love and great happiness to the proud town.",
    "biased": "The radical far-left mob and its hysterical, lying propaganda outraged decent people.",
}


def article(text: str, title: str = "Council report"):
    return build_article(Page(url="https://example.org/a", body=text, title=title, outlet="Example"))


@pytest.mark.parametrize("dimension", sorted(EXAMPLES))
def test_dimension_scores_its_example_above_neutral_text(dimension):
    loaded = score_article(article(f"{EXAMPLES[dimension]} {NEUTRAL}"))
    plain = score_article(article(f"{NEUTRAL} {NEUTRAL}"))
    assert loaded[dimension].value > plain[dimension].value
    assert loaded[dimension].evidence


@pytest.mark.parametrize("dimension", sorted(EXAMPLES))
def test_evidence_phrases_are_in_their_sentence(dimension):
    built = article(f"{NEUTRAL} {EXAMPLES[dimension]}", title="A calm headline")
    for index, phrase in score_article(built)[dimension].evidence:
        where = built.title if index == TITLE_INDEX else built.sentence_text(index)
        assert phrase in where
        if index != TITLE_INDEX and dimension not in ("political",):
            assert index == 1


def test_every_dimension_is_scored_between_zero_and_one():
    scores = score_article(article(" ".join(EXAMPLES.values()), title="You won't believe what happened next"))
    assert set(scores.scores) == set(DIMENSIONS)
    assert all(0.0 <= s.value <= 1.0 for s in scores.scores.values())
    assert len(scores.sentences) == len(EXAMPLES)


def test_headline_evidence_points_at_the_title():
    score = score_headline("17 Things Only People Who Love Cats Will Understand")
    assert score.value > 0.5
    assert all(
        index == TITLE_INDEX and phrase in "17 Things Only People Who Love Cats Will Understand"
        for index, phrase in score.evidence
    )


@pytest.mark.slow
def test_minilm_models_score_with_the_real_embedder():
    from parallax.embed import get_embedder

    embedder = get_embedder("minilm")
    loaded = score_article(article(f"{EXAMPLES['biased']} {NEUTRAL}"), embedder)
    plain = score_article(article(f"{NEUTRAL} {NEUTRAL}"), embedder)
    assert loaded.version.endswith("babe_bias_minilm")
    assert loaded["biased"].value > plain["biased"].value


def test_an_encoder_other_than_minilm_takes_the_ngram_models():
    """The MiniLM-fed pair reads MiniLM's dimensions: another sentence encoder (MUSE, the brief default) is never fed
    to it, so scoring with one equals scoring with none."""
    muse = type("Muse", (), {"name": "muse", "embed_batch": lambda self, texts: 1 / 0})()  # must not be called
    text = f"{EXAMPLES['biased']} {NEUTRAL}"
    with_muse, alone = score_article(article(text), muse), score_article(article(text))
    assert with_muse.version == alone.version and with_muse.version.endswith("+babe_bias")
    assert with_muse["biased"].value == alone["biased"].value


def test_each_sentence_is_scanned_at_most_once_per_lexicon_and_only_where_a_key_is(monkeypatch):
    from parallax.analyse.language import cues
    from parallax.analyse.language.lexicons import LEXICONS

    scans = []
    real = cues.cue_pattern

    class Counting:
        def __init__(self, dimension, *flags):
            self.dimension, self.pattern = dimension, real(dimension, *flags)

        def finditer(self, text):
            scans.append((self.dimension, text.lower()))  # ASCII text is scanned lower-cased
            return self.pattern.finditer(text)

    monkeypatch.setattr(cues, "cue_pattern", Counting)
    cues.find_cues.cache_clear()
    article = build_article(Page(url="https://x.example/once", body=f"{NEUTRAL} {EXAMPLES['fearful']}",
                                 title="Council meets on roads", outlet="X"))
    scores = score_article(article)
    assert len(scans) == len(set(scans)) < len(LEXICONS) * 3  # headline and two sentences, no lexicon twice
    assert ("fearful", EXAMPLES["fearful"].lower()) in scans and ("sensational", NEUTRAL.lower()) not in scans
    assert scores["fearful"].value > 0 and scores["fearful"].evidence


def test_scoring_a_batch_gives_each_article_what_it_gets_alone():
    from parallax.analyse.language.scoring import score_articles
    from parallax.analyse.language.stored import scores_to_body

    built = [
        article(f"{EXAMPLES['biased']} {NEUTRAL} {EXAMPLES['opinionated']}", title="You won't believe this"),
        replace(article(NEUTRAL), title=""),
        article(f"{EXAMPLES['negative_tone']} {EXAMPLES['positive_tone']}", title="Officials say the bill passed"),
        replace(article(f"{EXAMPLES['gossip']} {EXAMPLES['subjective']}"), title="   "),
    ]
    together = [scores_to_body(s) for s in score_articles(built)]
    assert together == [scores_to_body(score_article(a)) for a in built]
    assert score_articles([]) == []
    assert together[1]["scores"]["clickbait"] == together[3]["scores"]["clickbait"] == {"value": 0.0, "evidence": []}
    assert together[0]["scores"]["clickbait"]["value"] > 0 and together[2]["scores"]["biased"]["value"] > 0


def test_sentence_values_round_as_their_own_type_rounds():
    from parallax.analyse.language.scoring import _rounded

    values = [0.02545, 0.55645, 0.85995, 0.60565, 0.5, 0.0]  # where Python's and NumPy's rounding part ways
    assert _rounded(values) == [round(v, 4) for v in values] == [0.0255, 0.5565, 0.8599, 0.6057, 0.5, 0.0]
    numpy_values = [np.float64(v) for v in values]
    assert _rounded(numpy_values) == [round(v, 4) for v in numpy_values] == [0.0254, 0.5564, 0.86, 0.6056, 0.5, 0.0]
    assert all(type(v) is np.float64 for v in _rounded(numpy_values)) and _rounded([]) == []


def test_all_dimensions_combined_at_once_equal_each_combined_alone():
    from parallax.analyse.language.scoring import _combine, _combine_all

    rows = [0.1, 0.7, 0.7, 0.0, 0.3, 0.7, 0.1, 0.9, 0.2, 0.3, 0.1 + 0.2, 0.05]  # ties, and more than 8 units
    per_unit = [
        {"a": (v, [(i, f"w{i}")] if i % 3 else []), "b": (np.float64(v / 3), [(i, "x"), (0, "w0")])}
        for i, v in enumerate(rows)
    ]
    together = _combine_all(per_unit, ["a", "b"])
    for d in ("a", "b"):
        assert together[d] == _combine([p[d][0] for p in per_unit], [p[d][1] for p in per_unit])
    assert _combine_all([], ["a"]) == {"a": _combine([], [])}
