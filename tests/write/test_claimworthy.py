"""The learned claim model: loads, rates a factual lead above background, and refuses weights of other features."""

import json

import pytest

from parallax.errors import ModelError
from parallax.models import Outlet, Page, Story
from parallax.text.article import build_article
from parallax.write import claimworthy
from parallax.write.material import StoryMaterial
from parallax.write.pool import sentence_pool


def _pool(text: str):
    article = build_article(Page(url="https://a.example/1", body=text, title="", outlet="a"))
    return sentence_pool(StoryMaterial(Story("s", (article.id,)), (article,), {"a": Outlet("a", "a.example")}, {}))


def test_the_factual_lead_rates_above_a_later_aside():
    pool = _pool("A landslide in the mountain village of Kerrow buried 14 houses on Sunday, the regional police said. "
                 "Kerrow lies on a road that tourists like. "
                 "Many people there remember the winters of their childhood and the long walks to school.")
    scores = [claimworthy.claim_worthiness(pool, i) for i in range(len(pool.refs))]
    assert scores[0] > scores[1] and scores[0] > scores[2]
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_weights_of_other_features_are_refused_with_the_file_named(tmp_path, monkeypatch):
    bad = tmp_path / "weights.json"
    bad.write_text(json.dumps({"features": ["bias"], "coef": [0.0], "threshold": 0.5}))
    monkeypatch.setattr(claimworthy, "WEIGHTS", bad)
    claimworthy.weights.cache_clear()
    try:
        with pytest.raises(ModelError, match="weights.json"):
            claimworthy.weights()
    finally:
        claimworthy.weights.cache_clear()


def test_each_sentence_encoder_takes_the_weights_fitted_on_its_own_cosines():
    muse, minilm = claimworthy.weights("muse"), claimworthy.weights("minilm")
    assert muse["trained_on"].get("embedder") == "muse" and muse["coef"] != minilm["coef"]
    assert claimworthy.weights_file("tfidf") == claimworthy.weights_file("minilm") == claimworthy.WEIGHTS
    assert claimworthy.weights_file("muse").name == "weights_muse.json"


def test_each_sentence_encoder_keeps_key_claims_at_its_own_cut(monkeypatch):
    from types import SimpleNamespace

    from parallax.write.sections import claims

    monkeypatch.setattr(claims, "plain_statement", lambda pool, i: True)
    between = (claims.CLAIM_CUT + claims.claim_cut("muse")) / 2  # above the common cut, below MUSE's
    monkeypatch.setattr(claims, "claim_worthiness", lambda pool, i: between)
    pool_of = lambda embedder: SimpleNamespace(material=SimpleNamespace(embedder=embedder))
    assert claims.claim_cut("minilm") == claims.claim_cut("tfidf") == claims.CLAIM_CUT < claims.claim_cut("muse")
    assert claims.is_claim(pool_of("minilm"), 0) and not claims.is_claim(pool_of("muse"), 0)
