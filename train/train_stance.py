"""Train the shipped stance model on the train side of the FNC-1 claim split.

    python train/train_stance.py [../shared/datasets/fnc1_stance] [--no-cv]

Computes the features and MiniLM vectors of the train-side pairs once, measures
the whole model by 4-fold cross-validation grouped by claim component on the
train side (skipped with ``--no-cv``), fits it on the whole train side, writes
src/parallax/data/models/stance/{model.pkl, encoder.npz, model.json} and prints
the held-out figures (the 30 % of claims never used for any choice).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import sklearn
import torch

from parallax.analyse.who.stance import MODEL_DIR, load_stance_model, save_stance_model
from parallax.analyse.who.stance_encoder import CLASS_WEIGHT_POWER, CONFIG_FIELDS, ENCODER_CONFIG, EVIDENCE
from parallax.eval.stance import (
    TrainingSide,
    cross_validate,
    evaluate_stance,
    fit_stance_model,
    load_fnc,
    split_by_claim,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fnc_dir", nargs="?", type=Path, default=Path("../shared/datasets/fnc1_stance"))
    parser.add_argument("--no-cv", action="store_true", help="skip the train-side cross-validation")
    args = parser.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    started = time.time()
    train, _ = split_by_claim(load_fnc(args.fnc_dir))
    side = TrainingSide.of(train)
    details: dict[str, object] = {
        "trained_on": f"FNC-1 competition_test, train side ({len(train)} pairs)",
        "scikit_learn": sklearn.__version__, "torch": torch.__version__,
        "cross_encoder": {**{k: getattr(ENCODER_CONFIG, k) for k in CONFIG_FIELDS}, "evidence_sentences": EVIDENCE,
                          "class_weight_power": CLASS_WEIGHT_POWER},
    }
    if not args.no_cv:
        details["train_side_cv"] = cross_validate(side)
        print(json.dumps({"train_side_cv": details["train_side_cv"]}), flush=True)
    save_stance_model(fit_stance_model(side), MODEL_DIR, details)
    load_stance_model.cache_clear()
    figures = evaluate_stance(args.fnc_dir)
    record = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    record |= {"held_out": figures, "seconds_with_cv_and_held_out_eval": round(time.time() - started)}
    (MODEL_DIR / "model.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures))
    print(f"[stance] done in {time.time() - started:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
