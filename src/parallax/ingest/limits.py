"""Reading a response body within limits: size after decompression, and total time.

We decode gzip and deflate ourselves with a bounded output, so a small compressed
body that expands to gigabytes (a decompression bomb) stops at the size limit
without ever being held in memory, and a server that trickles bytes slowly is cut
off at a deadline that per-read timeouts would never reach.
"""

from __future__ import annotations

import time
import zlib

import httpx

from parallax.errors import FetchError

ACCEPT_ENCODING = "gzip, deflate"
_AUTO_HEADER = zlib.MAX_WBITS | 32  # accept a gzip or a zlib header


class _Identity:
    def feed(self, data: bytes, room: int) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


class _Inflate:
    def __init__(self, url: str):
        self.url = url
        self._z = zlib.decompressobj(_AUTO_HEADER)

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            return self._z.decompress(data, max(room, 1))  # never more than the limit allows, plus one
        except zlib.error as exc:
            raise FetchError(self.url, f"cannot decode compressed body: {exc}") from None

    def flush(self) -> bytes:
        if not self._z.eof:
            raise FetchError(self.url, "cannot decode compressed body: the stream is truncated")
        return self._z.flush()


def body_decoder(content_encoding: str, url: str) -> _Identity | _Inflate:
    """The decoder for a Content-Encoding; an encoding we did not ask for is a ``FetchError``."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _Inflate(url)
    raise FetchError(url, f"unsupported Content-Encoding {content_encoding!r}; asked for {ACCEPT_ENCODING}")


def read_body(response: httpx.Response, url: str, limit: int, deadline: float) -> bytes:
    """The decoded body, refused past ``limit`` bytes or after ``deadline`` (``time.monotonic``)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"body of {declared} bytes is over the {limit}-byte limit (max_page_bytes)")
    decoder = body_decoder(response.headers.get("content-encoding", ""), url)
    body = bytearray()
    for raw in response.iter_raw():
        _check_deadline(url, deadline)
        body += decoder.feed(raw, limit - len(body) + 1)
        _check_size(url, len(body), limit)
    body += decoder.flush()
    _check_size(url, len(body), limit)
    return bytes(body)


def _check_size(url: str, size: int, limit: int) -> None:
    if size > limit:
        raise FetchError(url, f"body is over the {limit}-byte limit (max_page_bytes)")


def _check_deadline(url: str, deadline: float) -> None:
    if time.monotonic() > deadline:
        raise FetchError(url, "body took longer than the fetch timeout to arrive (fetch_timeout)")
