"""Fine-tune the top layers of all-MiniLM-L6-v2 on BABE ``label_bias``; measure by 5-fold CV; ship the delta.

    .venv/bin/python train/train_babe_finetune.py [--shared ../shared] [--cv-only] [--predictions OOF.npz]

The folds are those of ``parallax eval analysis`` (5 stratified, seed 0): train on four,
predict the fifth, macro-F1 over all out-of-fold predictions. ``CONFIG`` and
``BLEND_WEIGHT`` are fixed before the outer loop (never chosen on a reported fold).
The lower layers are frozen, so their outputs are computed once (cached under the temp
folder). The shipped model is then trained on every row and its sha256 printed: copy it
into ``parallax.analyse.language.finetuned.FINETUNED_SHA256``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from parallax.analyse.language.finetuned import (
    FINETUNED_PATH,
    FinetuneConfig,
    load_base,
    lower_states,
    padded,
    predict_states,
    save_classifier,
    top_classifier,
)

# fixed before the outer CV (from an inner 80/20 split of fold 0's training part: lr 1e-4 beat 5e-5,
# epochs 2-4 were level); a per-fold inner search costs ~1 h on 2 cores
CONFIG = FinetuneConfig(top_layers=2, max_len=96, lr=1e-4, epochs=3)
BLEND_WEIGHT = 0.5  # fixed a priori: plain average with the n-gram + MiniLM logistic model
SEED = 0


def _say(message: str) -> None:
    print(f"[finetune] {message}", file=sys.stderr, flush=True)


def train_top(base, states: list, labels: np.ndarray, config: FinetuneConfig, watch: list | None = None):
    """Train a top classifier on precomputed states; with ``watch`` states, also their P(Biased) after each epoch."""
    torch.manual_seed(config.seed)
    classifier = top_classifier(base, config.top_layers, config.dropout)
    head = list(classifier.head.parameters())
    body = [p for n, p in classifier.named_parameters() if not n.startswith("head.")]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": config.lr}, {"params": head, "lr": config.head_lr}], weight_decay=0.01
    )
    steps = config.epochs * int(np.ceil(len(states) / config.batch))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps)
    )
    target = torch.tensor(labels, dtype=torch.long)
    rng = np.random.default_rng(config.seed)
    per_epoch = []
    for _ in range(config.epochs):
        classifier.train()
        for batch in _batches(states, rng, config.batch):
            loss = torch.nn.functional.cross_entropy(classifier(*padded([states[i] for i in batch])), target[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        if watch is not None:
            per_epoch.append(predict_states(classifier, watch))
    return classifier, per_epoch


def _batches(states: list, rng, size: int) -> list[np.ndarray]:
    """Shuffled batches of similar length (less padding), in shuffled order."""
    order = rng.permutation(len(states))
    chunks = [order[i : i + size * 20] for i in range(0, len(order), size * 20)]
    batches = []
    for chunk in chunks:
        chunk = chunk[np.argsort([states[i].shape[0] for i in chunk], kind="stable")]
        batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def macro_f1(gold: np.ndarray, p_biased: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, (p_biased >= 0.5).astype(int), average="macro"))


def lr_probabilities(texts: list[str], labels: list[str], dense: np.ndarray, train, test) -> np.ndarray:
    """P(Biased) on ``test`` of the shipped n-gram + MiniLM logistic recipe trained on ``train``."""
    from parallax.analyse.language.training import hash_for, train_sentence_model

    hashed, y = hash_for("babe_bias_minilm", texts), np.array(labels, dtype=object)
    model = train_sentence_model("babe_bias_minilm", hashed[train], y[train], dense[train])
    proba = model.proba_from_features(model.features([texts[i] for i in test], dense[test]))
    return proba[:, model.classes.index("Biased")]


def cross_validate(base, states: list, texts: list[str], labels: list[str], dense: np.ndarray) -> dict:
    """Out-of-fold P(Biased): fine-tuned model alone, the logistic model, and their fixed blend."""
    from sklearn.model_selection import StratifiedKFold

    y = np.array([label == "Biased" for label in labels], dtype=int)
    tuned, logistic = np.zeros(len(y)), np.zeros(len(y))
    for fold, (train, test) in enumerate(StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, y)):
        started = time.time()
        classifier, _ = train_top(base, [states[i] for i in train], y[train], CONFIG)
        tuned[test] = predict_states(classifier, [states[i] for i in test])
        logistic[test] = lr_probabilities(texts, labels, dense, train, test)
        _say(f"fold {fold}: tuned {macro_f1(y[test], tuned[test]):.4f} in {time.time() - started:.0f}s")
    blended = BLEND_WEIGHT * tuned + (1 - BLEND_WEIGHT) * logistic
    return {"y": y, "tuned": tuned, "logistic": logistic, "blended": blended}


def cached_states(tokenizer, base, texts: list[str]) -> list:
    """``lower_states`` of every text, cached under the temp folder (they never change for a base)."""
    import hashlib
    import tempfile

    key = hashlib.sha256(json.dumps([CONFIG.top_layers, CONFIG.max_len, *texts]).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "parallax-eval-cache" / f"babe-states-{key}.pt"
    if path.exists():
        return torch.load(path)
    states = lower_states(tokenizer, base, texts, CONFIG.top_layers, CONFIG.max_len)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(states, path)
    return states


def write_model(base, states: list, y: np.ndarray, scores: dict) -> None:
    """Train on every row with ``CONFIG`` and write the shipped delta; prints its size and sha256."""
    started = time.time()
    classifier, _ = train_top(base, states, y, CONFIG)
    measured = {f"cv_macro_f1_{k}": v for k, v in scores.items()} | {"blend_weight": BLEND_WEIGHT, "rows": len(y)}
    digest = save_classifier(classifier, CONFIG, FINETUNED_PATH, measured)
    size = FINETUNED_PATH.stat().st_size / 2**20
    _say(f"wrote {FINETUNED_PATH} ({size:.1f} MiB, {time.time() - started:.0f}s), sha256 {digest}")


def main() -> None:
    from parallax.eval.analysis import babe_task, cached_features, minilm_embedder, read_babe

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--cv-only", action="store_true", help="measure, do not write the model")
    parser.add_argument("--predictions", type=Path, help="save the out-of-fold probabilities here (.npz)")
    args = parser.parse_args()
    torch.set_num_threads(2)
    texts, labels = babe_task(read_babe(args.shared), "label_bias")
    tokenizer, base = load_base()
    states = cached_states(tokenizer, base, texts)
    cv = cross_validate(base, states, texts, labels, cached_features(texts, minilm_embedder()))
    scores = {k: round(macro_f1(cv["y"], cv[k]), 4) for k in ("tuned", "logistic", "blended")}
    _say(f"5-fold macro-F1: {scores}")
    if args.predictions:
        np.savez(args.predictions, **cv)
    if not args.cv_only:
        write_model(base, states, cv["y"], scores)


if __name__ == "__main__":
    main()
