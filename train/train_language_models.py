"""Train the shipped language models from ../shared/datasets into src/parallax/data/models.

    .venv/bin/python train/train_language_models.py [--shared ../shared] [--only NAME ...]

Models: babe_bias, babe_opinion and their *_minilm twins (all BABE SG2 rows with agreement), clickbait (the
80% train part of the stated split), leaning and leaning_priors (ABP media-based
train split only; the priors map outlet-catalog leanings to article labels).
Then measure with ``parallax eval analysis``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from parallax.analyse.language.features import dense_features
from parallax.analyse.language.leaning import LEANING_CLASSES, leaning_text
from parallax.analyse.language.linear import save_model
from parallax.analyse.language.trained import MODELS_DIR
from parallax.analyse.language.training import (
    hash_for,
    outlet_priors,
    train_clickbait,
    train_leaning,
    train_sentence_model,
)
from parallax.embed import get_embedder
from parallax.eval.analysis import babe_task, cached_features, clickbait_split, read_babe, read_clickbait
from parallax.eval.leaning import read_abp_articles, read_abp_meta, read_abp_split
from parallax.ingest.outlets import load_catalog


def babe(shared: Path, column: str, name: str) -> None:
    texts, labels = babe_task(read_babe(shared), column)
    features = cached_features(texts, get_embedder("minilm")) if name.endswith("_minilm") else dense_features(texts)
    model = train_sentence_model(name, hash_for(name, texts), labels, features)
    save_model(model, MODELS_DIR / f"{name}.npz")


def clickbait(shared: Path) -> None:
    texts, labels = read_clickbait(shared)
    train, _ = clickbait_split(labels)
    kept = [texts[i] for i in train]
    save_model(train_clickbait(hash_for("clickbait", kept), [labels[i] for i in train]), MODELS_DIR / "clickbait.npz")


def leaning(shared: Path) -> None:
    wanted = read_abp_split(shared, "train")
    files = ["articles_train_fulltext.jsonl.gz", "articles_valid_fulltext.jsonl.gz"]
    records = read_abp_articles(shared, wanted, files)
    hashed = hash_for("leaning", [leaning_text(r.title, r.text) for r in records])
    model = train_leaning(hashed, [r.leaning for r in records], [r.outlet for r in records])
    save_model(model, MODELS_DIR / "leaning.npz")


def leaning_priors(shared: Path) -> None:
    train = read_abp_split(shared, "train")
    rows = [r for r in read_abp_meta(shared) if r["ID"] in train]
    catalog = load_catalog()
    found = [catalog.resolve(r["source"]) or catalog.resolve(r.get("source_url") or "") for r in rows]
    priors = outlet_priors([o.leaning if o else "" for o in found], [train[r["ID"]] for r in rows], LEANING_CLASSES)
    (MODELS_DIR / "leaning_priors.json").write_text(json.dumps(priors, indent=1, sort_keys=True) + "\n")


TRAINERS = {
    "babe_bias": lambda shared: babe(shared, "label_bias", "babe_bias"),
    "babe_opinion": lambda shared: babe(shared, "label_opinion", "babe_opinion"),
    "babe_bias_minilm": lambda shared: babe(shared, "label_bias", "babe_bias_minilm"),
    "babe_opinion_minilm": lambda shared: babe(shared, "label_opinion", "babe_opinion_minilm"),
    "clickbait": clickbait,
    "leaning": leaning,
    "leaning_priors": leaning_priors,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--only", nargs="*", choices=sorted(TRAINERS), default=sorted(TRAINERS))
    args = parser.parse_args()
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    for name in args.only:
        started = time.time()
        TRAINERS[name](args.shared)
        size = sum(p.stat().st_size for p in MODELS_DIR.glob(f"{name}.*"))
        print(f"{name}: {size / 1024:.0f} KiB in {time.time() - started:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
