"""Train the shipped attribution tagger (CRF) on PolNeAR train.

    python train/train_attribution.py [../shared/datasets/polnear] [--holdout]

With ``--holdout`` every tenth train article is kept back, the weights go to a
temporary folder, and the extractor is scored on the kept articles (rules alone,
and rules with the tagger); dev is never used here. Otherwise writes
src/parallax/data/models/attribution/model.crfsuite and model.json (sha256).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import pycrfsuite

from parallax.analyse.who.tagger import MODEL_DIR, ROLE_TAGS, load_tagger, token_features, tokenize
from parallax.data import file_sha256
from parallax.eval.attribution import (
    Fragments,
    annotated_pairs,
    polnear_article,
    read_brat_spans,
    score_articles,
)

PARAMS = {"c1": 0.2, "c2": 0.01, "max_iterations": 120, "feature.minfreq": 3,
          "feature.possible_transitions": True}


def _tag_of(start: int, gold: dict[str, list[Fragments]]) -> str:
    for role in ("Source", "Cue", "Content"):
        if any(a <= start < b for span in gold[role] for a, b in span):
            return ROLE_TAGS[role]
    return "O"


def article_sequences(text_path: Path, ann_path: Path) -> list[tuple[list[dict], list[str]]]:
    """(features, tags) per sentence of one annotated article."""
    article, gold = polnear_article(text_path), read_brat_spans(ann_path)
    sequences = []
    for sentence in article.sentences:
        tokens = tokenize(article.text[sentence.start : sentence.end])
        if tokens:
            tags = [_tag_of(sentence.start + t.start, gold) for t in tokens]
            sequences.append((token_features(tokens), tags))
    return sequences


def train(pairs: list[tuple[Path, Path]], out: Path) -> None:
    """Fit the CRF on every sentence of ``pairs`` and write its weights to ``out``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for text_path, ann_path in pairs:
        for features, tags in article_sequences(text_path, ann_path):
            trainer.append(features, tags)
    trainer.set_params(PARAMS)
    trainer.train(str(out))


def _record(weights: Path, articles: int, seconds: float, holdout: bool) -> dict[str, object]:
    return {"sha256": file_sha256(weights), "tags": ROLE_TAGS,
            "trained_on": f"PolNeAR train, {articles} articles (first annotator file each)"
            + (", every tenth article held out" if holdout else ""),
            "params": PARAMS, "python_crfsuite": version("python-crfsuite"), "train_seconds": round(seconds)}


def main(polnear_dir: Path, holdout: bool) -> None:
    pairs = list(annotated_pairs(polnear_dir, "train"))
    kept = [p for i, p in enumerate(pairs) if i % 10 == 9] if holdout else []
    fitting = [p for p in pairs if p not in kept]
    # A held-out run must not replace the shipped weights.
    directory = Path(tempfile.mkdtemp(prefix="attribution-holdout-")) if holdout else MODEL_DIR
    directory.mkdir(parents=True, exist_ok=True)
    weights = directory / "model.crfsuite"
    began = time.time()
    train(fitting, weights)
    record = _record(weights, len(fitting), time.time() - began, holdout)
    (directory / "model.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    if kept:
        tagger = load_tagger(directory)
        figures = {"with_tagger": score_articles(kept, tagger), "rules_only": score_articles(kept, learned=False)}
        print(json.dumps({"weights": str(weights), **figures}))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(args[0] if args else "../shared/datasets/polnear"), "--holdout" in sys.argv)
