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
    """What a stored parse was made by: the pipeline's name and spaCy's version (a new one parses again). The version
    is read from the installed package's metadata: a process that only reads or saves stored parses (a run's main
    process) does not import spaCy (and torch under it, ~2.5 CPU s) for it."""
    from importlib.metadata import version

    from parallax.analyse.who.entities import MODEL

    return f"{MODEL}+spacy-{version('spacy')}"


def parsed(article: Article) -> bool:
    """Whether the parser reads the article: English, with sentences."""
    return article.language == "en" and bool(article.sentences)


def parse(article: Article) -> tuple:
    """The parse of each of the article's sentences (empty for a language other than English)."""
    from parallax.analyse.who.entities import nlp

    if not parsed(article):
        return ()
    return tuple(quick_ruler(nlp()).pipe(article.sentence_text(s.index) for s in article.sentences))


_TOKEN_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


def quick_ruler(nlp):
    """``nlp`` with its attribute ruler's matching done by lookup (once per pipeline): the same matches, in the same
    order, as its ``Matcher`` gives (``match``), at a tenth of its cost. A pattern of one token that tests only the
    token's tag, lower-case form, dependency label or whitespace (by value or ``IN``/``NOT_IN`` a list) is tested
    directly, found by the token's tag or form; any other pattern stays with a ``Matcher``. The ruler ran a Matcher
    of 179 patterns over every sentence: a fifth of the parse's CPU."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if ruler is None or "match" in vars(ruler):
        return nlp
    ruler.match = _Lookup(ruler)
    return nlp


class _Lookup:
    """The attribute ruler's ``match`` (spaCy's ``AttributeRuler.match``) by lookup, for one-token patterns."""

    def __init__(self, ruler) -> None:
        from spacy.matcher import Matcher

        self.ruler, self.rest = ruler, Matcher(ruler.vocab, validate=False)
        self.by_tag: dict[str, list] = {}
        self.by_lower: dict[str, list] = {}
        self.always: list = []
        for i, row in enumerate(ruler.patterns):
            key = ruler.vocab.strings[str(i)]
            tokens = row["patterns"][0] if len(row["patterns"]) == 1 else ()  # several patterns: the Matcher's
            if len(tokens) != 1 or not all(_simple(k, v) for k, v in tokens[0].items()):
                self.rest.add(key, row["patterns"])
                continue
            test = (i, key, tuple((_TOKEN_ATTRS[k], v) for k, v in tokens[0].items()))
            spec = tokens[0]
            where = (self.by_tag.setdefault(spec["TAG"], []) if isinstance(spec.get("TAG"), str)
                     else self.by_lower.setdefault(spec["LOWER"], []) if isinstance(spec.get("LOWER"), str)
                     else self.always)
            where.append(test)

    def __call__(self, doc) -> list[tuple]:
        found = [(int(self.ruler.vocab.strings[m]), m, s, e)
                 for m, s, e in self.rest(doc, allow_missing=True, as_spans=False)]
        for token in doc:
            i = token.i
            for number, key, tests in (*self.by_tag.get(token.tag_, ()), *self.by_lower.get(token.lower_, ()),
                                       *self.always):
                if all(_holds(getattr(token, name), want) for name, want in tests):
                    found.append((number, key, i, i + 1))
        found.sort()
        return found


def _simple(name: str, value) -> bool:
    return name in _TOKEN_ATTRS and (not isinstance(value, dict) or (
        len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN")))


def _holds(value, want) -> bool:
    if isinstance(want, dict):
        return (value in want["IN"]) if "IN" in want else (value not in want["NOT_IN"])
    return value == want


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
