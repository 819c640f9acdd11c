"""Conditional GET: a weak ETag from a hash of every page's body, 304 when the client has it.

HEAD is answered here too, as a GET without its body, so routes declare GET only.

Pages change whenever the pipeline runs, so they are ``no-cache`` (always revalidate,
cheap with the ETag); static files may be kept an hour; anything else is ``no-store``.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_CACHE = "no-cache"
STATIC_CACHE = "public, max-age=3600"
NO_STORE = "no-store"
_DROPPED_ON_304 = ("content-length", "content-type", "content-encoding")


def weak_etag(body: bytes) -> str:
    """``W/"<hash>"`` of a response body."""
    return f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, ``*`` included)."""
    wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",") if tag.strip()}
    return "*" in wanted or etag.removeprefix("W/") in wanted


class ConditionalGet:
    """ASGI middleware: ETag + Cache-Control on every GET/HEAD 200, 304 on a matching If-None-Match."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, _with_cache_control(send, NO_STORE))
            return
        head = scope["method"] == "HEAD"
        scope = {**scope, "method": "GET"} if head else scope
        await self.app(scope, receive, _Conditional(scope, send, head))


def _with_cache_control(send: Send, value: str) -> Send:
    async def sender(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).setdefault("Cache-Control", value)
        await send(message)

    return sender


class _Conditional:
    """The ``send`` of one GET: holds a 200 response until its whole body is known."""

    def __init__(self, scope: Scope, send: Send, head: bool = False):
        self.send, self.start, self.chunks, self.head = send, None, [], head
        self.if_none_match = Headers(scope=scope).get("if-none-match", "")
        self.static = scope["path"].startswith("/static/")

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            cache = NO_STORE if message["status"] >= 400 else (STATIC_CACHE if self.static else PAGE_CACHE)
            headers.setdefault("Cache-Control", cache)
            if message["status"] != 200 or "etag" in headers:
                await self.send(message)
            else:
                self.start = message
            return
        if self.start is None or message["type"] != "http.response.body":
            await self.send({**message, "body": b""} if self.head and "body" in message else message)
            return
        self.chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            await self._finish(b"".join(self.chunks))

    async def _finish(self, body: bytes) -> None:
        assert self.start is not None
        headers = MutableHeaders(scope=self.start)
        headers["ETag"] = weak_etag(body)
        if self.if_none_match and etag_matches(self.if_none_match, headers["ETag"]):
            for name in _DROPPED_ON_304:
                if name in headers:
                    del headers[name]
            self.start["status"], body = 304, b""
        await self.send(self.start)
        await self.send({"type": "http.response.body", "body": b"" if self.head else body})
