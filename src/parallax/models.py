"""The types that flow through the pipeline, one per step.

``FeedItem -> Page -> Article -> Story -> Brief``. All are frozen dataclasses:
stage logic takes them and returns new ones, never mutating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

OWNERSHIP_KINDS = ("state", "public", "private", "nonprofit")
LEANINGS = ("left", "center-left", "center", "center-right", "right")


@dataclass(frozen=True)
class Outlet:
    """A news organisation, as the catalog describes it."""

    name: str
    domain: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, upper case
    language: str = ""  # ISO 639-1
    ownership: str = ""  # one of OWNERSHIP_KINDS, or "" when unknown
    leaning: str = ""  # one of LEANINGS, or "" when unknown
    description: str = ""


@dataclass(frozen=True)
class FeedItem:
    """One entry of an RSS or Atom feed, before its page is fetched."""

    feed_url: str
    url: str
    title: str = ""
    summary: str = ""
    published: datetime | None = None


@dataclass(frozen=True)
class Page:
    """Raw material for one article: fetched HTML, a file, or a JSON record."""

    url: str  # canonical URL, or a urn for material that has none
    body: str
    content_type: str = "text/plain"  # text/plain | text/html
    title: str = ""
    outlet: str = ""
    published: datetime | None = None
    source: str = ""  # where it came from: file path, feed URL, record id
    external_id: str = ""  # the id a JSON record carried, if any


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: ``article.text[start:end]``."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """Extracted text with sentences located by character offsets."""

    id: str
    url: str
    title: str
    text: str
    outlet: str
    published: datetime | None
    language: str
    content_hash: str
    sentences: tuple[Sentence, ...] = ()
    source: str = ""
    external_id: str = ""

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]


@dataclass(frozen=True)
class Citation:
    """Points at the exact span ``text[start:end]`` of a stored article."""

    article_id: str
    outlet: str
    sentence_index: int
    start: int
    end: int


@dataclass(frozen=True)
class Story:
    """A group of articles about one event. ``version`` grows with each change."""

    id: str
    article_ids: tuple[str, ...]
    version: int = 1
    title: str = ""
    first_published: datetime | None = None
    last_published: datetime | None = None
    updated_at: datetime | None = None
    reprints: tuple[tuple[str, str], ...] = ()  # (reprint article id, original article id)


@dataclass(frozen=True)
class CitedSentence:
    """A sentence the writer produced, with the spans that support it."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Source:
    """An article a brief used, with its outlet's facts."""

    article_id: str
    title: str
    url: str
    outlet: Outlet
    published: datetime | None
    reprint_of: str | None = None  # id of the article this one is a wire copy of


@dataclass(frozen=True)
class Provenance:
    pipeline_version: str
    writer: str
    embedder: str
    generated_at: datetime
    input_hash: str
    sections: tuple[tuple[str, str], ...] = ()  # (section, writer label such as "llm/1@brief-v1"); () = all by writer
    model: tuple[tuple[str, str], ...] = ()  # (fact, value) of the model that wrote sections: name, settings


@dataclass(frozen=True)
class Brief:
    """The story page. Sections beyond title, summary and sources grow in later work."""

    story_id: str
    story_version: int
    title: CitedSentence
    summary: tuple[CitedSentence, ...]
    sources: tuple[Source, ...]
    provenance: Provenance
    sections: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Failure:
    """An item a stage could not handle, kept with its reason."""

    stage: str
    item: str
    reason: str
    at: datetime | None = None
