"""Does the stance recipe hold on claim splits it was never tuned on?

    python bench/stance_resplit.py [../shared/datasets/fnc1_stance] [--seeds 7 29]

The shipped model's recipe (features, the two-step decision, the cross-encoder's
settings) was chosen with the claim split of seed 13 (``parallax.eval.stance.SEED``).
For each other seed this draws a fresh 70/30 split by claim component, fits the
same recipe on its train side and scores its held-out side. Nothing is written
to the shipped model. Each seed takes ~10 minutes on 2 cores. Prints one JSON
line per seed and one with the mean.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from parallax.eval.stance import _figures, fit_stance_model, load_fnc, split_by_claim


def score_seed(fnc_dir: Path, seed: int) -> dict[str, object]:
    train, test = split_by_claim(load_fnc(fnc_dir), seed=seed)
    model = fit_stance_model(train)
    predicted = [label for label, _ in model.predict([p.headline for p in test], [p.body for p in test])]
    return {"seed": seed, "train_pairs": len(train), "test_pairs": len(test),
            **_figures([p.stance for p in test], predicted)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fnc_dir", nargs="?", type=Path, default=Path("../shared/datasets/fnc1_stance"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 29])
    args = parser.parse_args()
    torch.set_num_threads(2)
    rows = []
    for seed in args.seeds:
        torch.manual_seed(0)
        rows.append(score_seed(args.fnc_dir, seed))
        print(json.dumps(rows[-1]), flush=True)
    keys = [k for k in rows[0] if k.startswith(("f1_", "fnc_", "stance_"))]
    print(json.dumps({"seeds": args.seeds, **{k: round(sum(r[k] for r in rows) / len(rows), 4) for k in keys}}))


if __name__ == "__main__":
    main()
