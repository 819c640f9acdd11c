"""The claim trainer's pure parts: weights fitted on standardised features, shipped on raw ones, score the same; the
committed labels hold ids, offsets, labels and notes, never page text; a run without ``--out`` writes nothing."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

TRAIN = Path(__file__).resolve().parents[2] / "train"
sys.path.insert(0, str(TRAIN))

import train_claims


def test_unscaled_weights_score_raw_features_as_the_scaled_ones_did():
    rng = np.random.default_rng(16)
    raw = np.hstack([np.ones((40, 1)), rng.normal(3.0, 2.0, (40, 3)), np.zeros((40, 1))])
    rows = [{"story": str(k % 4), "x": list(x), "y": int(x[1] > 3.0)} for k, x in enumerate(raw)]
    scaled, mean, spread = train_claims.scaled(rows)
    coef = rng.normal(size=5)
    raw_coef = np.array(train_claims.unscaled(coef, mean, spread))
    assert np.allclose(np.array([r["x"] for r in scaled]) @ coef, raw @ raw_coef)
    assert all(r["x"][0] == 1.0 for r in scaled)  # the bias column is left alone


def test_the_committed_labels_carry_no_page_text():
    labels = json.loads((TRAIN / "data" / "claims_pac.json").read_text(encoding="utf-8"))
    sentences = [m for story in labels["stories"].values() for m in story["sentences"]]
    assert len(labels["stories"]) >= 40 and len(sentences) >= 400
    assert all(set(m) == {"id", "at", "claim", "note"} and m["claim"] in (0, 1) and len(m["note"]) <= 60
               for m in sentences)


def test_the_extra_labels_carry_no_page_text_and_stay_outside_every_audit():
    extra = json.loads((TRAIN / "data" / "claims_pac_extra.json").read_text(encoding="utf-8"))["stories"]
    base = json.loads((TRAIN / "data" / "claims_pac.json").read_text(encoding="utf-8"))["stories"]
    audit = json.loads((TRAIN.parent / "src" / "parallax" / "data" / "audit" / "pac.json").read_text(encoding="utf-8"))
    assert extra and not set(extra) & (set(base) | set(audit["stories"]))
    sentences = [m for story in extra.values() for m in story["sentences"]]
    assert all(set(m) == {"id", "at", "claim", "note"} and m["claim"] in (0, 1) and len(m["note"]) <= 60
               for m in sentences)
    assert all(m["id"] in story["pages"] for story in extra.values() for m in story["sentences"])


def test_a_run_without_an_output_path_writes_nothing():
    with pytest.raises(SystemExit, match="--out"):
        train_claims.main(["../shared"])


def test_the_allsides_labels_carry_no_page_text_and_stay_outside_the_audit():
    ours = json.loads((TRAIN / "data" / "claims_allsides.json").read_text(encoding="utf-8"))["stories"]
    audit = json.loads((TRAIN.parent / "src" / "parallax" / "data" / "audit" / "allsides.json").read_text(encoding="utf-8"))
    assert len(ours) >= 20 and not set(ours) & set(audit["stories"])
    sentences = [m for story in ours.values() for m in story["sentences"]]
    assert len(sentences) >= 100
    assert all(set(m) == {"id", "at", "claim", "note"} and m["claim"] in (0, 1) and len(m["note"]) <= 60
               for m in sentences)
    assert all(m["id"] in story["pages"] and m["id"].startswith(name + "_") for name, story in ours.items()
               for m in story["sentences"])


def _labels(tmp_path, name: str, stories: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"stories": {s: {"pages": {}, "sentences": []} for s in stories}}), encoding="utf-8")
    return path


def test_several_label_files_are_read_as_one_set_of_stories(tmp_path):
    one, two = _labels(tmp_path, "a.json", ["STORY_1", "STORY_2"]), _labels(tmp_path, "b.json", ["AS_7"])
    assert sorted(train_claims.read_labels([one, two])) == ["AS_7", "STORY_1", "STORY_2"]


def test_a_story_labelled_in_two_files_is_an_error_naming_it(tmp_path):
    one, two = _labels(tmp_path, "a.json", ["STORY_1"]), _labels(tmp_path, "b.json", ["STORY_1", "AS_7"])
    with pytest.raises(train_claims.InputError, match="STORY_1.*a.json.*b.json"):
        train_claims.read_labels([one, two])


def test_labels_names_the_files_up_to_the_next_option_and_defaults_to_every_claims_file():
    argv = ["../shared", "--labels", "a.json", "b.json", "--embedder", "muse", "--out", "w.json"]
    assert train_claims.label_files(argv) == [Path("a.json"), Path("b.json")]
    names = [p.name for p in train_claims.label_files(["../shared", "--out", "w.json"])]
    assert {"claims_pac.json", "claims_pac_extra.json", "claims_allsides.json"} <= set(names)
    with pytest.raises(SystemExit, match="--labels"):
        train_claims.label_files(["../shared", "--labels", "--out", "w.json"])
