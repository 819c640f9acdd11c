"""Fixtures of the LLM writer tests: the ferry story and the measured support check."""

from __future__ import annotations

import pytest
from support.ferry import make_material

from parallax.write.llm.verify import SupportCheck, default_support
from parallax.write.material import StoryMaterial


@pytest.fixture
def material() -> StoryMaterial:
    return make_material()


@pytest.fixture
def support() -> SupportCheck:
    """The measured default check (hashed TF-IDF): fast, no model to load."""
    return default_support()
