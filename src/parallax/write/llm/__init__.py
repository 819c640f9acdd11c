"""The optional LLM writer: any OpenAI-compatible chat-completions endpoint, every sentence verified.

Registered as ``llm`` (and ``local``: a packaged model run here, ``local.py``); nothing loads, and nothing is sent anywhere, until it is
asked for and ``llm_base_url`` / ``llm_model`` are set.
"""

from __future__ import annotations

from parallax.write.base import Writer, register_writer


def llm_writer(settings: object | None = None) -> Writer:
    """The LLM writer configured from ``settings`` (loaded when None); ``ConfigError`` when no endpoint is set."""
    from parallax.settings import load_settings
    from parallax.write.llm.client import llm_config
    from parallax.write.llm.writer import LLMWriter

    return LLMWriter(llm_config(settings if settings is not None else load_settings()))


def local_writer(settings: object | None = None) -> Writer:
    """The local writer (a packaged model run here); the extractive writer, with an error logged, when not installed."""
    from parallax.write.llm.local import local_writer as build

    return build(settings)


register_writer("llm", llm_writer)
register_writer("local", local_writer)

__all__ = ["llm_writer", "local_writer"]
