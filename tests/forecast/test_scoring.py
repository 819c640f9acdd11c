"""Brier scores and reliability bins."""

from parallax.forecast.scoring import BASELINE_BRIER, brier, reliability


def test_brier_of_known_cases():
    assert brier([(0.5, 1), (0.5, 0)]) == BASELINE_BRIER
    assert brier([(1.0, 1), (0.0, 0)]) == 0.0
    assert brier([(0.8, 0)]) == 0.64
    assert brier([]) is None


def test_reliability_bins_count_and_observe():
    bins = reliability([(0.1, 0), (0.15, 1), (0.9, 1), (1.0, 1)], bins=5)
    assert [b.count for b in bins] == [2, 0, 0, 0, 2]
    assert bins[0].observed == 0.5 and bins[0].mean_probability == 0.125
    assert bins[4].observed == 1.0 and bins[2].observed is None
