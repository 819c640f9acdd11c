"""`parallax eval summary --writer llm` against a configured (loopback) endpoint, and the support check of each sentence encoder."""

from __future__ import annotations

import json

import pytest
from support.chat_server import ChatServer, Reply
from support.ferry import DAILY, GOOD, POST, RADIO, answer, config_for

from parallax.eval.summary import evaluate_summaries
from parallax.write.llm.verify import default_support
from parallax.write.llm.writer import LLMWriter


def test_eval_summary_with_the_llm_writer(tmp_path, monkeypatch):
    records = [{"id": f"r{i}", "outlet": outlet, "title": "Ferry capsizes off Meral", "text": text,
                "published": "2026-09-15"} for i, (outlet, text) in
               enumerate((("Harbour Post", POST), ("Island Daily", DAILY), ("Coast Radio", RADIO)))]
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"story": "s-ferry", "reference": "A ferry capsized off Meral.", "articles": records}))
    with ChatServer([Reply(answer())]) as server:
        monkeypatch.setenv("PARALLAX_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("PARALLAX_LLM_MODEL", "scripted-model")
        monkeypatch.setenv("PARALLAX_LLM_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.chdir(tmp_path)
        figures = evaluate_summaries(path, tmp_path / "out.jsonl", writer="llm", embedder="tfidf")
    assert figures["stories"] == 1 and len(server.requests) == 1
    written = json.loads((tmp_path / "out.jsonl").read_text())
    assert written["summary"] == " ".join(s["text"] for s in GOOD["summary"])


@pytest.mark.slow
@pytest.mark.parametrize("embedder", ["minilm", "muse"])
def test_embedder_support_keeps_the_good_answer_and_drops_the_unsupported_claim(material, embedder):
    claim = {"text": "The government has promised to compensate every family affected by the sinking.", "cite": [7]}
    with ChatServer([Reply(answer(summary_3=claim))]) as server:
        writer = LLMWriter(config_for(server.base_url), support=default_support(embedder))
        brief = writer.write(material)
    assert [s.text for s in brief.summary] == [s["text"] for s in GOOD["summary"][:3]]
    [dropped] = writer.last_report.dropped
    assert dropped.text == claim["text"] and "not supported" in dropped.reasons[0]
