"""The gate every write passes before its body is read: the token, then the size of the body.

An ASGI middleware, so nothing reaches a route (or a body parser) unchecked:

- a write (a route taking a method other than GET, HEAD, OPTIONS) to a server with no token is
  403 at once;
- a bearer token, when sent, is checked before a byte of the body is read (401 when wrong);
- without one, only a small HTML form may come in (its ``token`` field is checked by the route);
- a body larger than ``max_request_bytes`` is 413: refused from its Content-Length, or cut off
  as soon as it grows past the limit; the body is read asynchronously, so a client sending
  megabytes never holds up the others;
- before a refusal closes the connection, the rest of the body is read and dropped (up to
  ``LINGER_BYTES`` within ``LINGER_SECONDS``): closing on unread bytes makes the kernel reset the
  connection, and a reset can destroy the answer before the client reads it.
"""

from __future__ import annotations

import asyncio
import hmac
import json

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parallax.serve.auth import TOKEN_VARIABLE

READS = ("GET", "HEAD", "OPTIONS")
FORM = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 16_384  # a resolve form is a few short fields; its token sits in the body
LINGER_BYTES = 64 * 1024 * 1024  # a refused body is read and dropped up to this size before the close
LINGER_SECONDS = 5.0


class RequestGuard:
    """ASGI middleware: token first, then the body within its limit, replayed to the app."""

    def __init__(self, app: ASGIApp, token: str, max_bytes: int, routes: list):
        self.app, self.token, self.max_bytes, self.routes = app, token, max_bytes, routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READS or not self._writes(scope):
            await self.app(scope, receive, send)  # a read, or a method no route takes here (405 or 404, unread)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal, ended = self._refusal(headers), False
        if refusal is None:
            limit = MAX_FORM_BYTES if _is_form(headers) and not headers.get("authorization") else self.max_bytes
            body, ended = await _read_within(receive, limit, headers.get("content-length", ""))
            if body is not None:
                await self.app(scope, _replay(body, receive), send)
                return
            refusal = (413, f"the request body is over the {limit:,}-byte limit (max_request_bytes)", {})
        if not ended:
            await _linger(receive, headers.get("content-length", ""))
        await _answer(send, *refusal)

    def _writes(self, scope: Scope) -> bool:
        return any(route.matches(scope)[0] == Match.FULL for route in self.routes)

    def _refusal(self, headers: dict[str, str]) -> tuple[int, str, dict] | None:
        if not self.token:
            return 403, f"writes disabled: this server has no API token (set {TOKEN_VARIABLE})", {}
        given = headers.get("authorization", "")
        if not given and _is_form(headers):
            return None  # the form's token field is checked by its route, after this small body is read
        scheme, _, credentials = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(credentials.strip().encode(), self.token.encode()):
            return 401, "a valid API token is required: send Authorization: Bearer TOKEN", {"www-authenticate": "Bearer"}
        return None


def _is_form(headers: dict[str, str]) -> bool:
    return headers.get("content-type", "").split(";")[0].strip().lower() == FORM


async def _read_within(receive: Receive, limit: int, declared: str) -> tuple[bytes | None, bool]:
    """The whole body, or None as soon as it (or its declared length) is over ``limit``; and whether it ended."""
    if declared.strip().isdigit() and int(declared) > limit:
        return None, False
    body = bytearray()
    while True:
        message = await receive()
        ended = message["type"] == "http.disconnect" or not message.get("more_body", False)
        body += message.get("body", b"")
        if len(body) > limit:
            return None, ended
        if ended:
            return bytes(body), True


async def _linger(receive: Receive, declared: str) -> None:
    """Read and drop what is left of a refused body, unless it is declared (or grows) over LINGER_BYTES."""
    if declared.strip().isdigit() and int(declared) > LINGER_BYTES:
        return

    async def drain() -> None:
        dropped = 0
        while dropped <= LINGER_BYTES:
            message = await receive()
            dropped += len(message.get("body", b""))
            if message["type"] == "http.disconnect" or not message.get("more_body", False):
                return

    try:
        await asyncio.wait_for(drain(), LINGER_SECONDS)
    except TimeoutError:
        pass


def _replay(body: bytes, original: Receive) -> Receive:
    """A receive that gives the body already read, then waits on the client as the original would."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return await original()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _answer(send: Send, status: int, message: str, extra: dict) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store"), (b"connection", b"close")]
    headers += [(k.encode(), v.encode()) for k, v in extra.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
