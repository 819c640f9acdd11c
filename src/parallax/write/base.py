"""The Writer interface, its registry, and the citation checks every brief passes."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from parallax.errors import CitationError, UnknownBackendError
from parallax.models import Article, Brief, Citation, CitedSentence
from parallax.write.material import StoryMaterial

# A quoted phrase: text between straight or curly double quotes.
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
MIN_QUOTE_WORDS = 3


class Writer(ABC):
    """Writes a brief for a story; ``write`` refuses a brief whose citations do not resolve."""

    name: str = ""
    version: str = "0"

    @property
    def label(self) -> str:
        """Who wrote a brief, as recorded in its provenance: a brief by another label is stale."""
        return f"{self.name}/{self.version}"

    @abstractmethod
    def draft(self, material: StoryMaterial) -> Brief:
        """Produce the brief; the base class checks it."""

    def write(self, material: StoryMaterial) -> Brief:
        """Draft the brief and check every citation and quote against the articles."""
        brief = self.draft(material)
        check_brief(brief, material.articles)
        return brief


def resolve_citation(citation: Citation, article: Article) -> str:
    """The exact cited text; ``CitationError`` when the citation does not match a stored sentence."""
    index = citation.sentence_index
    if not 0 <= index < len(article.sentences):
        raise CitationError(f"sentence {index} is out of range for article {article.id}")
    sentence = article.sentences[index]
    if (citation.start, citation.end) != (sentence.start, sentence.end):
        raise CitationError(
            f"span {citation.start}:{citation.end} is not sentence {index} "
            f"({sentence.start}:{sentence.end}) of article {article.id}"
        )
    return article.text[sentence.start : sentence.end]


def passage_spans(citations: Sequence[Citation], spans: Sequence[str]) -> list[str]:
    """The cited spans, and each run of consecutive sentences of one article cited in a row, joined by a space: a
    quotation that runs over several sentences is quoted whole."""
    found = list(spans)
    run: list[str] = []
    for k, (citation, span) in enumerate(zip(citations, spans)):
        before = citations[k - 1] if k else None
        follows = before is not None and (before.article_id, before.sentence_index + 1) == (
            citation.article_id, citation.sentence_index)
        run = [*run, span] if follows else [span]
        if len(run) > 1:
            found.append(" ".join(run))
    return found


def quoted_phrases(text: str) -> list[str]:
    """Phrases of at least three words between double quotes."""
    return [q.strip() for q in _QUOTED.findall(text) if len(q.split()) >= MIN_QUOTE_WORDS]


def cited_items(brief: Brief) -> Iterator[tuple[str, str, Sequence[Citation]]]:
    """Every (where, text, citations) the brief holds, sections included."""
    yield "title", brief.title.text, brief.title.citations
    for i, sentence in enumerate(brief.summary):
        yield f"summary[{i}]", sentence.text, sentence.citations
    for key, value in brief.sections.items():
        yield from _walk(key, value)


def _walk(where: str, value: object) -> Iterator[tuple[str, str, Sequence[Citation]]]:
    if isinstance(value, CitedSentence):
        yield where, value.text, value.citations
    elif isinstance(value, Mapping):
        if "text" in value and "citations" in value:
            yield where, str(value["text"]), tuple(value["citations"])
        for key, inner in value.items():
            if key != "citations":
                yield from _walk(f"{where}.{key}", inner)
    elif isinstance(value, (list, tuple)):
        for i, inner in enumerate(value):
            yield from _walk(f"{where}[{i}]", inner)


def check_brief(brief: Brief, articles: Sequence[Article]) -> None:
    """Raise ``CitationError`` naming the section and sentence of the first bad citation or quote.

    Every emitted text needs at least one citation that resolves to its stored
    sentence span, and every quoted phrase must be verbatim in a cited sentence.
    The text itself may differ from the cited sentence: the extractive writer
    emits the sentence or a contiguous substring of it (a wire dateline
    dropped), which is still the source's own wording; an LLM writer may
    paraphrase, and its own checks decide how far.
    """
    by_id = {a.id: a for a in articles}
    for where, text, citations in cited_items(brief):
        try:
            _check_sentence(text, citations, by_id)
        except CitationError as exc:
            raise CitationError(f"{where} {text[:80]!r}: {exc}") from None


def _check_sentence(text: str, citations: Sequence[Citation], by_id: Mapping[str, Article]) -> None:
    if not citations:
        raise CitationError("has no citation")
    spans = []
    for citation in citations:
        article = by_id.get(citation.article_id) if isinstance(citation, Citation) else None
        if article is None:
            raise CitationError(f"cites unknown article {getattr(citation, 'article_id', citation)!r}")
        spans.append(resolve_citation(citation, article))
    spans = passage_spans(citations, spans)
    for phrase in quoted_phrases(text):
        if not any(phrase in span for span in spans):
            raise CitationError(f"quote {phrase!r} is not verbatim in any cited sentence")


# a factory takes the Settings (or None for defaults) and returns a ready writer
_REGISTRY: dict[str, Callable[[Any], Writer]] = {}


def register_writer(name: str, factory: Callable[[Any], Writer]) -> None:
    """Make a writer available to ``get_writer`` (built-ins register the same way)."""
    _REGISTRY[name] = factory


def available_writers() -> list[str]:
    return sorted(_REGISTRY)


def get_writer(name: str = "extractive", settings: Any = None) -> Writer:
    """The registered writer ``name`` configured from ``settings``; ``UnknownBackendError`` lists the valid names."""
    import parallax.write.extractive  # noqa: F401  registers the built-in writer

    if name not in _REGISTRY:
        raise UnknownBackendError("writer", name, available_writers())
    return _REGISTRY[name](settings)


def is_excerpt(text: str, citations: Sequence[Citation], by_id: Mapping[str, Article]) -> bool:
    """True when ``text`` is a contiguous piece of one of its cited sentences (the extractive writer's promise)."""
    return any(text in resolve_citation(c, by_id[c.article_id]) for c in citations if c.article_id in by_id)
