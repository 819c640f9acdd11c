"""Fixtures for ingestion tests: a real loopback HTTP server and settings that may use it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from support.loopback import LoopbackServer

from parallax.settings import Settings


@dataclass(frozen=True)
class LiveSettings(Settings):
    """Settings plus the politeness knobs, quick for tests (the fetcher reads them by name)."""

    host_delay: float = 0.0
    host_concurrency: int = 4
    fetch_concurrency: int = 8
    fetch_retries: int = 2
    fetch_backoff: float = 0.01
    respect_robots: bool = True


@pytest.fixture
def loopback():
    with LoopbackServer() as server:
        yield server


@pytest.fixture
def loopback_settings():
    return LiveSettings(allow_loopback=True, fetch_timeout=5.0)
