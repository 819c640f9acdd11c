"""The optional sections in page order, each built by its own function."""

from __future__ import annotations

from collections.abc import Callable

from parallax.models import CitedSentence
from parallax.write.pool import SentencePool
from parallax.write.sections.claims import build_key_claims
from parallax.write.sections.context import build_context
from parallax.write.sections.figures import build_conflicting_figures
from parallax.write.sections.media_bias import build_media_bias
from parallax.write.sections.outcomes import build_outcomes
from parallax.write.sections.perspectives import build_perspectives
from parallax.write.sections.questions import build_questions
from parallax.write.sections.takeaway import build_takeaway
from parallax.write.sections.timeline import build_timeline

SectionBuilder = Callable[[SentencePool, tuple[CitedSentence, ...]], object]

SECTION_BUILDERS: dict[str, SectionBuilder] = {
    "key_claims": build_key_claims,
    "perspectives": build_perspectives,
    "questions": build_questions,
    "media_bias": build_media_bias,
    "context": build_context,
    "takeaway": build_takeaway,
    "outcomes": build_outcomes,
    "conflicting_figures": build_conflicting_figures,
    "timeline": build_timeline,
}
