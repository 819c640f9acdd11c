"""The local writer: a small packaged model writes summary, takeaway and answers, every sentence verified.

It is the LLM writer with a model that runs here: the same checks
(``review``), the same fallback to the extractive sections, but a prompt sized
for a small model on a CPU: only the story's most central sentences within a
token budget, one request answered in compact lines rather than JSON
(``local_prompt``), citations that fail the fact checks replaced by the lines
that pass them, no retry (a second answer doubles the time), and English
renderings of the story's non-English quotes and claims (``renderings``). The
model runs in-process (``LlamaChat``, which stops a line that repeats itself)
unless ``local_base_url`` names a llama.cpp server.

The model is not asked where none of the lines it would read is English (it
writes English; on foreign lines alone it ran on to its token cap and nothing
passed), and its summary stands only where its lead cites the extractive lead;
either way the brief's provenance says why the extractive text stands.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import numpy as np

from parallax.errors import ModelError
from parallax.models import Brief, CitedSentence
from parallax.write.base import Writer
from parallax.write.llm.client import ChatClient, LLMConfig, Usage
from parallax.write.llm.local_model import (
    DEFAULT_MODEL,
    INSTALL_HINT,
    LlamaChat,
    LocalModel,
    RunSettings,
    context_size,
    get_model,
    model_file,
    runtime_missing,
)
from parallax.write.llm.local_prompt import GRAMMAR, central_lines, read_compact, recite, shown
from parallax.write.llm.prompt import SourceLine, is_english, story_name
from parallax.write.llm.review import Review, unusable
from parallax.write.llm.shortening import shortens
from parallax.write.llm.verify import common_words
from parallax.write.llm.writer import LLMWriter
from parallax.write.material import StoryMaterial
from parallax.write.pool import SAME_FACT, embed_texts, sentence_pool
from parallax.write.sections.summary import SummaryRules, further_sentences

log = logging.getLogger("parallax.write.local")
LOCAL_PROMPT = "local-v3"
# section -> (shape, fewest usable sentences, most kept): a summary of two verified sentences beats none
LOCAL_RULES = {"summary": ("list", 2, 4), "takeaway": ("one", 1, 1), "questions": ("questions", 1, 2)}
# Why a brief has no model section although the model ran (recorded in the report's fallbacks and the provenance)
NO_ENGLISH = ("declined: no English source sentence to write from (on foreign lines alone the model ran its first "
              "sentence on to the token cap and nothing passed; BENCHMARKS #28)")
OTHER_LEAD = "the model's lead is not the extractive lead shortened (words left out, none added or reordered)"


class LocalWriter(LLMWriter):
    """The LLM writer over a packaged GGUF model; renders non-English evidence in English beside it."""

    name = "local"
    version = "2"
    rules = LOCAL_RULES
    retries = 0

    def __init__(self, model: LocalModel, run: RunSettings, client=None, source_lines: int = 12,
                 prompt_tokens: int = 700, renderings: int = 2, cache_dir: Path | None = None,
                 rendering_tries: int = 1, summary_lead: int = 1, **kwargs):
        config = LLMConfig(base_url="in-process", model=model.name, cache_dir=cache_dir)
        super().__init__(config, prompt=LOCAL_PROMPT, client=client, **kwargs)
        self.model, self.run = model, run
        self.max_lines, self.prompt_tokens, self.renderings = source_lines, prompt_tokens, renderings
        self.rendering_tries = rendering_tries
        self.summary_lead = summary_lead  # the model's summary sentences kept before the extractive ones; 0: all
        self.recited = 0  # sentences whose citations were replaced by lines that pass the checks, this run

    @property
    def label(self) -> str:
        return f"{self.name}/{self.version}:{self.model.key}@{self.prompt.version}"

    def source_lines(self, material: StoryMaterial) -> tuple[SourceLine, ...]:
        return central_lines(material, self.prompt_tokens, self.max_lines)

    def messages(self, material: StoryMaterial, lines: tuple[SourceLine, ...]) -> list[dict]:
        user = self.prompt.parts["user"].replace("{{story}}", story_name(material)).replace("{{sources}}", shown(lines))
        return [{"role": "system", "content": self.prompt.parts["system"]}, {"role": "user", "content": user}]

    def read_answer(self, text: str, lines: tuple[SourceLine, ...], material: StoryMaterial) -> dict:
        """The compact answer read into sections, failing citations replaced where other lines pass."""
        answer = read_compact(text)
        common = common_words(line.ref.text for line in lines)
        self.recited += recite(answer, lines, common, self._similar(material))
        return answer

    def _generate(self, material: StoryMaterial, lines: tuple[SourceLine, ...]) -> tuple[Review, Usage]:
        """No request where none of the lines the model would read is English: the writer declines, with why."""
        if not any(is_english(line.ref.article) for line in lines):
            log.info("story %s: %s", material.story.id, NO_ENGLISH)
            return unusable(NO_ENGLISH, self.rules), Usage()
        return super()._generate(material, lines)

    def screen(self, review: Review, base: Brief, lines: tuple[SourceLine, ...]) -> Review:
        """The model's summary stands only where its lead shortens the extractive lead: it cites the extractive
        summary's first sentence among the lines it read, and is that sentence with words left out (the same words
        in the same order, every negation kept). A lead on another line replaced the better-supported fact, and a
        rewording can pass the fact checks yet say the opposite ("The gunman was fatally shot" from "The son … was
        fatally shot … when a gunman …"; BENCHMARKS #28 session 16); there the extractive summary stands."""
        summary = review.sections.get("summary")
        read = {(line.ref.article.id, line.ref.index): line.ref.text for line in lines}
        lead = next((s.citations[0] for s in base.summary if _key(s.citations[0]) in read), None)
        if not summary or lead is None:
            return review
        if _key(lead) in {_key(c) for c in summary[0].citations} and shortens(summary[0].text, read[_key(lead)]):
            return review
        sections = {k: v for k, v in review.sections.items() if k != "summary"}
        return replace(review, sections=sections, failed={**review.failed, "summary": OTHER_LEAD})

    def _similar(self, material: StoryMaterial):
        embed = self._support(material).embed

        def similar(text: str, sources: list[str]) -> list[float]:
            vectors = np.asarray(embed([text, *sources]), dtype=np.float64)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            return [float(v) for v in vectors[1:] @ vectors[0]]

        return similar

    def _merge(self, material: StoryMaterial, base: Brief, review) -> tuple[Brief, tuple[tuple[str, str], ...]]:
        """The model's sections over the extractive brief; the model's first ``summary_lead`` summary sentences
        go on with the extractive summary's other sentences, labelled ``summary[k:]``; where the continuation
        skips some and falls short of the length rule, with the sentences its ranking picks next."""
        brief, labels = super()._merge(material, base, review)
        note = _note(review)
        if note:
            brief = replace(brief, provenance=replace(brief.provenance, model=(*brief.provenance.model, note)))
        if "summary" not in review.sections:
            return brief, labels
        written = brief.summary[: self.summary_lead or None]
        rules = getattr(self.fallback, "rules", SummaryRules())
        summary = continue_summary(written, base.summary, material, rules, chosen=True)
        english = {a.id for a in material.articles if is_english(a)}
        if len(summary) == len(written) < len(brief.summary) and any(s.citations[0].article_id not in english
                                                                     for s in base.summary):
            # the extractive summary goes on in other languages only: the model's further verified sentences go on
            summary = continue_summary(written, brief.summary[len(written):], material, rules, quoted=False)
            written = summary
        if not _long_enough(list(summary), rules):  # sentences skipped or a shorter lead: the ranking goes on
            more = further_sentences(sentence_pool(material), base.summary, rules)
            summary = continue_summary(summary, more, material, rules)
        if len(summary) > len(written):
            labels = (*labels, (f"summary[{len(written)}:]", base.provenance.writer))
        return replace(brief, summary=summary, provenance=replace(brief.provenance, sections=labels)), labels

    def payload(self, messages: list[dict]) -> dict:
        return {"model": self.model.name, "messages": messages, "temperature": 0,
                "max_tokens": self.run.max_tokens, "seed": self.run.seed, "grammar": GRAMMAR}

    def draft(self, material: StoryMaterial) -> Brief:
        """The verified model sections over the extractive brief, then English renderings of foreign evidence."""
        brief = super().draft(material)
        if self.renderings <= 0:
            return brief
        from parallax.write.llm.renderings import Renderer, render_foreign

        renderer = Renderer(self.client, self.run, self.model.name, self.renderings, self.rendering_tries, self.cache)
        return replace(brief, sections=render_foreign(brief, material, renderer))

    def model_facts(self) -> tuple[tuple[str, str], ...]:
        return (("name", self.model.name), ("weights", f"{self.model.requirement} sha256:{self.model.sha256[:16]}"),
                *self.run.as_pairs(), ("source_lines", str(self.max_lines)), ("prompt_tokens", str(self.prompt_tokens)),
                ("summary_lead", str(self.summary_lead)), ("renderings", str(self.renderings)))


def continue_summary(written: tuple[CitedSentence, ...], extractive: tuple[CitedSentence, ...],
                     material: StoryMaterial, rules: SummaryRules, quoted: bool = True,
                     chosen: bool = False) -> tuple[CitedSentence, ...]:
    """``written`` followed by ``extractive``'s sentences, in their order, until the extractive length rule holds;
    a sentence the model cited, one that states the same fact as a written sentence (the pool's same-fact cosine)
    or, where the sentences are ``quoted`` from their sources, one not in English (the model's summary is English)
    is skipped. Where they are the sentences the extractive writer ``chosen`` for its summary, its choice stands,
    length included (its reply to an accusation is added past its length rule): all that are not skipped follow,
    up to its most sentences. Sentences the model wrote (``quoted=False``) are also compared with those added
    before them: nothing else keeps the model from writing one fact twice."""
    if not written:
        return written
    kind = "tfidf" if material.sentence_vectors is None else "dense"
    vectors = embed_texts(material, [s.text for s in (*written, *extractive)])
    cited = {(c.article_id, c.sentence_index) for s in written for c in s.citations}
    english = {a.id for a in material.articles if is_english(a)}
    summary, kept = list(written), list(vectors[: len(written)])
    for sentence, vector in zip(extractive, vectors[len(written):]):
        if len(summary) >= rules.max_sentences or (not chosen and _long_enough(summary, rules)):
            break
        own = sentence.citations[0]
        if ((own.article_id in english or not quoted) and (own.article_id, own.sentence_index) not in cited
                and max(np.asarray(kept) @ vector) < SAME_FACT[kind]):
            summary.append(sentence)
            kept += [] if quoted else [vector]  # the extractive writer already judged its own sentences distinct
    return tuple(summary)


def _note(review: Review) -> tuple[str, str] | None:
    """Why the model was not asked, or why its verified summary was held back: kept in the brief's provenance."""
    if NO_ENGLISH in review.failed.values():
        return ("declined", NO_ENGLISH)
    return ("summary held back", OTHER_LEAD) if review.failed.get("summary") == OTHER_LEAD else None


def _key(citation) -> tuple[str, int]:
    return citation.article_id, citation.sentence_index


def _long_enough(summary: list[CitedSentence], rules: SummaryRules) -> bool:
    words = sum(len(s.text.split()) for s in summary)
    return len(summary) >= rules.max_sentences or (len(summary) >= rules.min_sentences and words >= rules.word_budget)


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
    prompt_tokens = int(getattr(settings, "local_prompt_tokens", 700))
    max_tokens = int(getattr(settings, "local_max_tokens", 240))
    run = RunSettings(n_ctx=context_size(prompt_tokens, max_tokens), threads=int(getattr(settings, "local_threads", 0)),
                      max_tokens=max_tokens)
    base_url = str(getattr(settings, "local_base_url", "") or "")
    if base_url:
        client = ChatClient(LLMConfig(base_url=base_url, model=model.name, timeout=600.0, requests_per_minute=0))
    else:
        missing = runtime_missing()
        if missing:
            raise ModelError(missing)
        client = LlamaChat(model_file(model, Path(str(getattr(settings, "local_model_dir", "~/.cache/parallax/models")))), run)
    cache = str(getattr(settings, "llm_cache_dir", "") or "")
    return LocalWriter(model, run, client, source_lines=int(getattr(settings, "local_source_lines", 12)),
                       prompt_tokens=prompt_tokens, renderings=int(getattr(settings, "local_renderings", 2)),
                       cache_dir=Path(cache).expanduser() / "local" if cache else None,
                       rendering_tries=int(getattr(settings, "local_rendering_tries", 1)),
                       summary_lead=int(getattr(settings, "local_summary_lead", 1)))


__all__ = ["INSTALL_HINT", "LocalWriter", "build_local_writer", "local_writer"]
