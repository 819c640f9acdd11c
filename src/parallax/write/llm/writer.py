"""The LLM writer: abstractive sections from any OpenAI-compatible endpoint, every sentence verified.

Per story: the extractive brief is drafted first (it is the fallback); the model
gets numbered source sentences and answers in JSON; every sentence is checked
(``review``); sections that fail get one retry with the reasons; whatever still
fails keeps its extractive version. Provenance records, per section, which
writer and prompt produced it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from parallax.errors import FetchError
from parallax.models import Brief
from parallax.write.base import Writer
from parallax.write.extractive import ExtractiveWriter
from parallax.write.llm.cache import ResponseCache, request_hash
from parallax.write.llm.client import ChatClient, Completion, LLMConfig, Usage, payload_text, request_payload
from parallax.write.llm.prompt import (
    MAX_LINES,
    PROMPT_VERSION,
    Prompt,
    SourceLine,
    build_messages,
    load_prompt,
    number_sentences,
    parse_answer,
    retry_messages,
)
from parallax.write.llm.review import LLM_SECTIONS, SECTION_RULES, Dropped, Review, Rules, review_answer, unusable
from parallax.write.llm.verify import SupportCheck, default_support
from parallax.write.material import StoryMaterial
from parallax.write.sections.sources import build_provenance

log = logging.getLogger("parallax.write.llm")


@dataclass(frozen=True)
class WriteReport:
    """What writing one brief cost and what was dropped: per-brief accounting."""

    story_id: str
    usage: Usage
    dropped: tuple[Dropped, ...]
    fallbacks: tuple[tuple[str, str], ...]  # (section, why it kept its extractive version)
    sections: tuple[tuple[str, str], ...]  # (section, writer label)
    written: int = 0  # sentences the model wrote, before any check


class LLMWriter(Writer):
    """Writes title, summary, takeaway, context and questions with a model; the rest stays extractive."""

    name = "llm"
    version = "1"
    rules: Rules = SECTION_RULES  # the sections asked for, with how many sentences each needs
    retries = 1  # extra requests for the sections that failed their checks
    max_lines = MAX_LINES  # source sentences offered

    def __init__(self, config: LLMConfig, prompt: str = PROMPT_VERSION, support: SupportCheck | None = None,
                 client: ChatClient | None = None, fallback: Writer | None = None):
        self.config = config
        self.prompt: Prompt = load_prompt(prompt)
        self.support = support
        self.client = client or ChatClient(config)
        self.cache = ResponseCache(config.cache_dir) if config.cache_dir else None
        self.fallback = fallback or ExtractiveWriter()
        self.last_report: WriteReport | None = None
        self.usage = Usage()

    @property
    def label(self) -> str:
        return f"{self.name}/{self.version}@{self.prompt.version}"

    def draft(self, material: StoryMaterial) -> Brief:
        """The brief, with ``last_report`` and the running ``usage`` updated."""
        brief, report = self.draft_with_report(material)
        self.last_report, self.usage = report, self.usage + report.usage
        for dropped in report.dropped:
            log.warning("story %s: dropped %s %r: %s", material.story.id, dropped.where, dropped.text[:80],
                        "; ".join(dropped.reasons))
        return brief

    def draft_with_report(self, material: StoryMaterial) -> tuple[Brief, WriteReport]:
        """Extractive brief, then the model's verified sections over it."""
        base = self.fallback.draft(material)
        lines = self.source_lines(material)
        review, usage = self._generate(material, lines)
        review = self.screen(review, base, lines)
        brief, labels = self._merge(material, base, review)
        fallbacks = tuple(review.failed.items())
        return brief, WriteReport(material.story.id, usage, review.dropped, fallbacks, labels, review.written)

    def _generate(self, material: StoryMaterial, lines: tuple[SourceLine, ...]) -> tuple[Review, Usage]:
        """First answer, and one retry for the sections that failed; the retry fills only those."""
        messages = self.messages(material, lines)
        first, text, usage = self._attempt(messages, lines, material)
        if not first.failed or text is None or self.retries < 1:
            return first, usage
        again, _, more = self._attempt(retry_messages(self.prompt, messages, text, first.reasons()), lines, material)
        return _combine(first, again), usage + more

    def _attempt(self, messages: list[dict], lines: tuple[SourceLine, ...],
                 material: StoryMaterial) -> tuple[Review, str | None, Usage]:
        """(review, answer text or None when the endpoint failed, usage) of one request."""
        try:
            completion = self._ask(self.payload(messages))
        except FetchError as exc:
            return unusable(f"no answer: {exc.reason}", self.rules), None, Usage()
        try:
            answer = self.read_answer(completion.text, lines, material)
        except ValueError as exc:
            return unusable(str(exc), self.rules), completion.text, completion.usage
        review = review_answer(answer, lines, self._support(material), self.rules)
        return review, completion.text, completion.usage

    def screen(self, review: Review, base: Brief, lines: tuple[SourceLine, ...]) -> Review:
        """The verified sections that may replace the extractive ones (a subclass may hold some back, with why)."""
        return review

    def source_lines(self, material: StoryMaterial) -> tuple[SourceLine, ...]:
        """The numbered source sentences the model reads: every sentence, leads first, up to ``max_lines``."""
        return number_sentences(material, self.max_lines)

    def messages(self, material: StoryMaterial, lines: tuple[SourceLine, ...]) -> list[dict]:
        return build_messages(self.prompt, material, lines)

    def read_answer(self, text: str, lines: tuple[SourceLine, ...], material: StoryMaterial) -> dict:
        """The answer as sections of cited sentences; ``ValueError`` when it cannot be read."""
        return parse_answer(text)

    def payload(self, messages: list[dict]) -> dict:
        """The chat-completions request for ``messages``."""
        return request_payload(self.config, messages, self.prompt.schema)

    def _ask(self, payload: dict) -> Completion:
        key = request_hash(payload_text(payload))
        cached = self.cache.get(key) if self.cache else None
        if cached is not None:
            return cached
        completion = self.client.complete(payload)
        if self.cache:
            self.cache.put(key, completion)
        return completion

    def _support(self, material: StoryMaterial) -> SupportCheck:
        """The injected check, else the measured default (built once)."""
        if self.support is None:
            self.support = default_support()
        return self.support

    def _merge(self, material: StoryMaterial, base: Brief,
               review: Review) -> tuple[Brief, tuple[tuple[str, str], ...]]:
        """The extractive brief with the model's passing sections in place, and who wrote each section."""
        ours = review.sections
        sections = {k: v for k, v in base.sections.items() if k not in ours}
        sections.update({k: v for k, v in ours.items() if k not in ("title", "summary")})
        extractive = base.provenance.writer
        sections = _page_order(sections)
        present = ["title", "summary", *sections]
        labels = tuple((name, self.label if name in ours else extractive) for name in present)
        provenance = replace(build_provenance(material, self.label), sections=labels, model=self.model_facts())
        brief = replace(base, title=ours.get("title", base.title), summary=ours.get("summary", base.summary),
                        sections=sections, provenance=provenance)
        return brief, labels

    def model_facts(self) -> tuple[tuple[str, str], ...]:
        """Which model wrote, and how it ran: recorded in the brief's provenance."""
        return (("name", self.config.model), ("endpoint", self.config.base_url), ("temperature", "0"))

    def close(self) -> None:
        self.client.close()


def _combine(first: Review, again: Review) -> Review:
    """First answer's passing sections, plus the retry's for those that failed the first time."""
    sections = dict(first.sections)
    failed = {}
    for name, why in first.failed.items():
        if name in again.sections:
            sections[name] = again.sections[name]
        else:
            failed[name] = again.failed.get(name, why)
    return Review(sections, first.dropped + again.dropped, failed, first.written + again.written)


def _page_order(sections: dict[str, object]) -> dict[str, object]:
    from parallax.write.sections.catalog import SECTION_BUILDERS

    order = [*SECTION_BUILDERS, *LLM_SECTIONS]
    return {k: sections[k] for k in sorted(sections, key=lambda k: order.index(k) if k in order else len(order))}
