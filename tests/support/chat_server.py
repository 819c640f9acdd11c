"""A real chat-completions server on 127.0.0.1 that replays scripted answers, for the LLM writer's tests.

    with ChatServer([Reply(content='{"title": ...}')]) as server:
        config = LLMConfig(base_url=server.base_url, model="scripted")

Each POST to ``/v1/chat/completions`` takes the next ``Reply`` (the last one
repeats). A reply can be slow (``delay``), fail (``status``), or send a body
that is not a chat-completions answer (``raw``). ``server.requests`` keeps every
request's JSON body, so tests count calls and read what the client sent.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


@dataclass(frozen=True)
class Reply:
    content: str = ""
    status: int = 200
    delay: float = 0.0
    raw: bytes | None = None
    prompt_tokens: int = 120
    completion_tokens: int = 40


class ChatServer:
    def __init__(self, replies: list[Reply]):
        self.replies = list(replies)
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "the chat server is not running"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def next_reply(self, body: dict, headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            return self.replies[min(len(self.requests), len(self.replies)) - 1]

    def start(self) -> ChatServer:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def answer_body(reply: Reply, model: str) -> bytes:
    """The chat-completions JSON for a scripted reply."""
    return json.dumps({
        "id": "chatcmpl-scripted", "object": "chat.completion", "model": model,
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply.content}}],
        "usage": {"prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens,
                  "total_tokens": reply.prompt_tokens + reply.completion_tokens},
    }).encode("utf-8")


def _handler_for(server: ChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path != "/v1/chat/completions":
                self._send(404, b'{"error": "not found"}')
                return
            reply = server.next_reply(body, dict(self.headers))
            time.sleep(reply.delay)
            payload = reply.raw if reply.raw is not None else answer_body(reply, str(body.get("model", "")))
            self._send(reply.status, payload)

        def _send(self, status: int, payload: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, *args: object) -> None:
            pass

    return Handler
