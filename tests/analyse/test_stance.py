import json
import shutil

import numpy as np
import pytest
from sklearn.dummy import DummyClassifier

from parallax.analyse.who.stance import (
    ENCODER_FILE,
    LABELS,
    MODEL_DIR,
    StanceModel,
    classify_stance,
    classify_stances,
    combine,
    decide,
    load_stance_model,
    save_stance_model,
    stance_features,
)
from parallax.analyse.who.stance_encoder import RELATED, class_weights, embedding_features, evidence_text
from parallax.errors import ModelError
from parallax.eval.stance import StancePair, fnc_score, split_by_claim

CLAIM = "Harbour authority confirms the ferry sank after hitting a reef"
SHIPPED = (MODEL_DIR / "model.pkl").exists() and (MODEL_DIR / ENCODER_FILE).exists()


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


def test_context_features_count_refutation_near_the_matching_sentence():
    far = stance_features(CLAIM, "The ferry sank after hitting a reef. Elsewhere, a hoax about a bakery spread.")
    near = stance_features(CLAIM, "Officials called it a hoax that the ferry sank after hitting a reef. The bakery opened.")
    plain = stance_features(CLAIM, "The ferry sank after hitting a reef. The bakery opened.")
    assert len(near) == len(far) == len(plain) == 57
    assert near[25] == far[25] == 1.0 and plain[25] == 0.0  # refuting words in the whole text
    assert near[27] == 1.0 and far[27] == 0.0  # ... in the best-matching sentence


def test_embedding_features_and_evidence_follow_the_closest_sentences():
    claim = np.array([1.0, 0.0, 0.0])
    sentences = np.array([[0.0, 1.0, 0.0], [0.8, 0.6, 0.0], [1.0, 0.0, 0.0]])
    features = embedding_features(claim, sentences)
    assert features[0] == pytest.approx(1.0) and features[1] == pytest.approx(0.8)
    assert features[5] == pytest.approx(0.0)  # the first sentence is off the claim
    text = evidence_text("Claim", claim, ["off", "close", "same"], sentences)
    assert text == "Claim [SEP] same close"


def test_class_weights_lift_the_rare_class():
    weights = class_weights(np.array([0] * 30 + [1] * 10 + [2] * 60), power=1.0)
    assert weights[1] > weights[0] > weights[2]
    assert np.allclose(class_weights(np.array([0, 1, 2]), power=0.5), 1.0)


def test_two_steps_combine_and_decide():
    related = np.array([0.9, 0.2, 0.6])
    split = np.array([[0.2, 0.7, 0.1], [0.6, 0.2, 0.2], [0.3, 0.1, 0.6]])
    tuned = np.array([[0.05, 0.9, 0.05]])  # the cross-encoder reads row 2 only
    probabilities = combine(related, split, np.array([2]), tuned)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert np.allclose(probabilities[:2, :3], split[:2] * related[:2, None])
    # it halves P(discuss) (0.6 -> 0.325) but does not turn agree into disagree: the features keep their 3:1
    assert np.allclose(probabilities[2], [0.6 * 0.675 * 0.75, 0.6 * 0.675 * 0.25, 0.6 * 0.325, 0.4])
    labels = decide(probabilities)
    assert [label for label, _ in labels] == ["disagree", "unrelated", "agree"]
    assert labels[0][1] == pytest.approx(0.9 * 0.7) and labels[1][1] == pytest.approx(0.8)


def _toy_model(tmp_path):
    from parallax.analyse.language.finetuned import load_base
    from parallax.analyse.who.stance_encoder import ENCODER_CONFIG, StanceEncoder, encoder_classifier

    features = np.zeros((3, 66))
    related = DummyClassifier(strategy="prior").fit(features, [True, True, False])
    split = DummyClassifier(strategy="prior").fit(features, list(RELATED))
    tokenizer, base = load_base()
    encoder = StanceEncoder(tokenizer, base, encoder_classifier(base), ENCODER_CONFIG)
    save_stance_model(StanceModel(related, split, split, encoder), tmp_path, {"note": "test"})


