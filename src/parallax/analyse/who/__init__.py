"""Who said what: attributions, stakeholders, claims with stance, and conflicting figures."""

from parallax.analyse.who.attribution import Attribution, Span, extract_attributions
from parallax.analyse.who.claims import Claim, map_claims
from parallax.analyse.who.figures import Figure, FigureConflict, conflicting_figures, extract_figures
from parallax.analyse.who.speakers import Speaker, parse_speaker
from parallax.analyse.who.stakeholders import Stakeholder, group_stakeholders
from parallax.analyse.who.stance import classify_stance

__all__ = [
    "Attribution",
    "Claim",
    "Figure",
    "FigureConflict",
    "Span",
    "Speaker",
    "Stakeholder",
    "classify_stance",
    "conflicting_figures",
    "extract_attributions",
    "extract_figures",
    "group_stakeholders",
    "map_claims",
    "parse_speaker",
]
