"""Fixtures for ingestion tests: a real loopback HTTP server and settings that may use it."""

from __future__ import annotations

import pytest
from support.loopback import LoopbackServer

from parallax.settings import Settings

# politeness that keeps tests quick: no gap between requests, short backoff
QUICK = {"host_delay": 0.0, "host_concurrency": 4, "fetch_concurrency": 8, "fetch_retries": 2, "fetch_backoff": 0.01}


@pytest.fixture
def loopback():
    with LoopbackServer() as server:
        yield server


@pytest.fixture
def loopback_settings():
    return Settings(allow_loopback=True, fetch_timeout=5.0, **QUICK)