@pytest.mark.slow
def test_checksums_guard_both_weight_files(tmp_path):
    _toy_model(tmp_path)
    model = load_stance_model.__wrapped__(tmp_path)
    assert model.encoder.config.top_layers >= 1
    assert len(model.predict([CLAIM], ["The ferry sank."])) == 1
    for name in ("model.pkl", ENCODER_FILE):
        altered = tmp_path / "altered"
        shutil.copytree(tmp_path, altered, ignore=shutil.ignore_patterns("altered"))
        data = bytearray((altered / name).read_bytes())
        data[len(data) // 2] ^= 0xFF
        (altered / name).write_bytes(bytes(data))
        with pytest.raises(ModelError, match="not the pinned"):
            load_stance_model.__wrapped__(altered)
        shutil.rmtree(altered)
    (tmp_path / ENCODER_FILE).unlink()
    with pytest.raises(ModelError, match="missing"):
        load_stance_model.__wrapped__(tmp_path)


def test_a_card_without_the_cross_encoder_is_refused(tmp_path):
    (tmp_path / "model.pkl").write_bytes(b"weights")
    from parallax.data import file_sha256

    (tmp_path / "model.json").write_text(json.dumps({"sha256": file_sha256(tmp_path / "model.pkl")}))
    with pytest.raises(ModelError, match="cross-encoder"):
        load_stance_model.__wrapped__(tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(not SHIPPED, reason="stance model not trained")
def test_shipped_model_tells_unrelated_agreeing_refuting_and_hedging_texts_apart():
    label, probability = classify_stance(CLAIM, "Shares in the chip maker rose after strong quarterly sales.")
    assert label == "unrelated" and 0.5 < probability <= 1.0
    label, _ = classify_stance(CLAIM, "The harbour authority denied reports that the ferry sank, calling the "
                                      "story a hoax: the ferry is safe in port and never hit a reef.")
    assert label == "disagree"
    label, _ = classify_stance(CLAIM, "It is unclear whether the ferry sank; the harbour authority is "
                                      "investigating reports it may have hit a reef.")
    assert label == "discuss"
    confirming = "The ferry sank after hitting a reef, the harbour authority confirmed on Tuesday."
    agree, disagree, _, unrelated = load_stance_model().probabilities([CLAIM], [confirming])[0]
    assert agree > 2 * disagree and unrelated < 0.5


@pytest.mark.slow
@pytest.mark.skipif(not SHIPPED, reason="stance model not trained")
def test_batch_classification_matches_one_pair_at_a_time():
    pairs = [(CLAIM, "Shares in the chip maker rose after strong quarterly sales."),
             (CLAIM, "The ferry sank after hitting a reef, the harbour authority said."),
             ("Police say the museum was robbed overnight", "Police said thieves took two paintings overnight.")]
    batched = classify_stances(pairs)
    assert [label for label, _ in batched] == [classify_stance(*p)[0] for p in pairs]
    assert np.allclose([p for _, p in batched], [classify_stance(*p)[1] for p in pairs], atol=1e-4)
    assert classify_stances([]) == []


@pytest.mark.slow
@pytest.mark.skipif(not SHIPPED, reason="stance model not trained")
def test_shipped_card_records_the_figures():
    record = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    assert record["labels"] == list(LABELS)
    assert 0.0 < record["held_out"]["stance_macro_f1"] <= 1.0
    assert (MODEL_DIR / ENCODER_FILE).stat().st_size <= 8 * 2**20


@pytest.mark.slow
def test_cross_validation_is_grouped_and_scores_separable_pairs():
    from parallax.eval.stance import cross_validate

    topics = ["ferry sank reef", "bridge collapsed storm", "mayor resigned scandal", "factory fire workers",
              "dam burst flood", "train derailed snow", "museum robbed paintings", "plane landed river"]
    pairs = []
    for i, topic in enumerate(topics):
        for k in range(6):
            if k % 2:
                body, stance = f"Recipe number {k} uses {i} eggs.", "unrelated"
            elif k == 2:
                body, stance = f"Officials denied the {topic}, calling the report a hoax.", "disagree"
            else:
                body, stance = f"Officials confirmed the {topic} on Monday.", "agree"
            pairs.append(StancePair(f"Reports: {topic}", f"b{i}-{k}", body, stance))
    figures = cross_validate(pairs)
    assert figures["f1_unrelated"] == 1.0  # related and unrelated told apart in every held-out fold
    assert 0.5 < figures["stance_macro_f1"] <= 0.75  # three of the four labels occur
