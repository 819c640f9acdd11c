"""Does a text agree with, dispute, merely discuss, or ignore a claim?

A soft-voting ensemble (gradient boosting + logistic regression) over the
vocabulary-free features of ``stance_features`` ships under
``parallax/data/models/stance`` (trained by ``train/train_stance.py``).
"""

from __future__ import annotations

import json
import pickle
from functools import lru_cache
from pathlib import Path

import numpy as np

from parallax.analyse.who.stance_features import stance_features
from parallax.data import file_sha256, verify_with_card

LABELS = ("agree", "disagree", "discuss", "unrelated")
MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models" / "stance"
__all__ = ["LABELS", "MODEL_DIR", "classify_stance", "load_stance_model", "save_stance_model", "stance_features"]


@lru_cache(maxsize=1)
def load_stance_model(directory: Path = MODEL_DIR) -> object:
    """The shipped classifier, after checking its sha256 against ``model.json``."""
    weights = verify_with_card(directory / "model.pkl", directory / "model.json",
                               "stance model (retrain with train/train_stance.py)")
    with weights.open("rb") as handle:
        return pickle.load(handle)  # our own file, checked above


def save_stance_model(model: object, directory: Path, details: dict[str, object]) -> None:
    """Write the weights and a JSON record of their sha256 and training details."""
    directory.mkdir(parents=True, exist_ok=True)
    weights = directory / "model.pkl"
    weights.write_bytes(pickle.dumps(model, protocol=5))
    record = {"sha256": file_sha256(weights), "labels": list(LABELS), **details}
    (directory / "model.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def classify_stance(claim_text: str, sentence_text: str) -> tuple[str, float]:
    """The most likely stance of ``sentence_text`` towards ``claim_text`` and its probability."""
    model = load_stance_model()
    probabilities = model.predict_proba(np.array([stance_features(claim_text, sentence_text)]))[0]
    best = int(np.argmax(probabilities))
    return str(model.classes_[best]), float(probabilities[best])
