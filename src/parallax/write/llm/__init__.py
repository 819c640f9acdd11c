"""The optional LLM writer: any OpenAI-compatible chat-completions endpoint, every sentence verified.

Registered as ``llm``; nothing loads, and nothing is sent anywhere, until it is
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


register_writer("llm", llm_writer)

__all__ = ["llm_writer"]
