"""The pure parts: URL filtering, coverage geometry, citation resolution and the standalone export."""

from __future__ import annotations

import pytest
from serve_corpus import make_articles, make_brief

from parallax.serve import render_story_html
from parallax.serve.citations import cited_article_ids, cited_sentence, with_sentences
from parallax.serve.coverage import coverage_bars, coverage_from_sources
from parallax.serve.render import date_range, safe_url
from parallax.serve.snippets import mark_terms


@pytest.mark.parametrize("url", ["https://example.org/a?b=1", "http://example.org/", "HTTPS://EXAMPLE.ORG/x"])
def test_safe_url_keeps_web_links(url):
    assert safe_url(url) == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)",
                                 "data:text/html,<script>", "//evil.example/x", "urn:parallax:abc",
                                 "https://ok.example/\njavascript:x", "https://x.example/\"onmouseover=1", "", None])
def test_safe_url_refuses_everything_else(url):
    assert safe_url(url) == ""


def test_coverage_bars_order_leanings_and_fill_the_width():
    bars = coverage_bars({"by_leaning": {"right": 1, "left": 2, "": 0}, "by_country": {"XV": 1, "GB": 3},
                          "by_ownership": {}})
    leaning, country = bars
    assert [s.label for s in leaning.segments] == ["left", "right"]
    assert [s.tone for s in leaning.segments] == ["lean-left", "lean-right"]
    assert [s.label for s in country.segments] == ["GB", "XV"]
    for bar in bars:
        last = bar.segments[-1]
        assert bar.segments[0].x == 0 and last.x + last.width == pytest.approx(100)
    assert leaning.description == "Leaning of 3 outlets: left 2, right 1"


def test_coverage_from_sources_counts_originals_only():
    sources = [{"outlet": {"name": "A", "country": "GB", "leaning": "left", "ownership": "state"}},
               {"outlet": {"name": "B", "country": "GB", "leaning": "", "ownership": "private"}},
               {"outlet": {"name": "A", "country": "GB", "leaning": "left", "ownership": "state"}},
               {"outlet": {"name": "C", "country": "FR"}, "reprint_of": "abc"}]
    coverage = coverage_from_sources(sources)
    assert coverage["by_country"] == {"United Kingdom": 2}  # names, whether a brief kept codes or names
    assert coverage["by_leaning"] == {"left": 1, "leaning not known": 1}
    assert coverage["outlets"]["by_country"] == {"United Kingdom": ["A", "B"]} and coverage["state_outlets"] == ["A"]
    assert coverage_from_sources([{"outlet": {"country": ""}}])["by_country"] == {"country not known": 1}


def test_a_family_counts_once_and_every_count_names_the_outlets_behind_it():
    sources = [{"outlet": {"name": "RIA", "country": "RU", "family": "Rossiya Segodnya", "ownership": "state"}},
               {"outlet": {"name": "Sputnik", "country": "RU", "family": "Rossiya Segodnya", "ownership": "state"}},
               {"outlet": {"name": "Meduza", "country": "LV", "ownership": "private"}}]
    coverage = coverage_from_sources(sources)
    assert coverage["independent_outlets"] == 2 and coverage["by_country"] == {"Russia": 1, "Latvia": 1}
    assert coverage["state_outlets"] == ["Rossiya Segodnya (RIA, Sputnik)"]
    country = coverage_bars(coverage)[1]
    assert {s.name: s.outlets for s in country.segments} == {"Russia": ("Rossiya Segodnya (RIA, Sputnik)",),
                                                             "Latvia": ("Meduza",)}
    assert all(len(s.outlets) == s.count for bar in coverage_bars(coverage) for s in bar.segments)


def test_citations_resolve_to_the_stored_span_or_to_nothing():
    articles = make_articles()
    ledger = articles["ledger"]
    by_id = {a.id: a for a in articles.values()}
    span = ledger.sentences[1]
    citation = {"article_id": ledger.id, "start": span.start, "end": span.end}
    assert cited_sentence(citation, by_id) == ledger.sentence_text(1)
    assert cited_sentence({**citation, "end": len(ledger.text) + 5}, by_id) is None
    assert cited_sentence({**citation, "article_id": "0" * 16}, by_id) is None


