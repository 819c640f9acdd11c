"""BABE rows and what every fine-tuning run of ``train_babe_finetune.py`` reads: frozen-layer states, word targets."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

from parallax.analyse.language.finetuned import FinetuneConfig, load_base, lower_states

OPINIONS = ("Entirely factual", "Somewhat factual but also opinionated", "Expresses writer’s opinion")


def say(message: str) -> None:
    print(f"[finetune] {message}", file=sys.stderr, flush=True)


def bias_word_targets(tokenizer, texts: list[str], words: list[list[str]], max_len: int) -> list:
    """Per text, a (tokens,) float tensor: 1 on word pieces inside one of its annotated bias-inducing words."""
    targets = []
    for text, chosen in zip(texts, words):
        spans = [
            m.span()
            for word in chosen
            if word.strip()
            for m in re.finditer(r"(?<!\w)" + re.escape(word.strip()) + r"(?!\w)", text, flags=re.IGNORECASE)
        ]
        offsets = tokenizer(text, truncation=True, max_length=max_len, return_offsets_mapping=True)["offset_mapping"]
        inside = [e > s and any(s < end and start < e for start, end in spans) for s, e in offsets]
        targets.append(torch.tensor(inside, dtype=torch.float32))
    return targets


def cached_states(tokenizer, base, texts: list[str], top_layers: int, max_len: int) -> list:
    """``lower_states`` of every text, cached under the temp folder (they never change for a base)."""
    key = hashlib.sha256(json.dumps([top_layers, max_len, *texts]).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "parallax-eval-cache" / f"babe-states-{key}.pt"
    if path.exists():
        return torch.load(path)
    say(f"computing the frozen layers' output for {len(texts)} sentences (top {top_layers} trainable)")
    states = lower_states(tokenizer, base, texts, top_layers, max_len)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(states, path)
    return states


def babe_rows(shared: Path) -> tuple[list[str], list[str], list[list[str]], np.ndarray]:
    """Texts, ``label_bias``, annotated bias-inducing words and ``label_opinion`` index (-100: none) of the rows
    ``parallax eval analysis`` uses."""
    from parallax.eval.analysis import BABE_NO_AGREEMENT, read_babe

    kept = [r for r in read_babe(shared) if r["label_bias"] and r["label_bias"] != BABE_NO_AGREEMENT]
    words = [ast.literal_eval(r["biased_words"]) if r["biased_words"].strip() else [] for r in kept]
    opinion = np.array([OPINIONS.index(r["label_opinion"]) if r["label_opinion"] in OPINIONS else -100 for r in kept])
    texts, labels = [r["text"] for r in kept], [r["label_bias"] for r in kept]
    return texts, labels, [[str(w) for w in ws] for ws in words], opinion


def prepare(shared: Path, configs: list[FinetuneConfig], dense: bool = True) -> dict:
    """Everything a run needs: texts, labels, base model, cached states (per top-layer count), word targets."""
    from parallax.eval.analysis import cached_features, minilm_embedder

    texts, labels, words, opinion = babe_rows(shared)
    tokenizer, base = load_base()
    data = {"texts": texts, "labels": labels, "base": base, "states": {}, "tokens": {}, "opinion": opinion}
    rows = json.dumps([texts, labels, words, opinion.tolist()])
    data["digest"] = hashlib.sha256(rows.encode()).hexdigest()[:10]
    data["y"] = np.array([label == "Biased" for label in labels], dtype=int)
    for top_layers, max_len in sorted({(c.top_layers, c.max_len) for c in configs}):
        data["states"][top_layers] = cached_states(tokenizer, base, texts, top_layers, max_len)
        data["tokens"][top_layers] = bias_word_targets(tokenizer, texts, words, max_len)
        assert [s.shape[0] for s in data["states"][top_layers]] == [t.shape[0] for t in data["tokens"][top_layers]]
    data["dense"] = cached_features(texts, minilm_embedder()) if dense else None
    return data
