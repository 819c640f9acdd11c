"""The LLM writer against a scripted loopback endpoint: good answers kept, hostile ones caught."""

from __future__ import annotations

import json

import pytest
from support.chat_server import ChatServer, Reply
from support.ferry import GOOD, answer, config_for

from parallax.errors import ConfigError
from parallax.settings import Settings
from parallax.write import brief_from_dict, brief_to_dict, check_brief, get_writer, validate_brief_dict
from parallax.write.extractive import ExtractiveWriter
from parallax.write.llm import llm_writer
from parallax.write.llm.writer import LLMWriter

LLM = "llm/1@brief-v1"


def write(material, support, replies, **config):
    """Write one brief with the scripted replies; returns (brief, report, server)."""
    with ChatServer(replies) as server:
        writer = LLMWriter(config_for(server.base_url, **config), support=support)
        brief = writer.write(material)
    return brief, writer.last_report, server


def summary_texts(brief):
    return [s.text for s in brief.summary]


def test_a_good_answer_becomes_the_brief_and_provenance_names_the_writer(material, support):
    brief, report, server = write(material, support, [Reply(answer())])
    assert brief.title.text == GOOD["title"]["text"]
    assert summary_texts(brief) == [s["text"] for s in GOOD["summary"]]
    assert brief.sections["takeaway"].text == GOOD["takeaway"]["text"]
    assert brief.sections["questions"][0]["question"] == "What caused the accident?"
    assert report.dropped == () and report.fallbacks == ()
    labels = dict(brief.provenance.sections)
    assert {labels[k] for k in ("title", "summary", "takeaway", "context", "questions")} == {LLM}
    assert labels.get("timeline", ExtractiveWriter().label) == ExtractiveWriter().label  # sections it does not write stay extractive
    assert brief.provenance.writer == LLM
    check_brief(brief, material.articles)
    body = brief_to_dict(brief)
    validate_brief_dict(body)
    assert body["provenance"]["sections"]["summary"] == dict(zip(("writer", "prompt"), LLM.split("@")))
    assert brief_from_dict(body).provenance.sections == brief.provenance.sections
    assert len(server.requests) == 1


def test_the_request_carries_the_schema_and_numbered_sentences(material, support):
    _, _, server = write(material, support, [Reply(answer())])
    request = server.requests[0]
    assert request["model"] == "scripted-model" and request["temperature"] == 0
    assert request["response_format"]["type"] == "json_schema"
    assert "summary" in request["response_format"]["json_schema"]["schema"]["properties"]
    user = request["messages"][1]["content"]
    assert "[1] (Harbour Post, 2026-09-15) A passenger ferry capsized" in user
    assert "[2] (Island Daily, 2026-09-15) The ferry Orla sank" in user


@pytest.mark.parametrize("bad, reason", [
    ({"text": "Transport minister Juna Ravik called the accident \"an unforgivable failure of the operator\".",
      "cite": [8]}, "quote 'an unforgivable failure of the operator' is not verbatim"),
    ({"text": "Rescuers pulled 41 people from the water.", "cite": [99]}, "cites unknown sentence [99]"),
    ({"text": "Rescuers pulled 44 people from the water, and six people are still missing.", "cite": [4]},
     "number 44 is not in its cited sentences"),
    ({"text": "The government has promised to compensate every family affected by the sinking.", "cite": [7]},
     "not supported by its cited sentences"),
    ({"text": "Prime minister Edda Holm visited survivors in hospital.", "cite": [1]}, "name 'Edda'"),
], ids=["fabricated-quote", "wrong-id", "changed-number", "unsupported-claim", "invented-name"])
def test_a_hostile_sentence_is_dropped_and_reported(material, support, bad, reason):
    brief, report, server = write(material, support, [Reply(answer(summary_3=bad))])
    assert bad["text"] not in summary_texts(brief)
    assert summary_texts(brief) == [s["text"] for s in GOOD["summary"][:3]]  # three good ones still make a summary
    [dropped] = report.dropped
    assert dropped.where == "summary[3]" and reason in "; ".join(dropped.reasons)
    assert dict(brief.provenance.sections)["summary"] == LLM
    assert len(server.requests) == 1  # the section still passed: no retry needed
    check_brief(brief, material.articles)


