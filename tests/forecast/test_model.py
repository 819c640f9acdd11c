"""The documented outcome model and its recalibration."""

import random

from parallax.forecast.model import MIN_RESOLVED, MODEL_VERSION, Calibration, estimate, fit_calibration, likelihood


def test_hedging_orders_the_probabilities():
    doubt = estimate("The minister said a deal is unlikely.").probability
    possible = estimate("The minister said a deal could be signed.").probability
    expected = estimate("The minister said a deal is expected to be signed.").probability
    plan = estimate("The minister said a deal will be signed.").probability
    assert doubt < possible < expected < plan


def test_conditions_lower_and_independent_outlets_raise_it():
    base = estimate("Analysts said prices could rise.")
    assert estimate("Analysts said prices could rise if the port stays shut.").probability < base.probability
    assert estimate("Analysts said prices could rise.", outlets=3).probability > base.probability
    assert "3 independent outlets" in estimate("Analysts said prices could rise.", outlets=3).reason


def test_who_says_it_matters():
    institution = estimate("The Ministry of Health said it will send a team.").probability
    person = estimate("Marta said it will send a team.").probability
    advocacy = estimate("The Coastal Care Network warned that cases will rise.").probability
    assert institution > person > advocacy
    assert "source: government" in estimate("The Ministry of Health said it will send a team.").reason


def test_no_recalibration_from_too_few_or_one_sided_resolutions():
    assert fit_calibration([(0.7, 1)] * (MIN_RESOLVED - 1) + [(0.2, 0)]).n == MIN_RESOLVED
    assert fit_calibration([(0.7, 1)] * (MIN_RESOLVED - 2) + [(0.2, 0)]) == Calibration()
    assert fit_calibration([(0.7, 1)] * 50) == Calibration()
    assert Calibration().label == MODEL_VERSION and Calibration().apply(0.42) == 0.42


def test_recalibration_pulls_overconfident_figures_back_and_says_so():
    rng = random.Random(7)
    pairs = [(p, int(rng.random() < 0.5)) for p in (rng.choice([0.1, 0.9]) for _ in range(60))]
    fitted = fit_calibration(pairs)
    assert fitted.n == 60 and "60 resolved forecasts" in fitted.label
    assert fitted.apply(0.9) < 0.8 and fitted.apply(0.1) > 0.2


def test_likelihood_words():
    assert [likelihood(p) for p in (0.2, 0.5, 0.8)] == ["Low", "Medium", "High"]


def test_a_speaker_of_no_known_kind_is_read_with_its_stakeholder_name():
    from parallax.forecast.model import source_kind

    assert source_kind("Nimbra", "other") == "person"
    assert source_kind("Nimbra", "other", "Nimbra Systems") == "company"
    assert source_kind("Nimbra", "government", "Nimbra Systems") == "government"  # a known kind decides
