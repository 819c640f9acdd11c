import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from parallax.analyse.who.stance import (
    LABELS,
    MODEL_DIR,
    classify_stance,
    load_stance_model,
    save_stance_model,
    stance_features,
)
from parallax.errors import ModelError
from parallax.eval.stance import StancePair, fnc_score, split_by_claim

CLAIM = "Harbour authority confirms the ferry sank after hitting a reef"


def test_features_see_overlap_and_refutation():
    related = stance_features(CLAIM, "The ferry sank after it hit a reef, the harbour authority said.")
    unrelated = stance_features(CLAIM, "A new bakery opened downtown with a queue around the block.")
    refuting = stance_features(CLAIM, "The harbour authority denied the ferry sank, calling the report a hoax.")
    assert related[2] > unrelated[2]  # term-frequency cosine
    assert refuting[7] > related[7]  # refuting-word share
    assert len(related) == len(unrelated)


def test_fnc_score():
    assert fnc_score(["agree", "unrelated"], ["agree", "unrelated"]) == 1.0
    # related-vs-unrelated right but wrong related class: 0.25 of 1.0 for the first pair
    assert fnc_score(["agree", "unrelated"], ["discuss", "unrelated"]) == pytest.approx(0.5 / 1.25)


def test_split_shares_no_headline_or_body():
    pairs = [StancePair(f"claim {c}", f"b{c}{k}", "text", "agree" if k else "unrelated")
             for c in range(20) for k in range(3)]
    train, test = split_by_claim(pairs)
    assert train and test
    assert not {p.headline for p in train} & {p.headline for p in test}
    assert not {p.body_id for p in train} & {p.body_id for p in test}


def test_checksum_guards_the_weights(tmp_path):
    x = np.array([stance_features(CLAIM, t) for t in ("the ferry sank", "bakery opened", "denied hoax", "may have")])
    model = LogisticRegression(max_iter=200).fit(x, list(LABELS))
    save_stance_model(model, tmp_path, {"note": "test"})
    assert list(load_stance_model.__wrapped__(tmp_path).classes_) == sorted(LABELS)
    (tmp_path / "model.pkl").write_bytes(b"tampered")
    with pytest.raises(ModelError):
        load_stance_model.__wrapped__(tmp_path)


@pytest.mark.skipif(not (MODEL_DIR / "model.pkl").exists(), reason="stance model not trained")
def test_shipped_model_tells_related_from_unrelated():
    label, probability = classify_stance(CLAIM, "Shares in the chip maker rose after strong quarterly sales.")
    assert label == "unrelated" and 0.0 < probability <= 1.0
    label, _ = classify_stance(CLAIM, "The harbour authority confirmed the ferry sank after hitting a reef "
                                      "on Tuesday; all passengers were rescued.")
    assert label != "unrelated"


def test_context_features_count_refutation_near_the_matching_sentence():
    far = stance_features(CLAIM, "The ferry sank after hitting a reef. Elsewhere, a hoax about a bakery spread.")
    near = stance_features(CLAIM, "Officials called it a hoax that the ferry sank after hitting a reef. The bakery opened.")
    plain = stance_features(CLAIM, "The ferry sank after hitting a reef. The bakery opened.")
    assert len(near) == len(far) == len(plain) == 57
    assert near[25] == far[25] == 1.0 and plain[25] == 0.0  # refuting words in the whole text
    assert near[27] == 1.0 and far[27] == 0.0  # ... in the best-matching sentence


def test_cross_validation_is_grouped_and_scores_separable_pairs():
    from parallax.eval.stance import cross_validate

    topics = ["ferry sank reef", "bridge collapsed storm", "mayor resigned scandal", "factory fire workers",
              "dam burst flood", "train derailed snow", "museum robbed paintings", "plane landed river"]
    pairs = []
    for i, topic in enumerate(topics):
        for k in range(6):
            related = k % 2 == 0
            body = f"Officials confirmed the {topic} on Monday." if related else f"Recipe number {k} uses {i} eggs."
            pairs.append(StancePair(f"Reports: {topic}", f"b{i}-{k}", body, "agree" if related else "unrelated"))
    score = cross_validate(pairs)
    assert 0.4 < score <= 0.5  # two of the four labels occur, both told apart
