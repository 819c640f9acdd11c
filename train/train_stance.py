"""Train the shipped stance model on the train side of the FNC-1 claim split.

    python train/train_stance.py [../shared/datasets/fnc1_stance]

Writes src/parallax/data/models/stance/model.pkl and model.json (sha256, 4-fold
claim-grouped cross-validation on the train side, held-out scores).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import sklearn

from parallax.analyse.who.stance import MODEL_DIR, save_stance_model
from parallax.eval.stance import cross_validate, evaluate_stance, fit_stance_model, load_fnc, split_by_claim


def main(fnc_dir: Path) -> None:
    train, _ = split_by_claim(load_fnc(fnc_dir))
    model = fit_stance_model(train)
    save_stance_model(model, MODEL_DIR, {"trained_on": f"FNC-1 competition_test, train side ({len(train)} pairs)",
                                         "scikit_learn": sklearn.__version__,
                                         "train_side_cv_macro_f1": round(cross_validate(train), 4)})
    figures = evaluate_stance(fnc_dir)
    record = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    (MODEL_DIR / "model.json").write_text(json.dumps({**record, "held_out": figures}, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/fnc1_stance"))