def test_a_section_left_too_short_is_retried_with_the_reasons(material, support):
    bad = {"text": "Rescuers pulled 44 people from the water.", "cite": [4]}
    first = answer(summary=[GOOD["summary"][0], GOOD["summary"][2], bad])
    brief, report, server = write(material, support, [Reply(first), Reply(answer())])
    assert len(server.requests) == 2
    retry = server.requests[1]["messages"]
    assert retry[-2] == {"role": "assistant", "content": first}
    assert "number 44 is not in its cited sentences" in retry[-1]["content"]
    assert summary_texts(brief) == [s["text"] for s in GOOD["summary"]]
    assert dict(brief.provenance.sections)["summary"] == LLM
    assert [d.text for d in report.dropped] == [bad["text"]]


def test_a_section_that_fails_twice_falls_back_to_extractive(material, support):
    bad = {"text": "Rescuers pulled 44 people from the water.", "cite": [4]}
    hostile = answer(summary=[GOOD["summary"][0], bad])
    brief, report, server = write(material, support, [Reply(hostile)])
    extractive = ExtractiveWriter().draft(material)
    assert len(server.requests) == 2  # one bounded retry, then no more
    assert summary_texts(brief) == summary_texts(extractive)
    assert brief.title.text == GOOD["title"]["text"]  # the sections that passed keep the model's version
    labels = dict(brief.provenance.sections)
    assert (labels["summary"], labels["title"]) == (ExtractiveWriter().label, LLM)
    assert dict(report.fallbacks)["summary"].startswith("1 sentence(s) passed")


def test_invalid_json_falls_back_to_extractive_everywhere(material, support):
    brief, report, server = write(material, support, [Reply('{"title": {"text": "Ferry sinks", "cite": [1]'),
                                                      Reply("Sure! Here is the brief you asked for.")])
    extractive = ExtractiveWriter().draft(material)
    assert len(server.requests) == 2
    assert (brief.title, brief.summary) == (extractive.title, extractive.summary)
    assert set(dict(brief.provenance.sections).values()) == {ExtractiveWriter().label}
    assert "not valid JSON" in dict(report.fallbacks)["summary"]
    check_brief(brief, material.articles)


def test_a_timeout_falls_back_to_extractive(material, support):
    brief, report, server = write(material, support, [Reply(answer(), delay=1.0)], timeout=0.2)
    assert len(server.requests) == 1
    assert summary_texts(brief) == summary_texts(ExtractiveWriter().draft(material))
    assert dict(report.fallbacks)["title"] == "no answer: no answer within 0.2 s"
    assert report.usage.requests == 0


def test_an_unchanged_story_is_answered_from_the_cache(material, support, tmp_path):
    with ChatServer([Reply(answer())]) as server:
        config = config_for(server.base_url, cache_dir=tmp_path / "llm")
        first = LLMWriter(config, support=support)
        second = LLMWriter(config, support=support)
        one, two = first.write(material), second.write(material)
    assert len(server.requests) == 1
    assert summary_texts(one) == summary_texts(two)
    assert second.last_report.usage.cached == 1 and second.last_report.usage.requests == 0


def test_tokens_and_cost_are_accounted_per_brief_and_in_total(material, support):
    replies = [Reply(answer(summary=[]), prompt_tokens=1000, completion_tokens=300),
               Reply(answer(), prompt_tokens=1500, completion_tokens=400)]
    with ChatServer(replies) as server:
        writer = LLMWriter(config_for(server.base_url, price_per_1k_input=1.0, price_per_1k_output=3.0),
                           support=support)
        writer.write(material)
        report = writer.last_report
        writer.write(material)  # the server repeats its last reply: one more request
    assert (report.usage.requests, report.usage.prompt_tokens, report.usage.completion_tokens) == (2, 2500, 700)
    assert report.usage.cost == pytest.approx(2.5 + 2.1)
    assert writer.usage.requests == 3 and writer.usage.cost == pytest.approx(4.6 + 1.5 + 1.2)


def test_without_an_endpoint_the_llm_writer_refuses_to_start():
    with pytest.raises(ConfigError, match="llm_base_url"):
        llm_writer(Settings())
    with pytest.raises(ConfigError, match="nothing is sent"):
        get_writer("llm")


def test_brief_json_round_trip_keeps_model_sentences(material, support):
    brief, _, _ = write(material, support, [Reply(answer())])
    body = json.loads(json.dumps(brief_to_dict(brief)))
    assert body["summary"][0]["text"] == GOOD["summary"][0]["text"]
    assert body["provenance"]["writer"] == LLM
