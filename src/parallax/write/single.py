"""A one-article story's page: the article's own headline and lead, cited sentence by sentence.

A story that one article covers has nothing to compare across outlets — no conflicting figures, no claim map, no
perspectives of other outlets, no support to rank sentences by — and most stories a day starts are such stories
(most never take a second article). Their page is therefore written without the full writer: the headline, cited
to the lead sentence, and the first sentences of the article that read on their own, up to the summary's length
rules, each citing its exact sentence. Nothing is encoded or parsed for it. When the story's material changes
(a second outlet, a new figure or sentence: ``write.changes``) the full brief replaces it, and the page says so.
"""

from __future__ import annotations

from dataclasses import replace

from parallax.errors import InputError
from parallax.models import Article, Brief, Citation, CitedSentence
from parallax.write.base import check_brief
from parallax.write.material import StoryMaterial
from parallax.write.pool import is_furniture
from parallax.write.sections.sources import build_provenance, build_sources
from parallax.write.sections.summary import SummaryRules
from parallax.write.sections.title import cited_headline
from parallax.write.trim import strip_dateline
from parallax.write.wording import stands_alone

LABEL = "lead/1"  # who wrote a one-article page's title and summary (the provenance's per-section writer)
WHY = ("one article covers this story so far, so there is nothing to compare across outlets; the full brief (claims, "
       "perspectives, figures, timeline) is written when the story's material grows: another outlet, a new figure "
       "or a new sentence")


def is_single(material: StoryMaterial) -> bool:
    """Whether the story is one article: its page is the article's lead (``lead_page``)."""
    return len(material.articles) == 1


RULES = SummaryRules()  # the summary's length rules


def lead_sentences(article: Article, rules: SummaryRules = RULES) -> tuple[CitedSentence, ...]:
    """The article's first sentences that read on their own, in order, until the summary's word budget or its
    most sentences; the first non-furniture sentence when none does."""
    chosen: list[CitedSentence] = []
    fallback: CitedSentence | None = None
    for s in article.sentences:
        text = strip_dateline(article.sentence_text(s.index))
        if is_furniture(text):
            continue
        cited = CitedSentence(text, (Citation(article.id, article.outlet or article.id, s.index, s.start, s.end),))
        fallback = fallback or cited
        if rules.min_words <= len(text.split()) <= rules.max_words and not text.endswith("?") \
                and stands_alone(text, article.language):
            chosen.append(cited)
        if len(chosen) >= rules.max_sentences or sum(len(c.text.split()) for c in chosen) >= rules.word_budget:
            break
    return tuple(chosen) or ((fallback,) if fallback else ())


def lead_page(material: StoryMaterial, writer_label: str, left_out: tuple[tuple[str, str], ...] = (("comparison", WHY),)
              ) -> Brief:
    """The page of a one-article story (or a queued page: its first article's lead, ``write.budget``), checked as
    every brief is; ``InputError`` when the article holds no sentence to cite."""
    article = material.articles[0]
    summary = lead_sentences(article)
    if not summary:
        raise InputError(f"story {material.story.id}", "its article holds no sentences")
    provenance = build_provenance(material, writer_label)
    brief = Brief(material.story.id, material.story.version, cited_headline(article) or summary[0], summary,
                  build_sources(material), replace(provenance, sections=(("title", LABEL), ("summary", LABEL)),
                                                   left_out=left_out))
    check_brief(brief, material.articles)
    return brief
