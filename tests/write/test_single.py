"""A one-article story's page is its headline and lead, each sentence citing its exact source sentence."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from parallax.errors import InputError
from parallax.models import Page, Story
from parallax.text.article import build_article
from parallax.write import brief_to_dict, render_markdown, resolve_citation
from parallax.write.base import check_brief
from parallax.write.material import StoryMaterial
from parallax.write.sections.summary import SummaryRules
from parallax.write.single import LABEL, is_single, lead_page, lead_sentences

TEXT = ("Photo: Tolven city hall. "
        "TOLVEN (Wire) — Rescuers in Tolven pulled 41 bodies from the river after the old Kessel bridge collapsed on "
        "Monday morning. "
        "He said the span had been closed twice. "
        "Divers were still searching near the broken central span on Monday evening, city officials said. "
        "The mayor of Tolven said the city would mourn for three days and ordered every old bridge inspected. "
        "Engineers had warned in 2019 that the central span was corroding faster than the others. "
        "A memorial service will be held on Friday in the cathedral square.")


def _article(text: str = TEXT, title: str = "Kessel bridge collapses in Tolven"):
    return build_article(Page(url="https://wire.example/kessel", body=text, title=title, outlet="Wire",
                              published=datetime(2026, 9, 7, 8)))


def _material(*articles) -> StoryMaterial:
    return StoryMaterial(Story("s1", tuple(a.id for a in articles), version=3), tuple(articles))


def test_the_lead_is_the_first_sentences_that_read_alone_with_exact_citations():
    article = _article()
    lead = lead_sentences(article)
    texts = [s.text for s in lead]
    assert texts[0].startswith("Rescuers in Tolven pulled 41 bodies")  # the caption skipped, the dateline dropped
    assert not any(t.startswith(("Photo", "He said")) for t in texts)  # furniture and a leaning-back sentence
    assert sum(len(t.split()) for t in texts[:-1]) < SummaryRules().word_budget <= sum(len(t.split()) for t in texts)
    for sentence in lead:
        (citation,) = sentence.citations
        assert sentence.text in resolve_citation(citation, article)


def test_the_page_cites_the_headline_to_the_lead_and_says_what_it_leaves_out():
    article = _article()
    material = _material(article)
    assert is_single(material)
    page = lead_page(material, "extractive/25")
    check_brief(page, [article])
    body = brief_to_dict(page)
    assert body["title"]["text"] == article.title and body["title"]["citations"][0]["sentence_index"] == 0
    assert body["sections"] == {} and [s["article_id"] for s in body["sources"]] == [article.id]
    assert body["provenance"]["writer"] == "extractive/25"
    assert body["provenance"]["sections"] == {"title": {"writer": LABEL}, "summary": {"writer": LABEL}}
    assert "nothing to compare across outlets" in body["provenance"]["left_out"]["comparison"]
    assert "- no comparison: one article covers this story" in render_markdown(body)


def test_a_headline_quoting_what_the_lead_does_not_gives_way_to_the_lead():
    article = _article(title='Mayor: "we will rebuild the bridge"')
    page = lead_page(_material(article), "extractive/25")
    assert page.title == page.summary[0]


def test_a_story_of_two_articles_is_not_single_and_an_article_without_sentences_is_refused():
    other = build_article(Page(url="https://ledger.example/kessel", body=TEXT, title="Bridge falls", outlet="Ledger"))
    assert not is_single(_material(_article(), other))
    empty = replace(_article(), sentences=())
    with pytest.raises(InputError, match="no sentences"):
        lead_page(_material(empty), "extractive/25")
