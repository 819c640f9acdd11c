"""The outcome model: how likely a forecast is, from the evidence in its sentence and its coverage.

A logistic model with weights fixed in advance (not fitted to any corpus parallax reports on):

    log-odds = hedge + source + conditional + outlets

    feature       value                                                   log-odds  p alone
    hedge         doubt: unlikely, doubtful, remote chance, no plans       -1.60    0.17
                  possibility: could, might, may, possible, risk, fear      -0.90    0.29
                  expectation: expected to, likely, poised to, on track     +0.40    0.60
                  plan: will, set to, scheduled, plans to, vowed, promised  +0.90    0.71
                  a plan tied to a date ("on 11 November", "on Friday")     +0.30 more
    source        an institution (government, agency, company, party)
                    announcing a plan: it controls the outcome              +0.30
                  advocacy (union, charity, network, lobby) warning:
                    warnings are made to be averted                         -0.40
                  no named source (the outlet's own voice, opinion)         -0.20
    conditional   "if ..." / "unless ...": needs something else to happen   -0.50
    outlets       each independent outlet beyond the first reporting it    +0.20 (at most +0.60)

Past calibration: once ``MIN_RESOLVED`` forecasts with both outcomes are resolved, the
ledger fits a Platt recalibration ``p' = sigmoid(a * logit(p) + b)`` on them, shrunk
towards the identity (a=1, b=0) by a Gaussian prior worth ``PRIOR_WEIGHT`` forecasts, so a
handful of resolutions nudges the figures instead of overturning them; ``Calibration.label``
says that it happened and on how many resolutions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from parallax.forecast.propositions import condition, split_attribution

MODEL_VERSION = "cues/1"
MIN_RESOLVED = 10
PRIOR_WEIGHT = 8.0
_PRECISION = PRIOR_WEIGHT * 0.25  # a forecast near 0.5 carries Fisher information 0.25
HEDGES: tuple[tuple[str, str, float], ...] = (
    ("doubt", r"unlikely|doubtful|remote chance|no plans?|not expected", -1.60),
    ("possibility", r"could|might|may(?!\s+\d)|possibl[ey]|risks?|fears?|feared|threaten(s|ed)?", -0.90),
    ("expectation", r"expected to|expects?|likely|poised to|on track|forecasts?|predicts?", 0.40),
    ("plan", r"will|would|shall|set to|scheduled|plans? to|vow(s|ed)?|promised|pledged|intends? to|due to", 0.90),
)
DATED = re.compile(r"\bon (\d{1,2} [A-Z][a-z]+|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
SOURCE_WEIGHTS = {"institution": 0.30, "advocacy": -0.40, "unattributed": -0.20}
CONDITIONAL_WEIGHT = -0.50
OUTLET_WEIGHT, OUTLET_CAP = 0.20, 0.60
SOURCE_KINDS = {
    "advocacy": r"union|federation|charity|network|association|society|chamber|campaign|ngo|aid group|volunteers?",
    "government": r"government|ministry|minister|president|prime minister|cabinet|embassy|governor|mayor|"
                  r"officials?|spokes(person|man|woman)|envoy|mediator|diplomats?",
    "agency": r"agency|authority|board|bank|service|commission(er)?|regulator|police|army|military|court|"
              r"inspectorate|institute of|port director",
    "company": r"company|firm|operator|systems|airline|railways|group\b|corporation|shares",
    "party": r"party|opposition|leader|campaign",
    "analyst": r"analysts?|experts?|economists?|researchers?|scientists?|meteorologists?|forecasters?|"
               r"hydrologists?|engineers?|professor|traders",
    "witness": r"residents?|witness(es)?|survivors?|volunteers?|villagers?|commuters?",
}
INSTITUTIONS = ("government", "agency", "company", "party")
_PERSPECTIVE_KINDS = {"government": "government", "agency": "agency", "party": "party", "analyst": "analyst",
                      "witness": "witness", "armed group": "institution"}


@dataclass(frozen=True)
class Estimate:
    probability: float
    log_odds: float
    reason: str


@dataclass(frozen=True)
class Calibration:
    """A Platt recalibration fitted on resolved forecasts; identity with n=0."""

    a: float = 1.0
    b: float = 0.0
    n: int = 0

    def apply(self, probability: float) -> float:
        return _clip(_sigmoid(self.a * _logit(probability) + self.b)) if self.n else probability

    @property
    def label(self) -> str:
        if not self.n:
            return MODEL_VERSION
        return f"{MODEL_VERSION} + platt(a={self.a:.2f}, b={self.b:+.2f}; {self.n} resolved forecasts)"


def hedge_of(claim: str) -> tuple[str, float, str]:
    """(hedge class, log-odds, the cue word) of the first, strongest hedge found; plan when none."""
    for name, pattern, weight in HEDGES:
        found = re.search(rf"\b({pattern})\b", claim, re.IGNORECASE)
        if found:
            return name, weight, found.group(1).lower()
    return "plan", HEDGES[-1][2], ""


def source_kind(speaker: str, known: str = "", name: str = "") -> str:
    """What kind of source makes the statement: from the brief's perspectives when known, else the words of the
    speaker and of the stakeholder ``name`` it belongs to ("Nimbra said" by "Nimbra Systems": a company)."""
    if known in _PERSPECTIVE_KINDS:
        return _PERSPECTIVE_KINDS[known]
    if not speaker:
        return "unattributed"
    for kind, pattern in SOURCE_KINDS.items():
        if re.search(rf"\b(?:{pattern})", f"{speaker} {name}", re.IGNORECASE):
            return kind
    return "person"


def estimate(text: str, outlets: int = 1, known_kind: str = "", known_name: str = "") -> Estimate:
    """The model's probability that the statement in ``text`` comes true, with its reasons in words; ``known_kind``
    and ``known_name`` are the speaker's stakeholder kind and name in the brief, when it has one."""
    speaker, claim = split_attribution(text)
    hedge, weight, cue = hedge_of(claim)
    kind = source_kind(speaker, known_kind, known_name)
    parts = [(weight, f"{hedge} ('{cue}')" if cue else hedge)]
    if hedge == "plan" and DATED.search(claim):
        parts.append((0.30, "tied to a date"))
    parts += _source_parts(kind, hedge, text)
    if condition(text) or re.search(r"\bunless\b", text, re.IGNORECASE):
        parts.append((CONDITIONAL_WEIGHT, "conditional"))
    if outlets > 1:
        parts.append((min(OUTLET_CAP, OUTLET_WEIGHT * (outlets - 1)), f"{outlets} independent outlets"))
    log_odds = sum(w for w, _ in parts)
    reason = "; ".join(f"{why} {w:+.2f}" for w, why in parts) + f" (source: {kind})"
    return Estimate(round(_clip(_sigmoid(log_odds)), 3), log_odds, reason)


