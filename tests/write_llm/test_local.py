"""The local writer over a loopback server speaking the llama.cpp / OpenAI protocol: same checks, own prompt."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from support.chat_server import ChatServer, Reply

from parallax.models import CitedSentence
from parallax.settings import Settings
from parallax.write import brief_from_dict, brief_to_dict, check_brief, get_writer, validate_brief_dict
from parallax.write.extractive import ExtractiveWriter
from parallax.write.llm.local import LocalWriter, build_local_writer, continue_summary
from parallax.write.llm.local_model import RunSettings, context_size, get_model
from parallax.write.llm.local_prompt import central_lines, estimate_tokens, read_compact
from parallax.write.llm.prompt import story_name
from parallax.write.sections.summary import SummaryRules

# Sentences the model writes, each with a phrase of the source sentence it cites (numbered by ``central_lines``).
SUMMARY = [("A ferry capsized near the harbour of Meral on Tuesday.", "capsized near the harbour"),
           ("Rescuers pulled 41 people from the water.", "Rescuers pulled 41"),
           ("The coast guard said strong winds pushed the ferry onto rocks.", "strong winds")]
TAKEAWAY = ("At least six people are missing after the accident.", "At least six")
QUESTION = ("What caused the accident?", "The coast guard said strong winds had pushed the ferry onto rocks.",
            "strong winds")


def compact(material, summary=SUMMARY, takeaway=TAKEAWAY, question=QUESTION) -> str:
    """The answer in the local prompt's line form, citing the lines that hold each phrase."""
    lines = central_lines(material, 700, 12)

    def cite(phrase: str) -> str:
        return "".join(f"[{line.number}]" for line in lines if phrase in line.ref.text) or "[99]"

    body = ["SUMMARY:", *(f"- {text} {cite(phrase)}" for text, phrase in summary)]
    return "\n".join([*body, f"TAKEAWAY: {takeaway[0]} {cite(takeaway[1])}", f"Q: {question[0]}",
                      f"A: {question[1]} {cite(question[2])}", ""])


def local_writer(server: ChatServer, support, **settings) -> LocalWriter:
    values = {"local_base_url": server.base_url, "local_renderings": 0, "llm_cache_dir": "", **settings}
    writer = build_local_writer(Settings(**values))
    writer.support = support
    return writer


def write(material, support, replies, **settings):
    with ChatServer(replies) as server:
        writer = local_writer(server, support, **settings)
        brief = writer.write(material)
    return brief, writer, server


def test_the_model_writes_summary_takeaway_and_answers_and_provenance_names_model_and_settings(material, support):
    brief, writer, server = write(material, support, [Reply(compact(material))])
    assert brief.summary[0].text == SUMMARY[0][0]  # the model writes the lead
    assert brief.sections["takeaway"].text == TAKEAWAY[0]
    assert brief.sections["questions"][0]["question"] == QUESTION[0]
    assert brief.sections["questions"][0]["answer"].text == QUESTION[1]
    labels = dict(brief.provenance.sections)
    assert writer.label == "local/2:qwen2.5-coder-0.5b@local-v3"
    assert {labels[k] for k in ("summary", "takeaway", "questions")} == {writer.label}
    assert labels["title"] == ExtractiveWriter().label  # the local prompt does not ask for a title
    body = brief_to_dict(brief)
    validate_brief_dict(body)
    assert body["provenance"]["model"]["name"] == "Qwen2.5-Coder-0.5B-Instruct Q4_K_M"
    assert body["provenance"]["model"]["temperature"] == "0.0" and "max_tokens" in body["provenance"]["model"]
    assert body["provenance"]["model"]["prompt_tokens"] == "700" and body["provenance"]["model"]["summary_lead"] == "1"
    assert brief_from_dict(body).provenance.model == brief.provenance.model
    request = server.requests[0]
    assert request["max_tokens"] == writer.run.max_tokens and request["temperature"] == 0
    assert "SUMMARY" in request["grammar"] and "response_format" not in request  # lines, not JSON
    assert len(server.requests) == 1
    check_brief(brief, material.articles)


