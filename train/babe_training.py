"""The training half of ``train_babe_finetune.py``: top layers trained on precomputed frozen-layer states,
with the two extra heads (bias-word tagger, opinion classifier) that only training uses."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import torch
from babe_data import OPINIONS, say  # a sibling script module: the caller puts train/ on sys.path

from parallax.analyse.language.finetuned import (
    FinetuneConfig,
    length_batches,
    padded,
    predict_states,
    top_classifier,
)


def train_top(
    base,
    states: list,
    labels: np.ndarray,
    config: FinetuneConfig,
    watch: list | None = None,
    tokens: list | None = None,
    opinion: np.ndarray | None = None,
):
    """Train a top classifier on precomputed states; with ``watch`` states, also their P(Biased) after each epoch.

    ``tokens`` (per-state bias-word targets) add ``config.token_weight`` x a token-tagging loss;
    ``opinion`` (per-state ``label_opinion`` index, -100 where unknown) ``config.opinion_weight`` x its loss.
    Both extra heads are used in training only.
    """
    torch.manual_seed(config.seed)
    classifier = top_classifier(base, config.top_layers, config.dropout)
    tagger = torch.nn.Linear(384, 1)  # is this word piece part of a bias-inducing word?
    opinion_head = torch.nn.Linear(384, len(OPINIONS))
    tagger = tagger if config.token_weight and tokens is not None else None
    opinion_head = opinion_head if config.opinion_weight and opinion is not None else None
    optimiser, schedule = _optimiser(classifier, [tagger, opinion_head], len(states), config)
    target = torch.tensor(labels, dtype=torch.long)
    opinion_target = torch.tensor(opinion if opinion_head is not None else [], dtype=torch.long)
    rng = np.random.default_rng(config.seed)
    per_epoch = []
    for _ in range(config.epochs):
        classifier.train()
        for batch in length_batches(states, rng, config.batch):
            loss = _batch_loss(classifier, (tagger, opinion_head), states, (target, tokens, opinion_target), batch,
                               config)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        if watch is not None:
            per_epoch.append(predict_states(classifier, watch))
    return classifier, per_epoch


def _optimiser(classifier, extra_heads: list, examples: int, config: FinetuneConfig):
    """AdamW (the heads at ``head_lr``, the top layers at ``lr``) with linear warm-up over 10 % and decay to 0."""
    head = list(classifier.head.parameters())
    for extra in extra_heads:
        head += list(extra.parameters()) if extra is not None else []
    body = [p for n, p in classifier.named_parameters() if not n.startswith("head.")]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": config.lr}, {"params": head, "lr": config.head_lr}], weight_decay=0.01
    )
    steps = config.epochs * int(np.ceil(examples / config.batch))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps)
    )
    return optimiser, schedule


def _batch_loss(classifier, heads: tuple, states: list, targets: tuple, batch, config: FinetuneConfig):
    """The label loss of one batch, plus the weighted losses of the extra heads (``None`` when unused)."""
    tagger, opinion_head = heads
    target, tokens, opinion_target = targets
    hidden, mask = padded([states[i] for i in batch])
    encoded = classifier.encode(hidden, mask)
    logits = classifier.classify(encoded, mask)
    loss = torch.nn.functional.cross_entropy(logits, target[batch], label_smoothing=config.label_smoothing)
    if tagger is not None:
        loss = loss + config.token_weight * _token_loss(classifier, tagger, encoded, mask, tokens, batch)
    if opinion_head is not None:
        opinion_logits = opinion_head(classifier.dropout(classifier.pool(encoded, mask)))
        loss = loss + config.opinion_weight * _opinion_loss(opinion_logits, opinion_target[batch])
    return loss


def _opinion_loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Cross-entropy over the states whose opinion is known (-100 elsewhere); 0 when none in the batch is."""
    return torch.nan_to_num(torch.nn.functional.cross_entropy(logits, target, ignore_index=-100))


def _token_loss(classifier, tagger, encoded, mask, tokens: list, batch) -> torch.Tensor:
    """Mean per-word-piece loss of tagging bias-inducing words, over the real tokens."""
    gold = padded([tokens[i][:, None] for i in batch])[0][:, :, 0]
    tagged = tagger(classifier.dropout(encoded))[:, :, 0]
    per_token = torch.nn.functional.binary_cross_entropy_with_logits(tagged, gold, reduction="none")
    return (per_token * mask).sum() / mask.sum()


def train_members(data: dict, rows: np.ndarray, config: FinetuneConfig):
    """``config.members`` classifiers trained on ``rows`` (seeds ``config.seed``, ``+1``, ...): one, or a list."""
    states, tokens = data["states"][config.top_layers], data["tokens"][config.top_layers]
    states, tokens = [states[i] for i in rows], [tokens[i] for i in rows]
    members = []
    for k in range(config.members):
        started = time.time()
        member = replace(config, seed=config.seed + k)
        members.append(train_top(data["base"], states, data["y"][rows], member, None, tokens, data["opinion"][rows])[0])
        say(f"  member {k + 1}/{config.members} trained in {time.time() - started:.0f}s")
    return members[0] if len(members) == 1 else members
