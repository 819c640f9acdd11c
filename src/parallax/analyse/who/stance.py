"""Does a text agree with, dispute, merely discuss, or ignore a claim?

Two steps, trained by ``train/train_stance.py`` and shipped under ``parallax/data/models/stance``:

1. related or unrelated: gradient boosting over the vocabulary-free features of
   ``stance_features`` plus MiniLM bi-encoder cosines between the claim and the
   text's sentences (``stance_encoder.embedding_features``);
2. for a related text, agree / disagree / discuss: the average of gradient
   boosting and logistic regression over the same features; for P(discuss) that
   average is itself averaged with a MiniLM cross-encoder (top two layers
   fine-tuned) that reads the claim with the text's ``EVIDENCE`` best-matching
   sentences. Agree versus disagree is left to the feature models: on claims it
   has not seen, the cross-encoder tells those two apart unreliably.

``model.pkl`` holds the three scikit-learn models, ``encoder.npz`` the
cross-encoder delta; both are checked against the sha256 in ``model.json``
before they are loaded, and the MiniLM base against its own pinned checksum.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from parallax.analyse.who.stance_encoder import (
    RELATED,
    StanceEncoder,
    embedding_features,
    evidence_text,
    load_encoder,
    split_text,
)
from parallax.analyse.who.stance_features import stance_features
from parallax.data import file_sha256, verify_file, verify_with_card
from parallax.errors import ModelError

LABELS = ("agree", "disagree", "discuss", "unrelated")
MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models" / "stance"
ENCODER_FILE = "encoder.npz"
RELATED_AT = 0.5  # P(related) from which the second step decides; fixed, not fitted
ENCODER_WEIGHT = 0.5  # the cross-encoder's share of P(discuss | related); chosen by grouped CV on the train side
__all__ = ["LABELS", "MODEL_DIR", "StanceInputs", "StanceModel", "classify_stance", "classify_stances", "combine",
           "decide", "load_stance_model", "save_stance_model", "stance_features", "stance_inputs"]


@dataclass(frozen=True)
class StanceInputs:
    """What the models read for a list of (claim, text) pairs."""

    features: np.ndarray  # (n, 57 + 9): stance_features, then embedding_features
    evidence: list[str]  # "claim [SEP] best sentences", the cross-encoder's input


def stance_inputs(encoder, claims: Sequence[str], texts: Sequence[str]) -> StanceInputs:
    """Features and evidence of each pair; ``encoder`` needs only ``embed`` (each distinct text embedded once)."""
    sentences = {text: split_text(text) for text in dict.fromkeys(texts)}
    distinct = list(dict.fromkeys([*claims, *(s for found in sentences.values() for s in found)]))
    vectors = encoder.embed(distinct) if distinct else np.zeros((0, 384), np.float32)
    row = {text: i for i, text in enumerate(distinct)}
    features, evidence = [], []
    for claim, text in zip(claims, texts, strict=True):
        claim_vector = vectors[row[claim]]
        found = sentences[text]
        sentence_vectors = vectors[[row[s] for s in found]]
        features.append(stance_features(claim, text) + embedding_features(claim_vector, sentence_vectors))
        evidence.append(evidence_text(claim, claim_vector, found, sentence_vectors))
    return StanceInputs(np.array(features, dtype=float).reshape(len(features), -1), evidence)


@dataclass(frozen=True, eq=False)
class StanceModel:
    """The two steps: ``related`` (binary), then ``boosting``, ``linear`` and ``encoder`` averaged."""

    related: object  # classifier over features, classes [False, True]
    boosting: object  # classifiers over features, classes RELATED
    linear: object
    encoder: StanceEncoder

    def feature_parts(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """P(related), and P(class | related) from the two feature models (``RELATED`` order)."""
        related = _in_order(self.related, features, (False, True))[:, 1]
        split = (_in_order(self.boosting, features, RELATED) + _in_order(self.linear, features, RELATED)) / 2
        return related, split

    def probabilities(self, claims: Sequence[str], texts: Sequence[str], inputs: StanceInputs | None = None
                      ) -> np.ndarray:
        """(n, 4) probabilities in ``LABELS`` order: P(related) × P(class | related), and P(unrelated).

        The cross-encoder is run only on pairs judged related; for the others the
        related split comes from the two feature models alone.
        """
        inputs = inputs or stance_inputs(self.encoder, claims, texts)
        if not len(inputs.evidence):
            return np.zeros((0, len(LABELS)))
        related, split = self.feature_parts(inputs.features)
        chosen = np.flatnonzero(related >= RELATED_AT)
        return combine(related, split, chosen, self.encoder.proba([inputs.evidence[i] for i in chosen]))

    def predict(self, claims: Sequence[str], texts: Sequence[str], inputs: StanceInputs | None = None
                ) -> list[tuple[str, float]]:
        """(label, its probability) per pair (see ``decide``)."""
        return decide(self.probabilities(claims, texts, inputs))


def _in_order(model, features: np.ndarray, classes: Sequence) -> np.ndarray:
    """``model``'s probabilities with one column per ``classes`` entry (0 for a class it never saw)."""
    given = model.predict_proba(features)
    result = np.zeros((len(features), len(classes)))
    for column, name in enumerate(model.classes_):
        result[:, list(classes).index(name)] = given[:, column]
    return result


