"""What an attribution relation is: a source, a cue and a content span in one sentence, and the speaker behind it.

Both readers build these: the English rules and parser (``attribution``) and the
speech-verb tables of other languages (``speech``).
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.models import Article, Citation


@dataclass(frozen=True)
class Span:
    """``article.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribution:
    """One attribution relation and the speaker behind it."""

    article_id: str
    sentence_index: int
    source: Span
    cue: Span
    content: Span
    direct: bool  # the content quotes the speaker's words
    name: str
    title: str
    affiliation: str
    actor: str  # the speaker's name as the story shows it ("" when the article does not say who it is)
    citation: Citation
    key: str = ""  # who the speaker is across the story: person:first|surname, org:name or country:CODE
    quotation: tuple[int, ...] = ()  # (first, last) sentence of the quotation it belongs to, when that runs over several


def trim(text: str, start: int, end: int, strip: str = " \n\t,;:") -> tuple[int, int]:
    """``(start, end)`` with the characters of ``strip`` taken off both ends of ``text[start:end]``."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def span_in(article: Article, offset: int, local: tuple[int, int]) -> Span:
    """The span ``local`` of the sentence that starts at ``offset``, trimmed, as a span of the article."""
    start, end = trim(article.text, offset + local[0], offset + local[1])
    return Span(start, end, article.text[start:end])


def sentence_citation(article: Article, index: int) -> Citation:
    """The citation of sentence ``index`` of ``article``."""
    sentence = article.sentences[index]
    return Citation(article.id, article.outlet, index, sentence.start, sentence.end)
