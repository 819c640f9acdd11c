"""What the trainers of the shipped logistic models (speakers, claims) share: a fit on labelled rows
and each row's probability from a model fitted without its story. A row is {"story", "x", "y"};
rows whose ``y`` is None are not labelled and are left out of every fit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression


def fit(rows: list[dict], c: float = 1.0) -> LogisticRegression:
    known = [r for r in rows if r["y"] is not None]
    model = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    return model.fit(np.array([r["x"] for r in known]), np.array([r["y"] for r in known]))


def out_of_fold(rows: list[dict], c: float = 1.0) -> list[float]:
    """Each row's probability from a model fitted without its story."""
    probs = [0.0] * len(rows)
    for story in sorted({r["story"] for r in rows}):
        model = fit([r for r in rows if r["story"] != story], c)
        held = [k for k, r in enumerate(rows) if r["story"] == story]
        for k, p in zip(held, model.predict_proba(np.array([rows[k]["x"] for k in held]))[:, 1]):
            probs[k] = float(p)
    return probs


def labelled_rows(argv: list[str], examples: Callable[[Path], list[dict]]) -> list[dict]:
    """A trainer's rows: read from the file after ``--features`` when it exists, else built by ``examples`` from the
    shared folder (the first argument, else ``../shared``) and written to that file when one is named."""
    shared = Path(argv[0]) if argv and not argv[0].startswith("--") else Path("../shared")
    cache = Path(argv[argv.index("--features") + 1]) if "--features" in argv else None
    rows = json.loads(cache.read_text()) if cache and cache.exists() else examples(shared)
    if cache and not cache.exists():
        cache.write_text(json.dumps(rows))
    return rows
