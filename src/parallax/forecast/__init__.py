"""The forecast ledger: potential outcomes kept as forecasts, resolved by people, and scored.

    brief outcomes --record_forecasts--> forecasts --propose_resolutions--> proposals
                                             ^                                  |
                                             +----------- resolve / accept <----+
    resolved forecasts --scorecard--> Brier, reliability; --fit_calibration--> recalibrated probabilities
"""

from __future__ import annotations

from parallax.forecast.evidence import propose, propose_resolutions
from parallax.forecast.ledger import (
    accept,
    current_calibration,
    find_forecast,
    forecasts_from_brief,
    record_forecasts,
    reopen,
    resolve,
)
from parallax.forecast.model import Calibration, estimate, fit_calibration
from parallax.forecast.records import OUTCOMES, Forecast, Proposal
from parallax.forecast.scoring import BASELINE_BRIER, brier, reliability, scorecard

__all__ = [
    "BASELINE_BRIER",
    "OUTCOMES",
    "Calibration",
    "Forecast",
    "Proposal",
    "accept",
    "brier",
    "current_calibration",
    "estimate",
    "find_forecast",
    "fit_calibration",
    "forecasts_from_brief",
    "propose",
    "propose_resolutions",
    "record_forecasts",
    "reliability",
    "reopen",
    "resolve",
    "scorecard",
]