def test_the_prompt_holds_only_the_most_central_sentences_within_the_token_budget(material, support):
    with ChatServer([Reply(compact(material))]) as server:
        local_writer(server, support, local_prompt_tokens=60).write(material)
    sources = server.requests[0]["messages"][1]["content"]
    numbered = [line for line in sources.splitlines() if line.startswith("[")]
    everything = central_lines(material, 10**6, 12)
    assert 2 <= len(numbered) < len(everything) < sum(len(a.sentences) for a in material.articles)
    assert sum(estimate_tokens(line) for line in numbered) <= 60
    assert numbered == [f"[{line.number}] {line.ref.text}" for line in everything[: len(numbered)]]  # central first
    assert "Harbour Post" not in sources  # no outlet or date per line: tokens the answer rarely needs


def test_a_sentence_with_a_number_no_source_line_holds_is_rejected_and_the_rest_stands(material, support):
    summary = [*SUMMARY[:2], ("Rescuers pulled 58 people from the water.", "Rescuers pulled 41")]
    brief, writer, server = write(material, support, [Reply(compact(material, summary=summary))], local_summary_lead=0)
    assert [s.text for s in brief.summary[:2]] == [text for text, _ in SUMMARY[:2]]
    assert all("58" not in s.text for s in brief.summary)
    assert any("number 58" in r for d in writer.last_report.dropped for r in d.reasons)
    assert len(server.requests) == 1  # no retry: a second answer costs a small model as much again
    check_brief(brief, material.articles)


@pytest.mark.parametrize("lead", [1, 0])
def test_the_model_lead_goes_on_with_extractive_sentences_it_does_not_repeat_labelled_extractive(material, support,
                                                                                                 lead):
    brief, writer, _ = write(material, support, [Reply(compact(material))], local_summary_lead=lead)
    extractive = ExtractiveWriter().write(material)
    kept = lead or len(SUMMARY)  # 0: every verified model sentence leads
    assert [s.text for s in brief.summary[:kept]] == [text for text, _ in SUMMARY[:kept]]
    added = brief.summary[kept:]
    assert added and set(added) <= set(extractive.summary)
    cited = {(c.article_id, c.sentence_index) for s in brief.summary[:kept] for c in s.citations}
    assert all((s.citations[0].article_id, s.citations[0].sentence_index) not in cited for s in added)
    assert extractive.summary[0] not in added  # the model's first sentence tells the same event
    words = sum(len(s.text.split()) for s in brief.summary)
    assert len(brief.summary) == 5 or words >= 60  # the extractive writer's length rule
    labels = dict(brief.provenance.sections)
    assert labels["summary"] == writer.label and labels[f"summary[{kept}:]"] == extractive.provenance.writer
    body = brief_to_dict(brief)
    validate_brief_dict(body)
    assert brief_from_dict(body).provenance.sections == brief.provenance.sections
    check_brief(brief, material.articles)


def test_an_extractive_sentence_that_restates_a_written_one_is_skipped_though_the_model_did_not_cite_it(material):
    extractive = ExtractiveWriter().write(material).summary
    restated = CitedSentence("At least six people are missing after the accident.", extractive[0].citations)
    summary = continue_summary((restated,), extractive, material, SummaryRules())
    assert summary[0] == restated and extractive[1] not in summary  # same fact, other source line
    assert extractive[0] not in summary  # the line the written sentence cites
    assert summary[1:] == tuple(s for s in extractive[2:] if s in summary)  # the extractive order kept
    assert continue_summary((), extractive, material, SummaryRules()) == ()


def test_the_continuation_leaves_out_sentences_not_in_english(material):
    extractive = ExtractiveWriter().write(material).summary
    german = extractive[1].citations[0].article_id
    articles = tuple(replace(a, language="de") if a.id == german else a for a in material.articles)
    summary = continue_summary(extractive[:1], extractive, replace(material, articles=articles), SummaryRules())
    assert len(summary) > 1 and all(s.citations[0].article_id != german for s in summary[1:])


