"""The extractive writer: every sentence of the brief is a sentence of a source, cited."""

from __future__ import annotations

from parallax.errors import InputError
from parallax.models import Brief, CitedSentence
from parallax.write.base import Writer, register_writer
from parallax.write.material import StoryMaterial
from parallax.write.pool import SentencePool, sentence_pool
from parallax.write.sections.catalog import SECTION_BUILDERS
from parallax.write.sections.sources import build_provenance, build_sources
from parallax.write.sections.summary import SummaryRules, build_summary
from parallax.write.sections.title import build_title


class ExtractiveWriter(Writer):
    """Offline writer: picks, ranks and cites source sentences; never paraphrases."""

    name = "extractive"
    version = "25"  # bump whenever the output changes: stored briefs by an older version are rewritten

    def __init__(self, rules: SummaryRules | None = None, sections: bool = True):
        self.rules = rules or SummaryRules()
        self.sections = sections

    def draft(self, material: StoryMaterial) -> Brief:
        """Title, summary, sections, sources and provenance of the story."""
        pool = sentence_pool(material)
        if not pool.refs:
            raise InputError(f"story {material.story.id}", "its articles hold no sentences")
        summary = build_summary(pool, self.rules)
        title = build_title(material, pool) or summary[0]
        return Brief(
            story_id=material.story.id,
            story_version=material.story.version,
            title=title,
            summary=summary,
            sources=build_sources(material),
            provenance=build_provenance(material, self.label),
            sections=self._sections(pool, summary) if self.sections else {},
        )

    def _sections(self, pool: SentencePool, summary: tuple[CitedSentence, ...]) -> dict[str, object]:
        built = {name: build(pool, summary) for name, build in SECTION_BUILDERS.items()}
        return {name: value for name, value in built.items() if value}


register_writer("extractive", lambda settings: ExtractiveWriter())  # needs no settings
