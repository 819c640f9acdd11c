"""A real HTTP server on 127.0.0.1 for feeds and pages in tests.

    with LoopbackServer({"/feed.xml": (200, "application/rss+xml", body, {})}) as server:
        fetch(server.url("/feed.xml"))

Routes map a path (with its query string, or without) to ``(status, content_type,
body, extra_headers)``; shorter tuples default the rest. ``server.requests`` keeps
``(path, headers)`` of every request served, for assertions. An extra header
``{"Content-Length": None}`` sends the body without declaring its length.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = tuple  # (status, content_type, body: bytes | str, extra_headers: dict[str, str | None])
_DEFAULTS = (200, "text/html; charset=utf-8", b"", {})


class LoopbackServer:
    def __init__(self, routes: dict[str, Route] | None = None):
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            status: int = 200, headers: dict[str, str] | None = None) -> str:
        """Serve ``body`` at ``path``; returns the full URL."""
        self.routes[path] = (status, content_type, body, headers or {})
        return self.url(path)

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

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def route(self, path: str) -> Route | None:
        """The route for a request path: with its query string first, then without."""
        return self.routes.get(path) or self.routes.get(path.split("?", 1)[0])


def _handler_for(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
            server.requests.append((self.path, dict(self.headers.items())))
            route = server.route(self.path) or (404, "text/plain", b"not found", {})
            status, content_type, body, headers = (*route, *_DEFAULTS[len(route):])
            body = body.encode("utf-8") if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self._send_length(headers, len(body))
            for name, value in headers.items():
                if value is not None:
                    self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _send_length(self, headers: dict, length: int) -> None:
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(length))
            elif headers["Content-Length"] is None:  # undeclared: the body runs until the connection closes
                self.send_header("Connection", "close")
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

    return Handler
