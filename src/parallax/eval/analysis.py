"""``parallax eval analysis``: the language models measured on public labels in ``../shared/datasets``.

- BABE ``label_bias`` and ``label_opinion``: 5-fold stratified cross-validation (seed 0)
  of the shipped recipes (rows without annotator agreement dropped): n-grams + cue/tone
  features, and the same plus MiniLM sentence embeddings (cached under the temp folder).
- Clickbait: the shipped model on a held-out 20% stratified split (seed 0) it never saw.
- Leaning: the shipped model (trained on the media-based train split) on the media-based
  valid split, with and without outlet-catalog priors; outlet agreement pools article
  predictions per outlet domain and compares with MBFC's 3-point labels (acl2020).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import sys
import tempfile
from pathlib import Path

import numpy as np

from parallax.analyse.language.features import dense_features, minilm_features
from parallax.analyse.language.trained import shipped_model
from parallax.analyse.language.training import hash_for, train_sentence_model
from parallax.eval.leaning import leaning_metrics

BABE_NO_AGREEMENT = "No agreement"
FACTUAL = "Entirely factual"
SEED = 0


def _say(message: str) -> None:
    print(f"[eval analysis] {message}", file=sys.stderr, flush=True)


def read_babe(shared: Path) -> list[dict[str, str]]:
    """BABE SG2 rows (text, label_bias, label_opinion, ...)."""
    path = Path(shared) / "datasets" / "babe" / "final_labels_SG2.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def read_clickbait(shared: Path) -> tuple[list[str], list[str]]:
    """Headlines and labels (``clickbait`` / ``news``), blank lines skipped."""
    folder = Path(shared) / "datasets" / "clickbait_chakraborty2016"
    texts, labels = [], []
    for name, label in (("clickbait_data.gz", "clickbait"), ("non_clickbait_data.gz", "news")):
        with gzip.open(folder / name, "rt", encoding="utf-8") as lines:
            kept = [line.strip() for line in lines if line.strip()]
        texts += kept
        labels += [label] * len(kept)
    return texts, labels


def clickbait_split(labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The stated held-out split: 80% train / 20% test, stratified, seed 0."""
    from sklearn.model_selection import train_test_split

    return train_test_split(np.arange(len(labels)), test_size=0.2, stratify=labels, random_state=SEED)


def cross_validated(name: str, texts: list[str], labels: list[str], dense: np.ndarray) -> np.ndarray:
    """Out-of-fold predictions of recipe ``name`` (5 stratified folds)."""
    from sklearn.model_selection import StratifiedKFold

    hashed, y = hash_for(name, texts), np.array(labels, dtype=object)
    predicted = np.empty(len(y), dtype=object)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, y):
        model = train_sentence_model(name, hashed[train], y[train], dense[train])
        proba = model.proba_from_features(model.features([texts[i] for i in test], dense[test]))
        predicted[test] = np.array(model.classes, dtype=object)[proba.argmax(axis=1)]
    return predicted


def _f1(gold, predicted) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(list(gold), list(predicted), average="macro"))


def minilm_embedder():
    """The project's MiniLM embedder, or None (said on stderr) when it cannot load."""
    from parallax.embed import get_embedder
    from parallax.errors import ParallaxError

    try:
        return get_embedder("minilm")
    except (ParallaxError, ImportError, OSError) as exc:
        _say(f"MiniLM unavailable, n-gram models only: {exc}")
        return None


def cached_features(texts: list[str], embedder) -> np.ndarray:
    """``minilm_features`` of ``texts``, cached under the temp folder by content and model."""
    digest = hashlib.sha256("\n".join([embedder.cache_key, *texts]).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "parallax-eval-cache" / f"babe-{digest}.npy"
    if path.exists():
        return np.load(path)
    _say(f"embedding {len(texts)} sentences with MiniLM")
    features = minilm_features(texts, embedder)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, features)
    return features


def babe_task(rows: list[dict[str, str]], column: str) -> tuple[list[str], list[str]]:
    """Texts and labels of ``column`` for the rows whose annotators agreed."""
    kept = [r for r in rows if r[column] and r[column] != BABE_NO_AGREEMENT]
    return [r["text"] for r in kept], [r[column] for r in kept]


