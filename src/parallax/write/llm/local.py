"""The local writer: a small packaged model writes summary, takeaway and answers, every sentence verified.

It is the LLM writer with a model that runs here: the same numbered sources,
the same checks (``review``), the same fallback to the extractive sections, a
shorter prompt sized for a small model on a CPU, no retry (a second full answer
doubles the time and measured no better), and English renderings of the
story's non-English quotes and claims (``renderings``). The model runs
in-process (``LlamaChat``) unless ``local_base_url`` names a llama.cpp server.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from parallax.errors import ModelError
from parallax.models import Brief
from parallax.write.base import Writer
from parallax.write.llm.client import ChatClient, LLMConfig
from parallax.write.llm.local_model import (
    DEFAULT_MODEL,
    INSTALL_HINT,
    LlamaChat,
    LocalModel,
    RunSettings,
    get_model,
    model_file,
    runtime_missing,
)
from parallax.write.llm.writer import LLMWriter
from parallax.write.material import StoryMaterial

log = logging.getLogger("parallax.write.local")
LOCAL_PROMPT = "local-v1"
# section -> (shape, fewest usable sentences, most kept): a summary of two verified sentences beats none
LOCAL_RULES = {"summary": ("list", 2, 4), "takeaway": ("one", 1, 1), "questions": ("questions", 1, 2)}


class LocalWriter(LLMWriter):
    """The LLM writer over a packaged GGUF model; renders non-English evidence in English beside it."""

    name = "local"
    version = "1"
    rules = LOCAL_RULES
    retries = 0

    def __init__(self, model: LocalModel, run: RunSettings, client=None, source_lines: int = 24,
                 renderings: int = 6, cache_dir: Path | None = None, **kwargs):
        config = LLMConfig(base_url="in-process", model=model.name, cache_dir=cache_dir)
        super().__init__(config, prompt=LOCAL_PROMPT, client=client, **kwargs)
        self.model, self.run = model, run
        self.max_lines, self.renderings = source_lines, renderings

    @property
    def label(self) -> str:
        return f"{self.name}/{self.version}:{self.model.key}@{self.prompt.version}"

    def payload(self, messages: list[dict]) -> dict:
        return {**super().payload(messages), "max_tokens": self.run.max_tokens, "seed": self.run.seed}

    def draft(self, material: StoryMaterial) -> Brief:
        """The verified model sections over the extractive brief, then English renderings of foreign evidence."""
        brief = super().draft(material)
        if self.renderings <= 0:
            return brief
        from parallax.write.llm.renderings import render_foreign

        sections = render_foreign(brief, material, self.client, self.renderings, self.run, self.model.name)
        return replace(brief, sections=sections)

    def model_facts(self) -> tuple[tuple[str, str], ...]:
        return (("name", self.model.name), ("weights", f"{self.model.requirement} sha256:{self.model.sha256[:16]}"),
                *self.run.as_pairs())


def local_writer(settings: object | None = None) -> Writer:
    """The local writer from settings; without the runtime or the weights, the extractive writer, loudly."""
    from parallax.settings import load_settings

    settings = settings if settings is not None else load_settings()
    try:
        return build_local_writer(settings)
    except ModelError as exc:
        from parallax.write.extractive import ExtractiveWriter

        log.error("writer 'local' is not available: %s. The extractive writer writes these briefs instead.", exc)
        return ExtractiveWriter()


def build_local_writer(settings: object) -> LocalWriter:
    """``ModelError`` saying how to install what is missing."""
    model = get_model(str(getattr(settings, "local_model", DEFAULT_MODEL)))
    run = RunSettings(threads=int(getattr(settings, "local_threads", 0)),
                      max_tokens=int(getattr(settings, "local_max_tokens", 420)))
    base_url = str(getattr(settings, "local_base_url", "") or "")
    if base_url:
        client = ChatClient(LLMConfig(base_url=base_url, model=model.name, timeout=600.0, requests_per_minute=0))
    else:
        missing = runtime_missing()
        if missing:
            raise ModelError(missing)
        client = LlamaChat(model_file(model, Path(str(getattr(settings, "local_model_dir", "~/.cache/parallax/models")))), run)
    cache = str(getattr(settings, "llm_cache_dir", "") or "")
    return LocalWriter(model, run, client, source_lines=int(getattr(settings, "local_source_lines", 24)),
                       renderings=int(getattr(settings, "local_renderings", 6)),
                       cache_dir=Path(cache).expanduser() / "local" if cache else None)


__all__ = ["INSTALL_HINT", "LocalWriter", "build_local_writer", "local_writer"]
