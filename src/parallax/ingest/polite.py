"""Politeness toward the hosts we fetch from: request spacing, concurrency, retries, robots.txt.

A host is a URL's scheme and authority (``https://example.org:8443``): what robots.txt
covers, and what a server's capacity is measured by.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from parallax.settings import Settings

MAX_CRAWL_DELAY = 30.0  # a robots.txt Crawl-delay above this is capped, so one host cannot stall a run
MAX_RETRY_WAIT = 60.0  # Retry-After beyond this is capped
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Politeness:
    """How gently to fetch; read from settings (names in brackets), defaults below."""

    host_delay: float = 1.0  # seconds between request starts on one host [host_delay]
    host_concurrency: int = 2  # requests in flight per host [host_concurrency]
    concurrency: int = 8  # requests in flight over all hosts [fetch_concurrency]
    retries: int = 2  # extra attempts after a transient failure [fetch_retries]
    backoff: float = 1.0  # seconds before the first retry, doubled each time [fetch_backoff]
    respect_robots: bool = True  # obey robots.txt [respect_robots]

    @classmethod
    def from_settings(cls, settings: Settings) -> Politeness:
        """The politeness the settings ask for, with nonsense values clamped to sane bounds."""
        return cls(
            host_delay=max(0.0, settings.host_delay),
            host_concurrency=max(1, settings.host_concurrency),
            concurrency=max(1, settings.fetch_concurrency),
            retries=max(0, settings.fetch_retries),
            backoff=max(0.0, settings.fetch_backoff),
            respect_robots=settings.respect_robots,
        )

    def retry_wait(self, attempt: int, retry_after: str = "") -> float:
        """Seconds to wait before retry number ``attempt + 1``: the server's Retry-After, else backoff."""
        wait = self.backoff * 2**attempt
        if retry_after.strip().isdigit():
            wait = max(wait, float(retry_after.strip()))
        return min(wait, MAX_RETRY_WAIT)


def host_of(url: str) -> str:
    """``scheme://authority`` of a URL, lower-cased: the unit of politeness."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class HostGate:
    """At most ``concurrency`` requests in flight per host, started at least ``delay`` seconds apart."""

    def __init__(self, delay: float, concurrency: int):
        self.delay, self.concurrency = delay, concurrency
        self._cond = threading.Condition()
        self._running: dict[str, int] = {}
        self._last_start: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        """A longer delay for one host (its robots.txt Crawl-delay), capped at ``MAX_CRAWL_DELAY``."""
        with self._cond:
            self._host_delay[host] = min(max(seconds, self.delay), MAX_CRAWL_DELAY)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's request slots; waits for a free slot and the host's spacing."""
        with self._cond:
            while (wait := self._wait_for(host)) > 0:
                self._cond.wait(timeout=wait if wait != float("inf") else None)
            self._running[host] = self._running.get(host, 0) + 1
            self._last_start[host] = time.monotonic()
        try:
            yield
        finally:
            with self._cond:
                self._running[host] -= 1
                self._cond.notify_all()

    def _wait_for(self, host: str) -> float:
        if self._running.get(host, 0) >= self.concurrency:
            return float("inf")
        if host not in self._last_start:
            return 0.0
        return self._last_start[host] + self._host_delay.get(host, self.delay) - time.monotonic()


def robots_rules(status: int, text: str) -> RobotFileParser:
    """Rules from a robots.txt answer (RFC 9309): 2xx parsed; 4xx allows all; otherwise disallows all."""
    rules = RobotFileParser()
    if 200 <= status < 300:
        rules.parse(text.splitlines())
    elif 400 <= status < 500:
        rules.allow_all = True
    else:
        rules.disallow_all = True
    return rules


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups match: 'parallax/0.1 (+url)' -> 'parallax'."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"
