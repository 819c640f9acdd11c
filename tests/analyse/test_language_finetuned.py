"""Fine-tuned bias classifier: the shipped delta is pinned and small, loads offline, and separates plain cases."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from parallax.analyse.language.finetuned import (
    CLASSES,
    FINETUNED_PATH,
    FinetuneConfig,
    load_base,
    load_finetuned,
    lower_states,
    predict_states,
    read_delta,
    save_classifier,
    top_classifier,
)
from parallax.data import file_sha256
from parallax.errors import ModelError

LOADED = [
    "The radical senator's disgraceful stunt proves once again that her party despises ordinary families.",
    "Greedy corporate fat cats are shamelessly gouging desperate patients while their puppet politicians cheer.",
    "The unhinged mob of extremists rampaged through the city, spewing hateful lies as cowardly officials hid.",
]
PLAIN = [
    "The committee will meet on Tuesday to review the budget proposal.",
    "The company reported quarterly revenue of 4.2 billion dollars, up 3 percent from a year earlier.",
    "The bill passed the House by a vote of 220 to 210 and now goes to the Senate.",
]


def test_shipped_delta_is_small_and_matches_its_pinned_checksum():
    meta, arrays = read_delta()
    assert FINETUNED_PATH.stat().st_size <= 8 * 2**20
    assert meta["classes"] == list(CLASSES)
    assert meta["config"]["top_layers"] in (1, 2)
    assert arrays["head.weight"].shape == (len(CLASSES), 384)


def test_altered_or_missing_weights_are_refused(tmp_path):
    altered = tmp_path / "altered.npz"
    shutil.copy(FINETUNED_PATH, altered)
    data = bytearray(altered.read_bytes())
    data[len(data) // 2] ^= 0xFF
    altered.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="not the pinned"):
        read_delta(altered)
    with pytest.raises(ModelError, match="missing"):
        read_delta(tmp_path / "absent.npz")


@pytest.mark.slow
def test_saved_classifier_round_trips_through_the_loader(tmp_path):
    tokenizer, base = load_base()
    config = FinetuneConfig(top_layers=1, max_len=32)
    classifier = top_classifier(base, config.top_layers)
    digest = save_classifier(classifier, config, tmp_path / "toy.npz", {"note": "untrained"})
    assert digest == file_sha256(tmp_path / "toy.npz")
    expected = predict_states(classifier, lower_states(tokenizer, base, PLAIN, config.top_layers, config.max_len))
    loaded = load_finetuned(tmp_path / "toy.npz", expected_sha256=digest)
    assert np.allclose(loaded.predict_proba(PLAIN)[:, 1], expected, atol=2e-3)
    assert loaded.measured == {"note": "untrained"}


@pytest.mark.slow
def test_shipped_model_scores_loaded_sentences_above_plain_ones():
    model = load_finetuned()
    biased = model.predict_proba(LOADED + PLAIN)[:, CLASSES.index("Biased")]
    assert biased[: len(LOADED)].min() > 0.5 > biased[len(LOADED) :].max()
