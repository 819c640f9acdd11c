"""The local writer over a loopback server speaking the llama.cpp / OpenAI protocol: same checks, own prompt."""

from __future__ import annotations

import json
import logging

import pytest
from support.chat_server import ChatServer, Reply
from support.ferry import GOOD

from parallax.settings import Settings
from parallax.write import brief_from_dict, brief_to_dict, check_brief, get_writer, validate_brief_dict
from parallax.write.extractive import ExtractiveWriter
from parallax.write.llm.local import LocalWriter, build_local_writer
from parallax.write.llm.local_model import RunSettings, get_model

LOCAL_ANSWER = {
    "summary": GOOD["summary"][:3],
    "takeaway": GOOD["takeaway"],
    "questions": GOOD["questions"],
}


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
    brief, writer, server = write(material, support, [Reply(json.dumps(LOCAL_ANSWER))])
    assert [s.text for s in brief.summary] == [s["text"] for s in GOOD["summary"][:3]]
    assert brief.sections["takeaway"].text == GOOD["takeaway"]["text"]
    assert brief.sections["questions"][0]["answer"].text == GOOD["questions"][0]["answer"]["text"]
    labels = dict(brief.provenance.sections)
    assert writer.label == "local/1:qwen2.5-coder-0.5b@local-v1"
    assert {labels[k] for k in ("summary", "takeaway", "questions")} == {writer.label}
    assert labels["title"] == ExtractiveWriter().label  # the local prompt does not ask for a title
    body = brief_to_dict(brief)
    validate_brief_dict(body)
    assert body["provenance"]["model"]["name"] == "Qwen2.5-Coder-0.5B-Instruct Q4_K_M"
    assert body["provenance"]["model"]["temperature"] == "0.0" and "max_tokens" in body["provenance"]["model"]
    assert brief_from_dict(body).provenance.model == brief.provenance.model
    request = server.requests[0]
    assert request["max_tokens"] == writer.run.max_tokens and request["temperature"] == 0
    assert set(request["response_format"]["json_schema"]["schema"]["required"]) == {"summary", "takeaway", "questions"}
    assert len(server.requests) == 1


def test_a_sentence_with_a_number_no_cited_sentence_holds_is_rejected_and_the_rest_stands(material, support):
    bad = {"text": "Rescuers pulled 58 people from the water.", "cite": [4]}
    answer = {**LOCAL_ANSWER, "summary": [*LOCAL_ANSWER["summary"][:2], bad]}
    brief, writer, server = write(material, support, [Reply(json.dumps(answer))])
    assert [s.text for s in brief.summary] == [s["text"] for s in GOOD["summary"][:2]]
    assert all("58" not in s.text for s in brief.summary)
    assert any("number 58" in r for d in writer.last_report.dropped for r in d.reasons)
    assert len(server.requests) == 1  # no retry: a second full answer costs a small model as much again
    check_brief(brief, material.articles)


def test_a_summary_with_too_few_verified_sentences_keeps_the_extractive_one(material, support):
    invented = {"text": "The captain of the Orla was arrested in Velmar.", "cite": [2]}
    answer = {**LOCAL_ANSWER, "summary": [invented, LOCAL_ANSWER["summary"][0]]}
    brief, writer, _ = write(material, support, [Reply(json.dumps(answer))])
    extractive = ExtractiveWriter().write(material)
    assert brief.summary == extractive.summary
    assert dict(brief.provenance.sections)["summary"] == extractive.provenance.writer
    assert "summary" in dict(writer.last_report.fallbacks)


def test_unusable_answers_leave_the_extractive_brief(material, support):
    brief, _, _ = write(material, support, [Reply("not json at all")])
    assert brief.summary == ExtractiveWriter().write(material).summary


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
