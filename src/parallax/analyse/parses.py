"""An article's English parse as bytes (spaCy's ``DocBin``), so a story's brief reads it instead of parsing again.

Every reader of an article's parse goes through ``entities.article_actors``, which takes the parse ``given`` here
for the article, when there is one, before it parses the article itself. The brief driver reads the stored parses
of a story's articles, parses (and stores) only the articles that have none, and gives them for the writing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from parallax.analyse import given as _given_analysis
from parallax.models import Article


def parse_version() -> str:
    """What a stored parse was made by: the pipeline's name and spaCy's version (a new one parses again)."""
    import spacy

    from parallax.analyse.who.entities import MODEL

    return f"{MODEL}+spacy-{spacy.__version__}"


def parsed(article: Article) -> bool:
    """Whether the parser reads the article: English, with sentences."""
    return article.language == "en" and bool(article.sentences)


def parse(article: Article) -> tuple:
    """The parse of each of the article's sentences (empty for a language other than English)."""
    from parallax.analyse.who.entities import nlp

    if not parsed(article):
        return ()
    return tuple(nlp().pipe(article.sentence_text(s.index) for s in article.sentences))


def to_bytes(docs: tuple) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=docs).to_bytes()


def from_bytes(data: bytes) -> tuple:
    from spacy.tokens import DocBin

    from parallax.analyse.who.entities import nlp

    return tuple(DocBin().from_bytes(data).get_docs(nlp().vocab))


def given(article: Article) -> tuple | None:
    """The parse given for ``article`` (its current content), or None."""
    return _given_analysis.given(_given_analysis.PARSE, article)


@contextmanager
def giving(parses: Mapping[Article, tuple | bytes]) -> Iterator[None]:
    """Within the block, ``given`` answers with these parses (``analyse.given``); one given as bytes is read from
    them when first asked for."""
    docs = {a: p for a, p in parses.items() if not isinstance(p, bytes)}
    stored = {a: p for a, p in parses.items() if isinstance(p, bytes)}
    with _given_analysis.giving(_given_analysis.PARSE, docs), \
            _given_analysis.giving(_given_analysis.PARSE, stored, from_bytes):
        yield
