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
    read_members,
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
    meta, members = read_members()
    assert FINETUNED_PATH.stat().st_size <= 20 * 2**20
    assert meta["classes"] == list(CLASSES)
    config = FinetuneConfig(**meta["config"])
    assert 1 <= config.top_layers <= 6 and len(members) == config.members
    assert all(m["head.weight"].shape == (len(CLASSES), 384) for m in members)
    assert read_delta()[1].keys() == members[0].keys()
    assert 0.5 < meta["measured"]["cv_macro_f1_tuned"] < 1.0


def test_unknown_settings_in_a_delta_are_a_model_error(tmp_path):
    import json

    meta, members = read_members()
    meta["config"]["no_such_setting"] = 1
    arrays = {f"p.{k}": v.astype(np.float16) for k, v in members[0].items()}
    np.savez_compressed(tmp_path / "odd.npz", meta=np.array(json.dumps(meta)), **arrays)
    with pytest.raises(ModelError, match="unknown fine-tuning settings"):
        load_finetuned(tmp_path / "odd.npz", expected_sha256=file_sha256(tmp_path / "odd.npz"))


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
def test_an_ensemble_round_trips_and_averages_its_members(tmp_path):
    import torch

    tokenizer, base = load_base()
    config = FinetuneConfig(top_layers=1, max_len=32, members=2)
    members = []
    for seed in (0, 1):
        torch.manual_seed(seed)
        members.append(top_classifier(base, config.top_layers))
    digest = save_classifier(members, config, tmp_path / "pair.npz", {})
    _, stored = read_members(tmp_path / "pair.npz", expected_sha256=digest)
    assert len(stored) == 2 and not np.allclose(stored[0]["head.weight"], stored[1]["head.weight"])
    states = lower_states(tokenizer, base, PLAIN, config.top_layers, config.max_len)
    each = [predict_states(m, states) for m in members]
    assert np.allclose(predict_states(members, states), np.mean(each, axis=0))
    loaded = load_finetuned(tmp_path / "pair.npz", expected_sha256=digest)
    assert np.allclose(loaded.predict_proba(PLAIN)[:, 1], np.mean(each, axis=0), atol=2e-3)


@pytest.mark.slow
def test_shipped_model_scores_loaded_sentences_above_plain_ones():
    model = load_finetuned()
    biased = model.predict_proba(LOADED + PLAIN)[:, CLASSES.index("Biased")]
    assert biased[: len(LOADED)].min() > 0.5 > biased[len(LOADED) :].max()


def _training_script():
    """train/babe_data.py: the data half of train/train_babe_finetune.py."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "train" / "babe_data.py"
    spec = importlib.util.spec_from_file_location("babe_data", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bias_word_targets_mark_the_word_pieces_of_annotated_words():
    from transformers import AutoTokenizer

    from parallax.embed.minilm import bundled_model_dir

    tokenizer = AutoTokenizer.from_pretrained(str(bundled_model_dir()))
    text = "Trump said it in his characteristically bizarre syntax, not a Bizarre-ish one."
    [targets] = _training_script().bias_word_targets(tokenizer, [text], [["bizarre", "characteristically"]], 96)
    pieces = tokenizer.convert_ids_to_tokens(tokenizer(text, truncation=True, max_length=96)["input_ids"])
    assert len(targets) == len(pieces)
    marked = [p for p, t in zip(pieces, targets.tolist()) if t]
    assert marked == ["characteristic", "##ally", "bizarre", "bizarre"]  # whole words, any case; never [CLS]/[SEP]
    assert _training_script().bias_word_targets(tokenizer, [text], [[]], 96)[0].sum() == 0


def test_eval_reports_the_recorded_figure_of_the_shipped_model_as_the_headline():
    from parallax.eval.analysis import finetuned_babe_keys, headline_babe_keys

    keys = finetuned_babe_keys()
    assert keys["babe_bias_finetuned_macro_f1"] >= 0.80  # issue #5
    assert len(keys["babe_bias_finetuned_per_fold"]) == 5
    linear = {"babe_bias_minilm_macro_f1": 0.76, "babe_opinion_minilm_macro_f1": 0.67}
    headline = headline_babe_keys(linear | keys)
    assert headline["babe_bias_model"] == "babe_bias_finetuned"
    assert headline["babe_bias_macro_f1"] == keys["babe_bias_finetuned_macro_f1"]
    assert headline_babe_keys(linear)["babe_bias_macro_f1"] == 0.76


def test_eval_drops_the_fine_tuned_keys_when_its_weights_are_not_the_pinned_ones(monkeypatch):
    from parallax.analyse.language import finetuned
    from parallax.eval.analysis import finetuned_babe_keys

    monkeypatch.setattr(finetuned, "FINETUNED_SHA256", "0" * 64)
    assert finetuned_babe_keys() == {}
