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
    bad.write_text(json.dumps({"features": ["bias", "a_retired_feature"], "coef": [0.0, 0.0], "threshold": 0.5}))
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


def test_a_year_other_than_the_articles_own_marks_another_time():
    from datetime import datetime

    published = datetime(2021, 8, 30)
    assert claimworthy.other_year("The two men met often while they negotiated the 2015 treaty.", published) == 1.0
    assert claimworthy.other_year("The plan aims to halve the output by 2030.", published) == 1.0
    assert claimworthy.other_year("The council voted in May 2021 to close the bridge.", published) == 0.0
    assert claimworthy.other_year("The storm left 12,019 homes without power.", published) == 0.0
    assert claimworthy.other_year("The treaty of 2015 was signed in Vienna.", None) == 0.0
    assert "other_year" in claimworthy.FEATURES


def _head(tmp_path, monkeypatch, names, **extra):
    path = tmp_path / "weights.json"
    path.write_text(json.dumps({"features": list(names), "coef": [0.0] * len(names), "threshold": 0.5,
                                "neutral": {"sources": 0.0, "centrality": 0.5}, **extra}))
    monkeypatch.setattr(claimworthy, "WEIGHTS", path)
    claimworthy.weights.cache_clear()


def test_a_head_fitted_before_a_feature_was_added_weighs_only_the_features_it_names(tmp_path, monkeypatch):
    older = [k for k in claimworthy.FEATURES if k != "other_year"]
    _head(tmp_path, monkeypatch, older)
    try:
        assert claimworthy.weights()["features"] == older
        _head(tmp_path, monkeypatch, [*older, "a_feature_nobody_computes"])
        with pytest.raises(ModelError, match="other features"):
            claimworthy.weights()
    finally:
        claimworthy.weights.cache_clear()


def test_a_head_with_a_cut_of_its_own_sets_the_claim_and_takeaway_bars_and_one_without_takes_the_common_cut(
        tmp_path, monkeypatch):
    from parallax.write.sections import claims, takeaway

    pool = _pool("A landslide in the mountain village of Kerrow buried 14 houses on Sunday, the regional police said.")
    try:
        _head(tmp_path, monkeypatch, claimworthy.FEATURES, cut=0.8)
        assert claims.claim_cut(pool) == 0.8
        assert takeaway.worthiness_cut(pool) == pytest.approx(0.8 - takeaway.BELOW_CLAIM_CUT)
        _head(tmp_path, monkeypatch, claimworthy.FEATURES)
        assert claims.claim_cut(pool) == claims.CLAIM_CUT
        assert takeaway.worthiness_cut(pool) == pytest.approx(0.6)  # MiniLM's bar, as it was before the heads had cuts
    finally:
        claimworthy.weights.cache_clear()
