"""The real server on loopback against hostile requests: no 500, no secret in any answer, a 10 MB body
refused (413) while another client is served. Latency is measured in bench/serve_hostile.py, not here."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import httpx
import pytest
import uvicorn
from serve_corpus import populate
from starlette.routing import Route

from parallax.models import Outlet
from parallax.serve import create_app
from parallax.serve.guard import RequestGuard
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

SECRETS = ("S3cretPass", "LlmS3cret", "K3yValue", "T0kenValue")
SETTINGS = Settings(db="postgresql://user:S3cretPass@db.example/news", api_token="T0kenValue",
                    llm_base_url="https://key:LlmS3cret@llm.example/v1?api_key=K3yValue")
HOSTILE_GETS = [
    "/digest/9999-12-31.md", "/digest/0001-01-01.json", "/digest/2026-02-30.md", "/digest/x.md", "/?to=9999-12-31",
    "/stories.json?to=9999-12-31", "/stories.json?from=0001-01-01", "/feed.atom?to=9999-12-31",
    "/feed.rss?from=9999-12-31", "/stories.json?page=99999999999999999999", "/stories.json?page=-1",
    "/stories.json?per_page=0", "/stories/s-bridge?version=99999999999999999999", "/stories/s-bridge.json?version=-5",
    "/stories/s-bridge.md?version=0", "/search.json?q=%00", "/search.json?q=" + "a" * 5000, "/stories.json?order=%00",
    "/stories.json?country=%ff", "/forecasts.json?status=zzz", "/stories.json?from=2026-13-01", "/-/settings.json",
    "/status.json", "/openapi.json", "/outlets/Harbour%2FTimes", "/outlets/Harbour%2FTimes.json", "/feed.atom",
    "/digest/2026-09-15.md",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("hostile-serve") / "s.db")
    populate(store)
    store.upsert_outlets([Outlet("Harbour/Times", country="GB")])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    app = create_app(store, SETTINGS)
    running = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    running.should_exit = True
    thread.join(timeout=10)
    sock.close()
    store.close()


def _leaks(response: httpx.Response) -> list[str]:
    seen = response.text + str(response.headers)
    return [s for s in (*SECRETS, "evil.example") if s in seen]


@pytest.mark.parametrize("path", HOSTILE_GETS)
def test_no_hostile_request_gets_a_500_or_a_secret(server, path):
    response = httpx.get(server + path, headers={"Host": "evil.example"}, timeout=30)
    assert response.status_code < 500 and _leaks(response) == []
    if response.status_code == 400:
        assert response.text.strip()


def test_every_outlet_page_is_reachable(server):
    assert httpx.get(server + "/outlets/Harbour%2FTimes.json", timeout=30).json()["outlet"]["name"] == "Harbour/Times"


@pytest.mark.parametrize("headers, status", [
    ({"content-type": "application/json"}, 401),
    ({"content-type": "application/json", "authorization": "Bearer T0kenValue"}, 413),
    ({"content-type": "application/x-www-form-urlencoded"}, 413),
])
def test_a_10_mb_body_is_refused(server, headers, status):
    path = "/forecasts/f-x/resolve" if "form" in headers["content-type"] else "/api/feeds"
    response = httpx.post(server + path, content=b"x" * 10_000_000, headers=headers, timeout=60)
    assert response.status_code == status and _leaks(response) == []


def test_a_slow_10_mb_upload_does_not_stop_another_reader(server):
    def trickle():
        for _ in range(100):
            yield b"x" * 100_000
            time.sleep(0.01)

    answers: list[int] = []
    upload = threading.Thread(target=lambda: answers.append(httpx.post(
        server + "/api/feeds", content=trickle(), timeout=60,
        headers={"content-type": "application/json", "authorization": "Bearer T0kenValue"}).status_code))
    upload.start()
    time.sleep(0.1)
    reads = [httpx.get(server + "/stories.json", timeout=30).status_code for _ in range(5)]
    upload.join(timeout=60)
    assert reads == [200] * 5 and answers == [413]


def test_an_authorised_small_write_still_works(server):
    response = httpx.post(server + "/api/feeds", json={"url": "https://news.example/feed.xml"},
                          headers={"authorization": "Bearer T0kenValue"}, timeout=30)
    assert response.status_code in (200, 201)



@pytest.mark.parametrize("authorization", ["Bearer wrong", "Bearer T0kenValue"])
def test_a_refused_body_is_read_to_its_end_before_the_answer(authorization):
    """Closing on unread bytes makes the kernel reset the connection, which can destroy the answer in flight."""
    events: list[str] = []
    chunks = [b"x" * 600_000] * 4

    async def receive():
        events.append("read")
        return {"type": "http.request", "body": chunks.pop(), "more_body": bool(chunks)}

    async def send(message):
        events.append(message["type"])

    async def app(scope, receive, send):
        raise AssertionError("a refused request reached the app")

    guard = RequestGuard(app, "T0kenValue", 1_000_000,
                         [Route("/api/feeds", lambda request: None, methods=["POST"])])
    scope = {"type": "http", "method": "POST", "path": "/api/feeds", "root_path": "",
             "headers": [(b"authorization", authorization.encode()), (b"content-type", b"application/json")]}
    asyncio.run(guard(scope, receive, send))
    assert chunks == [] and events[:4] == ["read"] * 4 and events[4] == "http.response.start"
