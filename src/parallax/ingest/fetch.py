"""HTTP fetching with limits: User-Agent, timeout, body size, redirects, SSRF guard.

``Fetcher.fetch`` follows redirects itself so that every hop passes the guard:
a URL whose host resolves to a loopback, private, link-local or otherwise
non-public address is refused unless ``settings.allow_loopback`` is set.
Politeness (robots.txt, rate limits, retries, conditional GET) belongs in
``_request_once``, the one place a request leaves the process.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from parallax.errors import FetchError
from parallax.settings import Settings

MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    """A successful (2xx) response, its body read in full."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class _Redirect:
    location: str


def is_public_address(address: str) -> bool:
    """Whether an IP address is globally routable (not loopback, private, link-local, reserved...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Fetcher:
    """Fetches URLs for ingestion. Use as a context manager, or call ``close()``."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=settings.fetch_timeout,
            follow_redirects=False,  # followed in fetch() so each hop is checked
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """GET ``url``; raises ``FetchError`` naming it on any refusal, failure or non-2xx status."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self.check_url(current)
            answer = self._request_once(url, current, headers or {})
            if isinstance(answer, Fetched):
                return answer
            current = urljoin(current, answer.location)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def check_url(self, url: str) -> None:
        """Refuse non-HTTP URLs and, unless allowed, hosts with non-public addresses."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "only http:// and https:// URLs with a host can be fetched")
        if self.settings.allow_loopback:
            return
        for address in _addresses(url, parts.hostname):
            if not is_public_address(address):
                raise FetchError(url, f"host {parts.hostname} resolves to non-public address {address}"
                                      " (set allow_loopback to permit)")

    def _request_once(self, url: str, current: str, headers: Mapping[str, str]) -> Fetched | _Redirect:
        try:
            with self._client.stream("GET", current, headers=headers) as response:
                if response.is_redirect and "location" in response.headers:
                    return _Redirect(response.headers["location"])
                if not response.is_success:
                    raise FetchError(url, f"HTTP status {response.status_code} from {current}")
                body = self._read_body(response, url)
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
        content_type = response.headers.get("content-type", "")
        return Fetched(url, current, response.status_code, content_type, body, dict(response.headers))

    def _read_body(self, response: httpx.Response, url: str) -> bytes:
        limit = self.settings.max_page_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"body of {declared} bytes is over the {limit}-byte limit (max_page_bytes)")
        chunks, size = [], 0
        for chunk in response.iter_bytes():  # decoded bytes, so a compression bomb stops here too
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"body is over the {limit}-byte limit (max_page_bytes)")
            chunks.append(chunk)
        return b"".join(chunks)


def _addresses(url: str, host: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve host {host}: {exc}") from None
    return sorted({str(info[4][0]) for info in infos})
