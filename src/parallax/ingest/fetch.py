"""HTTP fetching with limits and manners: SSRF guard, robots.txt, per-host pacing, retries.

``Fetcher.fetch`` follows redirects itself so that every hop passes the guard:
a URL whose host resolves to a loopback, private, link-local or otherwise
non-public address is refused, and the address actually connected to is checked
again (DNS rebinding). ``settings.allow_loopback`` admits loopback addresses only
(local test feeds): link-local (the cloud metadata address 169.254.169.254),
private, multicast and unspecified addresses stay refused at every hop. Every hop
also passes robots.txt. ``_request_once`` is the one place a request leaves the
process: it waits for the host's slot (``HostGate``), and retries transient
failures with exponential backoff.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Self
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from parallax.errors import FetchError
from parallax.ingest.limits import ACCEPT_ENCODING, read_body
from parallax.ingest.polite import RETRY_STATUSES, HostGate, Politeness, agent_token, host_of, robots_rules
from parallax.settings import Settings

MAX_REDIRECTS = 5
_HINT = " (set allow_loopback to permit loopback addresses)"
MAX_ROBOTS_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class Fetched:
    """A response read in full: 2xx, or 304 to a conditional request (empty body)."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class _Redirect:
    location: str


class _TransientError(Exception):
    """A failure worth another try (timeouts, dropped connections)."""


def is_public_address(address: str) -> bool:
    """Whether an IP address is globally routable (not loopback, private, link-local, reserved...)."""
    ip = _ip(address)
    return ip.is_global and not ip.is_multicast


def address_allowed(address: str, allow_loopback: bool) -> bool:
    """Whether a fetch may go to ``address``: a public one, or a loopback one when loopback is allowed."""
    return is_public_address(address) or (allow_loopback and _ip(address).is_loopback)


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


class Fetcher:
    """Fetches URLs for ingestion; safe to share between threads. Use as a context manager."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.politeness = Politeness.from_settings(settings)
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=settings.fetch_timeout,
            follow_redirects=False,  # followed in fetch() so each hop is checked
            transport=transport,
            limits=httpx.Limits(max_connections=self.politeness.concurrency * 2),
        )
        self._gate = HostGate(self.politeness.host_delay, self.politeness.host_concurrency)
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._check_peers = not urllib.request.getproxies()  # through a proxy, the peer is the proxy

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """GET ``url``; raises ``FetchError`` naming it on any refusal, failure or status other than 2xx/304."""
        answer = self._follow(url, headers or {}, obey_robots=self.politeness.respect_robots)
        if 200 <= answer.status < 300 or answer.not_modified:
            return answer
        raise FetchError(url, f"HTTP status {answer.status} from {answer.final_url}")

    def check_url(self, url: str) -> None:
        """Refuse malformed and non-HTTP URLs and hosts with non-public addresses (loopback ones only if allowed)."""
        try:
            parts = urlsplit(url)
            parts.hostname  # noqa: B018 - raises on a malformed address in brackets
        except ValueError as exc:
            raise FetchError(url, f"not a well-formed URL ({exc})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "only http:// and https:// URLs with a host can be fetched")
        for address in _addresses(url, parts.hostname):
            if not address_allowed(address, self.settings.allow_loopback):
                raise FetchError(url, f"host {parts.hostname} resolves to non-public address {address}"
                                      f"{_HINT if _ip(address).is_loopback else ''}")

    def _follow(self, url: str, headers: Mapping[str, str], obey_robots: bool) -> Fetched:
        current, visited = url, set()
        for _ in range(MAX_REDIRECTS + 1):
            if current in visited:
                raise FetchError(url, f"redirect loop back to {current}")
            visited.add(current)
            self.check_url(current)
            if obey_robots:
                self._check_robots(url, current)
            answer = self._request_once(url, current, headers)
            if isinstance(answer, Fetched):
                return answer
            current = urljoin(current, answer.location)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _request_once(self, url: str, current: str, headers: Mapping[str, str]) -> Fetched | _Redirect:
        """One request as the server sees it: in the host's slot, retried when the failure is transient."""
        attempts = self.politeness.retries + 1
        for attempt in range(attempts):
            try:
                answer = self._send(url, current, headers)
            except _TransientError as exc:
                if attempt + 1 == attempts:
                    raise FetchError(url, f"{exc} (after {attempts} attempts)") from None
                time.sleep(self.politeness.retry_wait(attempt))
                continue
            if not (isinstance(answer, Fetched) and answer.status in RETRY_STATUSES) or attempt + 1 == attempts:
                return answer
            time.sleep(self.politeness.retry_wait(attempt, answer.headers.get("retry-after", "")))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _send(self, url: str, current: str, headers: Mapping[str, str],
              limit: int | None = None) -> Fetched | _Redirect:
        limit = self.settings.max_page_bytes if limit is None else limit
        with self._gate.slot(host_of(current)):
            deadline = time.monotonic() + self.settings.fetch_timeout
            try:
                with self._client.stream("GET", current, headers=headers) as response:
                    self._check_peer(url, response)
                    if response.is_redirect and "location" in response.headers:
                        return _Redirect(response.headers["location"])
                    body = read_body(response, url, limit, deadline) if response.is_success else b""
            except _TRANSIENT as exc:
                raise _TransientError(f"{type(exc).__name__}: {exc or 'no detail'}") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
        content_type = response.headers.get("content-type", "")
        return Fetched(url, current, response.status_code, content_type, body, dict(response.headers))

    def _check_peer(self, url: str, response: httpx.Response) -> None:
        """Refuse a connection that landed on a non-public address after all (DNS rebinding)."""
        if not self._check_peers:
            return
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer and not address_allowed(str(peer[0]), self.settings.allow_loopback):
            raise FetchError(url, f"connected to non-public address {peer[0]}")

    def _check_robots(self, url: str, current: str) -> None:
        rules = self._robots_for(host_of(current))
        if not rules.can_fetch(agent_token(self.settings.user_agent), current):
            raise FetchError(url, f"robots.txt of {host_of(current)} disallows {current}")

    def _robots_for(self, host: str) -> RobotFileParser:
        with self._lock:
            lock = self._robots_locks.setdefault(host, threading.Lock())
        with lock:  # one robots.txt request per host, however many threads ask
            if host not in self._robots:
                self._robots[host] = self._load_robots(host)
            return self._robots[host]

    def _load_robots(self, host: str) -> RobotFileParser:
        try:
            answer = self._follow_robots(host + "/robots.txt")
        except (FetchError, _TransientError):
            return robots_rules(503, "")  # unreachable: RFC 9309 says assume everything is disallowed
        rules = robots_rules(answer.status, answer.body.decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(agent_token(self.settings.user_agent))
        if delay:
            self._gate.set_delay(host, float(delay))
        return rules

    def _follow_robots(self, url: str) -> Fetched:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self.check_url(current)
            answer = self._send(url, current, {}, limit=MAX_ROBOTS_BYTES)
            if isinstance(answer, Fetched):
                return answer
            current = urljoin(current, answer.location)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


def _addresses(url: str, host: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve host {host}: {exc}") from None
    return sorted({str(info[4][0]) for info in infos})
