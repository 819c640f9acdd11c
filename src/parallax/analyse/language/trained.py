"""The shipped trained models (``parallax/data/models/*.npz``), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from parallax.analyse.language.linear import LinearTextModel, load_model

MODELS_DIR = Path(__file__).resolve().parents[2] / "data" / "models"
MODEL_NAMES = ("babe_bias", "babe_opinion", "babe_bias_minilm", "babe_opinion_minilm", "clickbait", "leaning")


@cache
def shipped_model(name: str) -> LinearTextModel:
    """The model called ``name`` (one of ``MODEL_NAMES``); ``ModelError`` if its file is missing."""
    return load_model(MODELS_DIR / f"{name}.npz")