def _source_parts(kind: str, hedge: str, text: str) -> list[tuple[float, str]]:
    if kind in INSTITUTIONS and hedge == "plan":
        return [(SOURCE_WEIGHTS["institution"], "an institution announcing a plan")]
    if kind == "advocacy" and re.search(r"\bwarn", text, re.IGNORECASE):
        return [(SOURCE_WEIGHTS["advocacy"], "an advocacy group's warning")]
    if kind == "unattributed":
        return [(SOURCE_WEIGHTS["unattributed"], "no named source")]
    return []


def fit_calibration(pairs: Sequence[tuple[float, int]]) -> Calibration:
    """Platt recalibration from (stated probability, outcome 0/1) pairs; identity while they are too few."""
    outcomes = {y for _, y in pairs}
    if len(pairs) < MIN_RESOLVED or outcomes != {0, 1}:
        return Calibration()
    x = np.array([_logit(p) for p, _ in pairs])
    y = np.array([float(o) for _, o in pairs])
    prior = np.array([1.0, 0.0])

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] * x + theta[1]
        p = 1 / (1 + np.exp(-z))
        nll = float(np.sum(np.logaddexp(0, z) - y * z)) + _PRECISION / 2 * float(np.sum((theta - prior) ** 2))
        grad = np.array([np.sum((p - y) * x), np.sum(p - y)]) + _PRECISION * (theta - prior)
        return nll, grad

    theta = minimize(loss, prior, jac=True, method="L-BFGS-B").x
    return Calibration(float(theta[0]), float(theta[1]), len(pairs))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def _logit(p: float) -> float:
    p = _clip(p)
    return math.log(p / (1 - p))


def _clip(p: float) -> float:
    return min(0.97, max(0.03, p))


def likelihood(probability: float) -> str:
    """The word the brief shows: Low < 0.34 <= Medium < 0.67 <= High."""
    return "Low" if probability < 0.34 else "Medium" if probability < 0.67 else "High"
