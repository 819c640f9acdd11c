"""The extractive writer: every sentence of the brief is a sentence of a source, cited."""

from __future__ import annotations

from dataclasses import replace

from parallax.analyse.tolls import reads as reads_tolls
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
        sections = self._sections(pool, summary) if self.sections else {}
        provenance = build_provenance(material, self.label)
        return Brief(
            story_id=material.story.id,
            story_version=material.story.version,
            title=title,
            summary=summary,
            sources=build_sources(material),
            provenance=replace(provenance, left_out=left_out(pool, sections)) if self.sections else provenance,
            sections=sections,
        )

    def _sections(self, pool: SentencePool, summary: tuple[CitedSentence, ...]) -> dict[str, object]:
        built = {name: build(pool, summary) for name, build in SECTION_BUILDERS.items()}
        return {name: value for name, value in built.items() if value}


# why a section the sources could not support is left out, rather than filled with a guess
WHY = {
    "perspectives": "no statement in the sources says who made it",
    "key_claims": "no source sentence is a self-contained factual statement",
    "takeaway": "no article opens with a self-contained factual statement",
    "conflicting_figures": "no two sources give different values for one quantity on the same day",
}


def language_name(code: str) -> str:
    """The English name of a language code ("no" → "Norwegian"); the code when babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).english_name or code
    except (ValueError, UnknownLocaleError):
        return code


def left_out(pool: SentencePool, sections: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """The sections missing from the brief that a reader would look for, each with the reason."""
    other = sorted({a.language for a in pool.material.articles if a.language != "en"})
    undated = sum(a.published is None for a in pool.material.articles)
    found = []
    for name, why in WHY.items():
        if name in sections:
            continue
        if name == "perspectives" and other:
            why += f" (speakers are read in English sources only; {', '.join(other)} sources are cited as they are)"
        if name == "conflicting_figures" and undated:
            why += f" ({undated} of {len(pool.material.articles)} sources give no publication date)"
        unread = [code for code in other if not reads_tolls(code)]
        if name == "conflicting_figures" and other:
            why += (" (what a figure measures is read in English sources; in other languages only death tolls"
                    + (f", and the figures of the sources in {', '.join(language_name(c) for c in unread)} are left out)"
                       if unread else ")"))
        found.append((name, why))
    return tuple(found)


register_writer("extractive", lambda settings: ExtractiveWriter())  # needs no settings