def combine(related: np.ndarray, split: np.ndarray, chosen: np.ndarray, tuned: np.ndarray) -> np.ndarray:
    """(n, 4) probabilities (``LABELS`` order) from P(related), the feature models' split, and the
    cross-encoder's split ``tuned`` of the ``chosen`` rows.

    The cross-encoder only weighs in on discuss versus taking a position (its P(discuss)
    is averaged in with weight ``ENCODER_WEIGHT``); agree versus disagree stays with the
    feature models, whose ratio of the two divides the position's share.
    """
    split = split.copy()
    if len(chosen):
        discuss = (1 - ENCODER_WEIGHT) * split[chosen, 2] + ENCODER_WEIGHT * tuned[:, 2]
        position = split[chosen, 0] + split[chosen, 1]
        agree = np.divide(split[chosen, 0], position, out=np.full(len(chosen), 0.5), where=position > 0)
        split[chosen] = np.column_stack([(1 - discuss) * agree, (1 - discuss) * (1 - agree), discuss])
    return np.column_stack([split * related[:, None], 1 - related])


def decide(probabilities: np.ndarray) -> list[tuple[str, float]]:
    """(label, its probability) per row: "unrelated" when P(related) < ``RELATED_AT``, else the likeliest
    related class (its probability is P(related) × P(class | related))."""
    result = []
    for row in probabilities:
        best = len(RELATED) if row[-1] > 1 - RELATED_AT else int(np.argmax(row[:-1]))
        result.append((LABELS[best], float(row[best])))
    return result


def save_stance_model(model: StanceModel, directory: Path, details: dict[str, object]) -> None:
    """Write the scikit-learn models, the cross-encoder delta and ``model.json`` (their sha256, training details)."""
    from parallax.analyse.language.finetuned import save_classifier
    from parallax.analyse.who.stance_encoder import CONFIG_FIELDS

    directory.mkdir(parents=True, exist_ok=True)
    weights = directory / "model.pkl"
    weights.write_bytes(pickle.dumps({"related": model.related, "boosting": model.boosting, "linear": model.linear},
                                     protocol=5))
    encoder_sha256 = save_classifier(model.encoder.top, model.encoder.config, directory / ENCODER_FILE,
                                     {"labels": list(RELATED)}, classes=RELATED, fields=CONFIG_FIELDS)
    record = {"sha256": file_sha256(weights), "encoder_sha256": encoder_sha256, "labels": list(LABELS), **details}
    (directory / "model.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load_stance_model(directory: Path = MODEL_DIR) -> StanceModel:
    """The shipped model, every file checked against ``model.json`` (``ModelError`` if missing or altered)."""
    what = "stance model (retrain with train/train_stance.py)"
    weights = verify_with_card(directory / "model.pkl", directory / "model.json", what)
    record = json.loads((directory / "model.json").read_text(encoding="utf-8"))
    if "encoder_sha256" not in record:
        raise ModelError(f"{directory / 'model.json'}: the {what} names no cross-encoder")
    verify_file(directory / ENCODER_FILE, record["encoder_sha256"], f"{what}: cross-encoder")
    with weights.open("rb") as handle:
        parts = pickle.load(handle)  # our own file, checked above
    encoder = load_encoder(directory / ENCODER_FILE, record["encoder_sha256"])
    return StanceModel(parts["related"], parts["boosting"], parts["linear"], encoder)


def classify_stances(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, float]]:
    """``classify_stance`` for many (claim, text) pairs at once: one batched pass, much faster per pair."""
    if not pairs:
        return []
    model = load_stance_model()
    claims, texts = [c for c, _ in pairs], [t for _, t in pairs]
    return model.predict(claims, texts)


def classify_stance(claim_text: str, sentence_text: str) -> tuple[str, float]:
    """The most likely stance of ``sentence_text`` towards ``claim_text`` and its probability."""
    return classify_stances([(claim_text, sentence_text)])[0]
