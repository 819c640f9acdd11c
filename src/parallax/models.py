"""The types that flow through the pipeline, one per step.

``FeedItem -> Page -> Article -> Story -> Brief``. All are frozen dataclasses:
stage logic takes them and returns new ones, never mutating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

OWNERSHIP_KINDS = ("state", "public", "private", "party", "wire")
LEANINGS = ("left", "center-left", "center", "center-right", "right")
FACTUAL_RATINGS = ("high", "mixed", "low")
# where a fact about an outlet comes from, most trusted first ("given": --outlet or the record itself)
FACT_SOURCES = ("given", "catalog", "dataset", "page", "feed", "url", "language", "inferred")


@dataclass(frozen=True)
class OutletFact:
    """How one attribute of an outlet is known: its source, a confidence in [0, 1] and a note.

    A fact with an empty ``source`` records why the attribute is not known."""

    attribute: str
    source: str
    confidence: float = 0.0
    note: str = ""


@dataclass(frozen=True)
class Outlet:
    """A news organisation: what the catalog, its pages and its URLs say about it."""

    name: str
    domain: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, upper case
    language: str = ""  # ISO 639-1, the main one
    ownership: str = ""  # one of OWNERSHIP_KINDS, or "" when unknown
    leaning: str = ""  # one of LEANINGS, or "" when unknown
    description: str = ""  # the public fact the catalog row rests on
    owner: str = ""
    family: str = ""  # outlets under one owner or syndication network share it
    languages: tuple[str, ...] = ()  # every language it publishes in, the main one first
    factual: str = ""  # one of FACTUAL_RATINGS, or "" when unknown
    provenance: tuple[OutletFact, ...] = ()

    def fact(self, attribute: str) -> OutletFact | None:
        """How ``attribute`` is known (or why it is not), if recorded."""
        return next((f for f in self.provenance if f.attribute == attribute), None)

    @property
    def voice(self) -> str:
        """Who speaks: the family when the outlet has one (a family counts once), else the outlet."""
        return self.family or self.name


@dataclass(frozen=True)
class FeedItem:
    """One entry of an RSS or Atom feed, before its page is fetched."""

    feed_url: str
    url: str
    title: str = ""
    summary: str = ""
    published: datetime | None = None
    source: str = ""  # the outlet an aggregating feed names in the item's <source>


# What a page or feed says about its outlet, as (kind, name) pairs: ("given", --outlet or the record's own),
# ("feed", the feed's title), ("source", an item's <source>), or a page key such as ("og:site_name", "BBC News").
OutletHints = tuple[tuple[str, str], ...]


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
    date_precision: str = ""  # "time", "day", "month" or "year" when ``published`` is set
    notes: tuple[str, ...] = ()  # what was changed or guessed on the way in (encoding, date, truncation)
    outlet_hints: OutletHints = ()


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
    date_precision: str = ""  # "time", "day", "month" or "year" when ``published`` is set
    notes: tuple[str, ...] = ()  # warnings kept with the article: encoding guessed, date refused, text cut
    version: int = 1  # grows each time a re-ingest changes the article; earlier versions are kept
    outlet_hints: OutletHints = field(default=(), compare=False)  # carried from the page; not stored

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
    left_out: tuple[tuple[str, str], ...] = ()  # (section, why the brief has none): never a guess in its place
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
