"""What the trainers of the shipped logistic models (speakers, claims) share: a fit on labelled rows
and each row's probability from a model fitted without its story. A row is {"story", "x", "y"};
rows whose ``y`` is None are not labelled and are left out of every fit."""

from __future__ import annotations

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
