"""Outlet profiles from running totals match pooling every article at once."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from parallax.analyse import predict_leanings, profile_outlet, score_article
from parallax.analyse.profiles import mean_interval
from parallax.analyse.totals import OutletTotals, interval_from_sums
from parallax.eval.clustering import read_labelled_articles

DEMO = Path(__file__).parents[2] / "src" / "parallax" / "data" / "demo" / "articles_a.jsonl"


def test_intervals_from_sums_are_the_intervals_of_the_values():
    values = [0.1, 0.52, 0.3, 0.9, 0.0]
    direct = mean_interval(values)
    summed = interval_from_sums(len(values), sum(values), sum(v * v for v in values))
    assert summed.n == direct.n and summed.mean == pytest.approx(direct.mean)
    assert (summed.low, summed.high) == pytest.approx((direct.low, direct.high))
    assert interval_from_sums(0, 0.0, 0.0).n == 0 and interval_from_sums(1, 0.4, 0.16).low == 0.4


def test_totals_added_run_by_run_give_the_pooled_profile():
    articles = read_labelled_articles(DEMO)[0][:24]
    scores = [score_article(a) for a in articles]
    leanings = predict_leanings(articles, ["left"] * len(articles))
    body = OutletTotals().to_body()
    for start in range(0, len(articles), 10):  # three runs, the totals stored as JSON between them
        totals = OutletTotals.from_body(json.loads(json.dumps(body)))
        for s, leaning in zip(scores[start : start + 10], leanings[start : start + 10]):
            totals.add(s, leaning)
        body = totals.to_body()
    running = asdict(OutletTotals.from_body(body).profile("Demo Wire", 7))
    pooled = asdict(profile_outlet("Demo Wire", scores, leanings, [f"s{i % 7}" for i in range(len(articles))]))
    assert running["phrases"] == pooled["phrases"] and running["leaning"] == pooled["leaning"]
    assert running["n_articles"] == pooled["n_articles"] == 24 and running["n_stories"] == pooled["n_stories"]
    for group in ("dimensions", "leaning_probabilities"):
        for name, interval in pooled[group].items():
            assert running[group][name] == pytest.approx(interval, abs=1e-9), name
