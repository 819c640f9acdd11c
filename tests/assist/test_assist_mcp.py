"""`parallax mcp` end to end: the official SDK's client starts the real server as a subprocess (stdio) and
over streamable HTTP on loopback; every tool's citations resolve to stored sentence spans."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time

import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from parallax.store.sqlite import SQLiteStore

TOOLS = {"search_stories", "get_brief", "story_coverage", "claims", "outlet", "forecasts"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    from datetime import datetime

    from serve.serve_corpus import cite, populate, store_scores

    from parallax.forecast import Forecast

    path = tmp_path_factory.mktemp("mcp") / "mcp.db"
    store = SQLiteStore(path)
    articles = populate(store)["articles"]
    store_scores(store, list(articles.values()))
    ledger = articles["ledger"]
    store.save_forecasts([Forecast(
        "f-inquiry", "s-bridge", 2, ledger.sentence_text(3), "The mayor opens a full inquiry.", "an inquiry opens",
        datetime(2026, 9, 14), datetime(2026, 10, 14), "within a month", 0.7, 0.7, "fixture", "a public promise",
        (cite(ledger, 3),))])
    store.close()
    return path


def server_params(database, **env: str) -> StdioServerParameters:
    return StdioServerParameters(command=sys.executable, args=["-m", "parallax", "mcp", "--db", str(database)],
                                 env={"PYTHONPATH": os.environ.get("PYTHONPATH", ""), "NO_COLOR": "1", **env})


def session(coro_fn, target):
    async def main():
        async with Client(target) as client:
            return await coro_fn(client)
    return asyncio.run(main())


def structured(result) -> dict:
    assert not result.is_error, result.content
    return result.structured_content or json.loads(result.content[0].text)


def all_citations(node):
    if isinstance(node, dict):
        if {"article_id", "sentence_index", "start", "end"} <= node.keys():
            yield node
        for value in node.values():
            yield from all_citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_citations(value)


def assert_citations_resolve(answer: dict, store: SQLiteStore) -> int:
    """Every citation in the answer names a stored article sentence and carries exactly its text."""
    found = list(all_citations(answer))
    for c in found:
        article = store.article(c["article_id"])
        sentence = article.sentences[c["sentence_index"]]
        assert (sentence.start, sentence.end) == (c["start"], c["end"])
        if "sentence" in c:
            assert c["sentence"] == article.text[c["start"] : c["end"]]
    return len(answer.get("citations") or [])


CALLS = [
    ("search_stories", {"query": "bridge"}),
    ("search_stories", {"country": "GB", "since": "2026-09-01", "language": "en"}),
    ("get_brief", {"story_id": "s-bridge", "format": "json"}),
    ("get_brief", {"story_id": "s-bridge", "format": "md"}),
    ("story_coverage", {"story_id": "s-bridge"}),
    ("claims", {"story_id": "s-bridge"}),
    ("outlet", {"name": "Harbour Ledger"}),
    ("forecasts", {"open_only": True}),
]


def test_every_tool_answers_over_stdio_with_citations_that_resolve(database):
    async def work(client):
        tools = {t.name for t in (await client.list_tools()).tools}
        answers = [structured(await client.call_tool(name, args)) for name, args in CALLS]
        brief = await client.read_resource("parallax://stories/s-bridge/brief.md")
        return tools, answers, brief

    tools, answers, brief = session(work, server_params(database))
    assert tools == TOOLS  # no write tool without a token
    store = SQLiteStore(database)
    try:
        for (name, _), answer in zip(CALLS, answers, strict=True):
            assert assert_citations_resolve(answer, store) > 0, f"{name} answered without citations"
    finally:
        store.close()
    search, filtered, as_json, as_md, coverage, claimed, outlet, ledger = answers
    assert [s["id"] for s in search["stories"]] == ["s-bridge"] and filtered["count"] == 1
    assert as_json["brief"]["title"]["text"] == "Porto Vell harbour bridge collapses" and "Porto Vell" in as_md["text"]
    assert coverage["by_country"] == {"United Kingdom": 1, "Valdoria": 1, "United States": 2}  # names, not codes
    assert {o["name"]: (o["country"], o["country_code"]) for o in coverage["outlets"]}["Valdoria State Radio"] == (
        "Valdoria", "XV")
    assert coverage["state_outlets"] == ["Valdoria State Radio"]
    assert all(len(coverage["outlets_behind"]["by_country"][c]) == n for c, n in coverage["by_country"].items())
    assert claimed["claims"][0]["disputed_by"] == ["Coastal Courier"]
    assert (outlet["country"], outlet["country_code"]) == ("United Kingdom", "GB")
    assert outlet["same_name_on_other_sites"] == []  # no other site was given its name
    assert outlet["profile"]["political"] == 0.45
    assert ledger["count"] >= 1
    assert "Porto Vell" in brief.contents[0].text


def test_bad_requests_get_error_results_naming_the_item(database):
    async def work(client):
        unknown = await client.call_tool("get_brief", {"story_id": "s-nothing"})
        no_brief = await client.call_tool("claims", {"story_id": "s-ferry"})
        bad_format = await client.call_tool("get_brief", {"story_id": "s-bridge", "format": "pdf"})
        bad_type = await client.call_tool("forecasts", {"open_only": {"not": "a bool"}})
        bad_date = await client.call_tool("search_stories", {"since": "last week"})
        no_outlet = await client.call_tool("outlet", {"name": "harbour ledger"})
        still_alive = await client.call_tool("search_stories", {})
        return unknown, no_brief, bad_format, bad_type, bad_date, no_outlet, still_alive

    *errors, alive = session(work, server_params(database))
    texts = [e.content[0].text for e in errors]
    assert all(e.is_error for e in errors)
    assert "s-nothing: there is no story" in texts[0] and "s-ferry: this story has no brief" in texts[1]
    assert "'pdf' is not one of json, md" in texts[2] and "open_only" in texts[3]
    assert "'last week' is not a date" in texts[4] and "did you mean 'Harbour Ledger'" in texts[5]
    assert "Traceback" not in " ".join(texts) and structured(alive)["count"] == 2


MALFORMED = [
    "this is not json",
    {"jsonrpc": "2.0", "id": 8, "method": "no/such/method"},
    {"jsonrpc": "2.0", "id": 9, "method": "initialize",
     "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}},
    {"jsonrpc": "2.0", "method": "notifications/initialized"},
    {"jsonrpc": "2.0", "id": 10, "method": "tools/call", "params": {"name": "get_brief"}},
    {"jsonrpc": "2.0", "id": 11, "method": "tools/call", "params": {"name": "drop_tables", "arguments": {}}},
]


def test_malformed_messages_get_protocol_errors_and_the_database_is_unchanged(database):
    before = database.read_bytes()
    process = subprocess.Popen([sys.executable, "-m", "parallax", "mcp", "--db", str(database)], text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdin.write("".join((m if isinstance(m, str) else json.dumps(m)) + "\n" for m in MALFORMED))
    process.stdin.flush()
    replies: dict = {}
    while not {8, 9, 10, 11} <= replies.keys():  # the server answers each line in turn (no reply, no line)
        line = process.stdout.readline()
        assert line, "the server stopped before answering"
        replies.update({r["id"]: r for r in [json.loads(line)] if "id" in r})
    process.stdin.close()
    stderr = process.stderr.read()
    process.wait(timeout=30)
    assert replies[8]["error"]["code"] == -32601  # the garbage line before it did not stop the server
    assert replies[10]["result"]["isError"] and "story_id" in replies[10]["result"]["content"][0]["text"]
    assert replies[11]["result"]["isError"] and "drop_tables" in replies[11]["result"]["content"][0]["text"]
    assert "Traceback" not in stderr
    assert database.read_bytes() == before


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_http_with_a_token_needs_it_and_offers_the_write_tool(database, tmp_path):
    import urllib.error
    import urllib.request

    port = free_port()
    env = {**os.environ, "PARALLAX_API_TOKEN": "s3cret"}
    process = subprocess.Popen([sys.executable, "-m", "parallax", "mcp", "--http", "--port", str(port),
                                "--db", str(database)], env=env, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2)
            except urllib.error.HTTPError as refused:
                assert refused.code == 401 and json.loads(refused.read())["status"] == 401
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the HTTP server did not start")
        import httpx
        from mcp.client.streamable_http import streamable_http_client

        async def main():
            headers = {"Authorization": "Bearer s3cret"}
            async with httpx.AsyncClient(headers=headers) as http, Client(streamable_http_client(url, http_client=http)) as client:
                return {t.name for t in (await client.list_tools()).tools}

        assert asyncio.run(main()) == TOOLS | {"resolve_forecast"}
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_http_refuses_an_address_other_than_loopback(database):
    result = subprocess.run([sys.executable, "-m", "parallax", "mcp", "--http", "--host", "0.0.0.0",
                             "--db", str(database)], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "loopback only" in result.stderr and "Traceback" not in result.stderr
