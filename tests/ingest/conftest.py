"""Fixtures for ingestion tests: a real loopback HTTP server and settings that may use it."""

from __future__ import annotations

import pytest
from support.loopback import LoopbackServer

from parallax.settings import Settings


@pytest.fixture
def loopback():
    with LoopbackServer() as server:
        yield server


@pytest.fixture
def loopback_settings():
    return Settings(allow_loopback=True, fetch_timeout=5.0)
