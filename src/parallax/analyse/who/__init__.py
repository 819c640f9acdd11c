"""Who said what: attributions, stakeholders, claims with stance, and conflicting figures."""

from parallax.analyse.who.attribution import extract_attributions
from parallax.analyse.who.claims import DISPUTE
from parallax.analyse.who.figures import Figure, FigureConflict, conflicting_figures, extract_figures
from parallax.analyse.who.relations import Attribution, Span
from parallax.analyse.who.stakeholders import Stakeholder, group_stakeholders
from parallax.analyse.who.stance import classify_stance, classify_stances

__all__ = [
    "DISPUTE",
    "Attribution",
    "Figure",
    "FigureConflict",
    "Span",
    "Stakeholder",
    "classify_stance",
    "classify_stances",
    "conflicting_figures",
    "extract_attributions",
    "extract_figures",
    "group_stakeholders",
]
