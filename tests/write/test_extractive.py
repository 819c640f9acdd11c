from dataclasses import replace

import pytest

from parallax.errors import CitationError, UnknownBackendError
from parallax.models import Brief, Citation, CitedSentence
from parallax.write import check_brief, get_writer, resolve_citation
from parallax.write.base import cited_items
from parallax.write.extractive import ExtractiveWriter
from parallax.write.wording import loadedness


@pytest.fixture
def brief(material) -> Brief:
    return get_writer("extractive").write(material)


def test_summary_has_three_to_five_sentences_from_three_outlets(brief):
    assert 3 <= len(brief.summary) <= 5
    outlets = {c.outlet for s in brief.summary for c in s.citations}
    assert len(outlets) >= 3


def test_every_citation_resolves_to_its_exact_sentence(brief, material):
    by_id = {a.id: a for a in material.articles}
    items = list(cited_items(brief))
    assert len(items) > len(brief.summary) + 1  # sections were produced too
    for _, text, citations in items:
        assert citations
        for c in citations:
            article = by_id[c.article_id]
            assert article.text[c.start : c.end] == resolve_citation(c, article)
            assert (c.start, c.end) == (article.sentences[c.sentence_index].start, article.sentences[c.sentence_index].end)


def test_summary_cites_one_sentence_per_outlet_and_never_the_reprint(brief, material):
    reprint = next(iter(material.reprints))
    for sentence in brief.summary:
        outlets = [c.outlet for c in sentence.citations]
        assert len(outlets) == len(set(outlets))
        assert reprint not in {c.article_id for c in sentence.citations}


def test_summary_repeats_no_fact_and_prefers_plain_wording(brief):
    texts = [s.text for s in brief.summary]
    assert len([t for t in texts if "three villages" in t]) == 1
    assert not any("SHOCKING" in t for t in texts)
    assert max(loadedness(t) for t in texts) == 0


def test_title_is_a_plain_headline_cited_to_its_lead(brief, material):
    assert "!" not in brief.title.text and "SHOCKING" not in brief.title.text
    assert brief.title.citations[0].sentence_index == 0
    assert brief.title.text in {a.title for a in material.articles}


def test_sources_list_every_article_and_mark_the_reprint(brief, material):
    assert [s.article_id for s in brief.sources] == [a.id for a in material.articles]
    marked = {s.article_id: s.reprint_of for s in brief.sources if s.reprint_of}
    assert marked == dict(material.reprints)


def test_sections_find_the_figure_conflict_and_hedged_outcomes(brief):
    figures = brief.sections["conflicting_figures"]
    assert {v["value"] for f in figures for v in f["values"]} >= {34.0, 36.0}
    outcomes = brief.sections["outcomes"]
    by_word = {o["text"].split()[0]: o for o in outcomes}
    assert by_word["Engineers"]["likelihood"] == "Low"
    assert not {o["text"] for o in outcomes} & {s.text for s in brief.summary}  # no repeats of the summary
    claims = brief.sections["key_claims"]
    assert claims and all("Coastal Herald" in c["disputed_by"] for c in claims if "Dask" in c["text"])


def _tampered(brief: Brief, citation: Citation) -> Brief:
    first = brief.summary[0]
    return replace(brief, summary=(CitedSentence(first.text, (citation,)),) + brief.summary[1:])


def test_check_brief_rejects_wrong_offsets(brief, material):
    c = brief.summary[0].citations[0]
    with pytest.raises(CitationError, match=r"summary\[0\]"):
        check_brief(_tampered(brief, replace(c, end=c.end - 1)), material.articles)


def test_check_brief_rejects_unknown_article_and_out_of_range_sentence(brief, material):
    c = brief.summary[0].citations[0]
    with pytest.raises(CitationError, match="unknown article"):
        check_brief(_tampered(brief, replace(c, article_id="0" * 16)), material.articles)
    with pytest.raises(CitationError, match="out of range"):
        check_brief(_tampered(brief, replace(c, sentence_index=99)), material.articles)


def test_check_brief_rejects_a_fabricated_quote_and_a_missing_citation(brief, material):
    c = brief.summary[0].citations[0]
    fabricated = replace(brief, summary=(CitedSentence('Officials called it "a clear act of sabotage" today.', (c,)),))
    with pytest.raises(CitationError, match="not verbatim"):
        check_brief(fabricated, material.articles)
    with pytest.raises(CitationError, match="no citation"):
        check_brief(replace(brief, title=CitedSentence("A title", ())), material.articles)


def test_check_brief_accepts_a_real_quote(brief, material):
    herald = next(a for a in material.articles if a.outlet == "Coastal Herald")
    index = next(s.index for s in herald.sentences if "absurd" in herald.sentence_text(s.index))
    s = herald.sentences[index]
    quoted = CitedSentence('The firm said it was "absurd and completely baseless".',
                           (Citation(herald.id, herald.outlet, index, s.start, s.end),))
    check_brief(replace(brief, summary=(quoted,)), material.articles)


def test_write_refuses_a_writer_that_invents_citations(material):
    class Inventing(ExtractiveWriter):
        def draft(self, material):
            brief = super().draft(material)
            return replace(brief, title=CitedSentence("Made up", (Citation("f" * 16, "X", 0, 0, 5),)))

    with pytest.raises(CitationError, match="title"):
        Inventing().write(material)


def test_registry_names_the_available_writers():
    assert isinstance(get_writer(), ExtractiveWriter)
    with pytest.raises(UnknownBackendError, match="available: extractive"):
        get_writer("oracle")


@pytest.mark.slow
def test_writer_with_minilm_sentence_vectors(material):
    from parallax.embed import get_embedder

    embedder = get_embedder("minilm")
    dense = replace(material, sentence_vectors=embedder.embed_batch, embedder=embedder.name)
    brief = get_writer().write(dense)
    assert 3 <= len(brief.summary) <= 5
    assert len({c.outlet for s in brief.summary for c in s.citations}) >= 3
    assert brief.provenance.embedder == embedder.name