def _babe_scores(task: str, texts: list[str], gold: list[str], features: np.ndarray, minilm: bool) -> dict:
    predicted = cross_validated(f"babe_{task}" + ("_minilm" if minilm else ""), texts, gold, features)
    suffix = "_minilm" if minilm else "_ngram"
    scores = {f"babe_{task}{suffix}_macro_f1": round(_f1(gold, predicted), 4)}
    if task == "opinion":
        binary = lambda labels: [label == FACTUAL for label in labels]
        scores[f"babe_opinion{suffix}_binary_macro_f1"] = round(_f1(binary(gold), binary(predicted)), 4)
    return scores


def babe_metrics(shared: Path, embedder=None) -> dict:
    """Cross-validated macro-F1 for bias and opinion (3-class and factual-vs-not), n-gram and MiniLM."""
    rows = read_babe(shared)
    result: dict = {}
    for task, column in (("bias", "label_bias"), ("opinion", "label_opinion")):
        texts, gold = babe_task(rows, column)
        _say(f"BABE {task}: {len(texts)} sentences")
        result.update(_babe_scores(task, texts, gold, dense_features(texts), minilm=False))
        if embedder is not None:
            result.update(_babe_scores(task, texts, gold, cached_features(texts, embedder), minilm=True))
    return result


def finetuned_babe_keys() -> dict:
    """The shipped fine-tuned bias model's 5-fold CV figures, as recorded by ``train/train_babe_finetune.py``.

    The recorded figures come from the same folds (5 stratified, seed 0) as the keys this eval
    recomputes; fine-tuning takes too long to repeat on every eval run.
    """
    from parallax.analyse.language.finetuned import read_delta
    from parallax.errors import ModelError

    try:
        meta, _ = read_delta()
    except ModelError as exc:
        _say(f"fine-tuned bias model unavailable: {exc}")
        return {}
    measured = meta["measured"]
    keys = {
        "babe_bias_finetuned_macro_f1": measured["cv_macro_f1_tuned"],
        "babe_bias_finetuned_blend_macro_f1": measured["cv_macro_f1_blended"],
    }
    if "cv_per_fold_tuned_logistic_blended" in measured:
        keys["babe_bias_finetuned_per_fold"] = [fold[0] for fold in measured["cv_per_fold_tuned_logistic_blended"]]
    return keys


def headline_babe_keys(result: dict) -> dict:
    """The headline keys: the best shipped bias model's figure, the MiniLM models' when measured, else n-grams."""
    suffix = "_minilm" if "babe_bias_minilm_macro_f1" in result else "_ngram"
    linear = "babe_bias_minilm" if suffix == "_minilm" else "babe_bias (n-grams + cues)"
    candidates = {linear: result[f"babe_bias{suffix}_macro_f1"]}
    if suffix == "_minilm" and "babe_bias_finetuned_macro_f1" in result:
        candidates["babe_bias_finetuned"] = result["babe_bias_finetuned_macro_f1"]
    best = max(candidates, key=candidates.get)
    return {
        "babe_bias_macro_f1": candidates[best],
        "babe_bias_lr_macro_f1": result[f"babe_bias{suffix}_macro_f1"],
        "babe_bias_model": best,
        "babe_opinion_macro_f1": result[f"babe_opinion{suffix}_macro_f1"],
        "babe_models": "babe_*_minilm" if suffix == "_minilm" else "babe_* (n-grams + cues)",
    }


def clickbait_metrics(shared: Path) -> dict:
    """F1 (clickbait class) and accuracy of the shipped model on the held-out 20%."""
    from sklearn.metrics import f1_score

    texts, labels = read_clickbait(shared)
    _, test = clickbait_split(labels)
    model = shipped_model("clickbait")
    proba = model.predict_proba([texts[i] for i in test])
    predicted = np.array(model.classes)[proba.argmax(axis=1)]
    gold = np.array(labels)[test]
    return {
        "clickbait_f1": round(float(f1_score(gold, predicted, pos_label="clickbait")), 4),
        "clickbait_accuracy": round(float((gold == predicted).mean()), 4),
        "clickbait_test_size": len(test),
    }


def evaluate_analysis(shared_dir: Path, use_minilm: bool = True) -> dict:
    """Every language-model figure; progress goes to stderr. ``use_minilm=False`` skips embeddings."""
    result = {}
    _say("BABE cross-validation")
    babe = babe_metrics(shared_dir, minilm_embedder() if use_minilm else None)
    babe.update(finetuned_babe_keys() if use_minilm else {})
    result.update({**headline_babe_keys(babe), **babe})
    _say("clickbait held-out split")
    result.update(clickbait_metrics(shared_dir))
    _say("article leaning on the media-based valid split")
    result.update(leaning_metrics(shared_dir))
    return result