def test_with_sentences_annotates_every_section_without_changing_the_brief():
    articles = make_articles()
    brief = make_brief("s-x", 1, articles, True)
    annotated = with_sentences(brief, {a.id: a for a in articles.values()})
    figures = annotated["sections"]["conflicting_figures"][0]["values"]
    assert [v["citations"][0]["sentence"] for v in figures] == [v["text"] for v in figures]
    assert "sentence" not in brief["summary"][0]["citations"][0]
    assert cited_article_ids(brief)[:4] == [s["article_id"] for s in brief["sources"]]


def test_mark_terms_splits_without_losing_text():
    parts = mark_terms("Corrosion, said the corrosion expert.", ["corrosion"])
    assert "".join(p for p, _ in parts) == "Corrosion, said the corrosion expert."
    assert [p for p, hit in parts if hit] == ["Corrosion", "corrosion"]


def test_date_range():
    assert date_range("2026-09-14T08:00:00", "2026-09-14T20:00:00") == "14 Sep 2026"
    assert date_range("2026-09-14T08:00:00", "2026-09-16T08:00:00") == "14 Sep 2026 – 16 Sep 2026"
    assert date_range(None, None) == ""


def test_standalone_export_is_one_self_contained_page():
    articles = make_articles()
    brief = make_brief("s-x", 3, articles, True)
    html = render_story_html(brief, {a.id: a for a in articles.values()})
    assert html.startswith("<!doctype html>") and "<style>" in html and "/static/" not in html
    assert html.count("<h1") == 1 and "Porto Vell harbour bridge collapses" in html
    assert 'href="/' not in html.replace('href="#', "")
    assert "<script" not in html and "&lt;script&gt;window.__pwned=1" in html
    assert f'<q class="cite-text">{articles["radio"].sentence_text(1)}</q>' in html
    assert "Conflicting figures" in html and "version 3" in html


def test_figures_read_as_numbers_not_floats():
    articles = make_articles()
    brief = make_brief("s-x", 3, articles, False)
    values = brief["sections"]["conflicting_figures"][0]["values"]
    values[0]["value"], values[1]["value"] = 3000.0, 4.5  # as stored: JSON numbers come back as floats
    html = render_story_html(brief, {a.id: a for a in articles.values()})
    assert ">3,000 <" in html and ">4.5 <" in html and "3000.0" not in html


def test_one_countrys_government_voices_read_as_one_side():
    articles = make_articles()
    brief = make_brief("s-x", 3, articles, False)
    ministry, engineers = brief["sections"]["perspectives"]
    mayor = {**ministry, "stakeholder": "Mayor Ilse Tarn"}
    brief["sections"]["perspectives"] = [{**ministry, "country": "XV"}, {**mayor, "country": "XV"}, engineers]
    html = render_story_html(brief, {a.id: a for a in articles.values()})
    assert "<h3>Government of Valdoria</h3>" in html
    assert "<h4>Valdorian interior ministry</h4>" in html and "<h4>Mayor Ilse Tarn</h4>" in html
    assert "<h3>Independent engineers" in html and "<h4>Independent engineers" not in html


def test_folded_conflicts_sit_in_a_closed_block_and_a_day_read_from_the_page_is_marked():
    articles = make_articles()
    brief = make_brief("s-x", 3, articles, False)
    shown = brief["sections"]["conflicting_figures"][0]
    shown["values"][1]["date_read"] = "dateline"
    brief["sections"]["conflicting_figures"] = [shown, {**shown, "subject": "injured", "folded": True}]
    html = render_story_html(brief, {a.id: a for a in articles.values()})
    assert "date read from the page&#39;s dateline" in html or "date read from the page's dateline" in html
    folded = html.index('<details class="conflict folded">')
    assert html.index("1 more conflicting figures") > folded and html.index("<h3>injured</h3>") > folded
    assert html.index("<h3>dead</h3>") < folded
