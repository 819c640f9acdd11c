"""A real HTTP server on 127.0.0.1 for feeds and pages in tests.

    with LoopbackServer({"/feed.xml": (200, "application/rss+xml", body, {})}) as server:
        fetch(server.url("/feed.xml"))

Routes map a path (with its query string, or without) to ``(status, content_type,
body, extra_headers)``; shorter tuples default the rest. ``server.requests`` keeps
``(path, headers)`` of every request served, for assertions. An extra header
``{"Content-Length": None}`` sends the body without declaring its length.

Hostile and slow servers for fault tests: ``delay`` waits before answering,
``drip`` pauses between 1 KiB pieces of the body, ``add_handler`` answers from a
function of ``(path, headers)``, and ``gzip_bomb`` builds a tiny body that
inflates to a huge one. A route with an ``ETag`` or ``Last-Modified`` header
answers 304 to a request that presents the same validator, as real servers do.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

Route = tuple  # (status, content_type, body, extra_headers, delay_s, drip_s); shorter tuples default the rest
Handler = Callable[[str, dict[str, str]], Route]
_DEFAULTS = (200, "text/html; charset=utf-8", b"", {}, 0.0, 0.0)
DRIP_BYTES = 1024


def gzip_bomb(size: int) -> bytes:
    """A gzip stream of ``size`` zero bytes (about 1 KiB per MiB)."""
    return gzip.compress(b"\0" * size, compresslevel=9)


class LoopbackServer:
    def __init__(self, routes: dict[str, Route] | None = None):
        self.routes: dict[str, Route | Handler] = dict(routes or {})
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            status: int = 200, headers: dict[str, str] | None = None, delay: float = 0.0,
            drip: float = 0.0) -> str:
        """Serve ``body`` at ``path`` (after ``delay`` s, ``drip`` s between pieces); returns the full URL."""
        self.routes[path] = (status, content_type, body, headers or {}, delay, drip)
        return self.url(path)

    def add_handler(self, path: str, handler: Handler) -> str:
        """Answer ``path`` with ``handler(path, request_headers)``, a route tuple; returns the full URL."""
        self.routes[path] = handler
        return self.url(path)

    def hits(self, path: str) -> int:
        """How many requests asked for ``path`` (query string ignored)."""
        return sum(1 for asked, _ in list(self.requests) if asked.split("?", 1)[0] == path)

    def url(self, path: str = "/") -> str:
        """The full URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the loopback server is not running")
        return self._httpd.server_address[1]

    def start(self) -> LoopbackServer:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="loopback-http", daemon=True)  # short poll: quick shutdown
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def route(self, path: str, headers: dict[str, str] | None = None) -> Route | None:
        """The route for a request path: with its query string first, then without."""
        found = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
        return found(path, headers or {}) if callable(found) else found


def _handler_for(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            asked = dict(self.headers.items())
            server.requests.append((self.path, asked))
            route = server.route(self.path, asked) or (404, "text/plain", b"not found", {})
            status, content_type, body, headers, delay, drip = (*route, *_DEFAULTS[len(route):])
            body = body.encode("utf-8") if isinstance(body, str) else body
            if _unchanged(headers, asked):
                status, body = 304, b""
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self._send_length(headers, len(body))
            for name, value in headers.items():
                if value is not None:
                    self.send_header(name, value)
            self.end_headers()
            self._write_body(body, drip)

        def _write_body(self, body: bytes, drip: float) -> None:
            try:
                for start in range(0, len(body), DRIP_BYTES if drip else max(len(body), 1)):
                    self.wfile.write(body[start : start + (DRIP_BYTES if drip else len(body))])
                    if drip:
                        self.wfile.flush()
                        time.sleep(drip)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it may
                self.close_connection = True

        def _send_length(self, headers: dict, length: int) -> None:
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(length))
            elif headers["Content-Length"] is None:  # undeclared: the body runs until the connection closes
                self.send_header("Connection", "close")
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

    return Handler


def _unchanged(headers: dict, asked: dict[str, str]) -> bool:
    """Whether a conditional request presents the route's own validator."""
    lowered = {k.lower(): v for k, v in asked.items()}
    etag, modified = headers.get("ETag"), headers.get("Last-Modified")
    return bool((etag and lowered.get("if-none-match") == etag)
                or (modified and lowered.get("if-modified-since") == modified))