def test_where_no_english_summary_sentence_can_go_on_the_model_sentences_stand_then_the_ranking_s_english(material,
                                                                                                        support):
    summarised = {s.citations[0].article_id for s in ExtractiveWriter().write(material).summary}
    english = next(a.id for a in material.articles if a.id not in summarised)  # one English line to read, no more
    articles = tuple(a if a.id == english else replace(a, language="de") for a in material.articles)
    mixed = replace(material, articles=articles)
    same = [[line.ref.text for line in central_lines(m, 700, 12)] for m in (mixed, material)]
    assert same[0] == same[1]  # too little English to read it alone: the lines and their numbers are unchanged
    brief, writer, _ = write(mixed, support, [Reply(compact(material))])
    assert [s.text for s in brief.summary[:3]] == [text for text, _ in SUMMARY]  # every verified model sentence
    assert brief.summary[3:] and {s.citations[0].article_id for s in brief.summary[3:]} == {english}  # then English
    labels = dict(brief.provenance.sections)
    assert labels["summary"] == writer.label and labels["summary[3:]"] == ExtractiveWriter().label


def test_a_story_with_no_english_sentence_to_read_is_declined_before_any_request_and_the_brief_says_why(material,
                                                                                                      support):
    german = replace(material, articles=tuple(replace(a, language="de") for a in material.articles))
    brief, writer, server = write(german, support, [Reply(compact(material))])
    assert server.requests == [] and writer.last_report.usage.requests == 0
    extractive = ExtractiveWriter().write(german)
    assert brief.summary == extractive.summary and brief.sections == extractive.sections
    assert set(dict(writer.last_report.fallbacks)) == {"summary", "takeaway", "questions"}
    assert "no English" in dict(brief.provenance.model)["declined"]
    assert brief_from_dict(brief_to_dict(brief)).provenance.model == brief.provenance.model


def test_a_model_lead_on_another_line_than_the_extractive_lead_is_held_back_and_the_brief_says_why(material,
                                                                                                   support):
    extractive = ExtractiveWriter().write(material)
    first = extractive.summary[0].citations[0]
    lines = central_lines(material, 700, 12)
    other = next(line for line in lines if (line.ref.article.id, line.ref.index) != (first.article_id,
                                                                                     first.sentence_index))
    summary = [(other.ref.text, other.ref.text[:30]), *SUMMARY[1:]]
    brief, writer, _ = write(material, support, [Reply(compact(material, summary=summary))])
    assert brief.summary == extractive.summary
    assert dict(brief.provenance.sections)["summary"] == extractive.provenance.writer
    assert dict(brief.provenance.sections)["takeaway"] == writer.label  # the other sections stand
    assert "extractive lead" in dict(writer.last_report.fallbacks)["summary"]
    assert "extractive lead" in dict(brief.provenance.model)["summary held back"]


def test_a_sentence_citing_the_wrong_line_is_recited_to_the_line_that_holds_its_facts(material, support):
    summary = [SUMMARY[0], ("Rescuers pulled 41 people from the water.", "strong winds"), SUMMARY[2]]
    brief, writer, _ = write(material, support, [Reply(compact(material, summary=summary))], local_summary_lead=0)
    assert brief.summary[1].text == "Rescuers pulled 41 people from the water."
    cited = [material.articles[0].text[c.start : c.end] for c in brief.summary[1].citations
             if c.article_id == material.articles[0].id]
    assert any("41" in text for text in cited) and writer.recited == 1
    check_brief(brief, material.articles)


def test_a_summary_with_too_few_verified_sentences_keeps_the_extractive_one(material, support):
    summary = [("The captain of the Orla was arrested in Velmar.", "strong winds"), SUMMARY[0]]
    brief, writer, _ = write(material, support, [Reply(compact(material, summary=summary))])
    extractive = ExtractiveWriter().write(material)
    assert brief.summary == extractive.summary
    assert dict(brief.provenance.sections)["summary"] == extractive.provenance.writer
    assert "summary" in dict(writer.last_report.fallbacks)


@pytest.mark.parametrize("text", ["not the form at all", "", "{\"summary\": []}"])
def test_unusable_answers_leave_the_extractive_brief(material, support, text):
    brief, writer, _ = write(material, support, [Reply(text)])
    assert brief.summary == ExtractiveWriter().write(material).summary
    assert writer.last_report.fallbacks


def test_the_compact_answer_is_read_with_markers_taken_out_and_bullets_tolerated():
    answer = read_compact("Summary:\n1. One thing happened [1, 3].\n* Another [2]\nTAKEAWAY: Remember it. [4][4]\n"
                          "Q: Why?\nA: Because. [5]\nQ: Unanswered?\n")
    assert answer["summary"] == [{"text": "One thing happened.", "cite": [1, 3]}, {"text": "Another.", "cite": [2]}]
    assert answer["takeaway"] == {"text": "Remember it.", "cite": [4]}
    assert answer["questions"] == [{"question": "Why?", "answer": {"text": "Because.", "cite": [5]}},
                                   {"question": "Unanswered?", "answer": None}]
    with pytest.raises(ValueError, match="SUMMARY"):
        read_compact("Here is a brief about the ferry.")


def test_context_size_fits_twice_the_prompt_budget_and_the_answer():
    assert context_size(700, 240) == 2048
    assert context_size(50, 100) == 512
    assert context_size(3000, 400) >= 6400


def test_without_the_runtime_the_local_writer_says_how_to_install_it_and_extractive_runs(monkeypatch, caplog):
    monkeypatch.setattr("parallax.write.llm.local.runtime_missing", lambda: "the runtime is not installed; make local")
    with caplog.at_level(logging.ERROR, logger="parallax.write.local"):
        writer = get_writer("local", Settings(writer="local"))
    assert isinstance(writer, ExtractiveWriter)
    assert "make local" in caplog.text and "extractive" in caplog.text


def test_an_unknown_local_model_lists_the_packaged_ones(caplog):
    with caplog.at_level(logging.ERROR, logger="parallax.write.local"):
        writer = get_writer("local", Settings(local_model="gpt-9"))
    assert isinstance(writer, ExtractiveWriter)
    assert "qwen2.5-coder-0.5b" in caplog.text


@pytest.mark.parametrize("key", ["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b", "gemma3-270m"])
def test_every_packaged_model_names_its_chunks_and_checksum(key):
    model = get_model(key)
    assert len(model.modules) >= 4 and len(model.sha256) == 64 and model.size > 100_000_000


def test_run_settings_are_recorded_as_text_pairs():
    assert dict(RunSettings(threads=2).as_pairs())["threads"] == "2"


@pytest.mark.parametrize(("lead", "stands"), [
    ("A ferry capsized near Meral on Tuesday.", True),  # words left out
    ("A ferry sank near the harbour of Meral on Tuesday.", False),  # a word changed
    ("On Tuesday a ferry capsized near the harbour of Meral.", False),  # reordered
])
def test_the_model_summary_stands_only_where_its_lead_is_the_extractive_lead_shortened(material, support, lead,
                                                                                       stands):
    first = ExtractiveWriter().write(material).summary[0]
    phrase = first.text[:25]
    assert "capsized near the harbour of Meral" in first.text  # the ferry story's extractive lead
    brief, _, _ = write(material, support, [Reply(compact(material, summary=[(lead, phrase), *SUMMARY[1:]]))])
    assert (brief.summary[0].text == lead) is stands
    assert ("summary held back" in dict(brief.provenance.model)) is not stands
    check_brief(brief, material.articles)


def test_a_continuation_never_repeats_a_sentence_it_already_added(material):
    extractive = ExtractiveWriter().write(material).summary
    again = (extractive[1], extractive[1], extractive[2])
    summary = continue_summary(extractive[:1], again, material, SummaryRules(max_sentences=5), quoted=False)
    assert summary.count(extractive[1]) == 1 and summary[-1] == extractive[2]


def test_a_story_without_a_title_is_named_in_the_prompt_by_a_headline_never_by_its_id(material, support):
    untitled = replace(material, story=replace(material.story, title=""))
    _, _, server = write(untitled, support, [Reply(compact(material))])
    user = server.requests[0]["messages"][1]["content"]
    named = next(line for line in user.splitlines() if line.startswith("Story: "))[len("Story: "):]
    assert named in {a.title for a in material.articles} and material.story.id not in user


def test_the_headline_that_names_an_untitled_story_is_an_english_one_where_there_is_one(material):
    english = material.articles[-1]
    others = tuple(replace(a, language="de") for a in material.articles[:-1])
    untitled = replace(material, story=replace(material.story, title=""), articles=(*others, english))
    assert story_name(untitled) == english.title
    assert story_name(replace(untitled, articles=tuple(replace(a, title="") for a in untitled.articles))) == "s-ferry"
    assert story_name(material) == material.story.title
