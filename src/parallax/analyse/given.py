"""Per-article analysis given to a brief's writing from the store, instead of worked out again at each rewrite.

The brief driver (``write.stored``) reads each article's stored parse, attributions, figures and the parse's
signals for the claim model, gives them here
for the writing (``giving``), and saves what the writing had to work out itself (``recording``). A reader asks
through ``worked_out(kind, article, make)``. A kind's value is keyed by what it depends on (``KEYS``): the
article's id and content, and for attributions and figures its outlet and language (their citations name the
outlet), for figures also its day (a figure holds on the day its page gives it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from parallax.models import Article

PARSE, SIGNALS, ATTRIBUTIONS, FIGURES = "parse", "signals", "attributions", "figures"
KEYS = {PARSE: ("id", "content_hash"),
        SIGNALS: ("id", "content_hash", "language"),
        ATTRIBUTIONS: ("id", "content_hash", "outlet", "language"),
        FIGURES: ("id", "content_hash", "outlet", "language", "published")}

_given: dict[tuple, object] = {}
_records: list[dict[tuple, tuple[Article, object]]] = []


def key(kind: str, article: Article) -> tuple:
    return (kind, *(getattr(article, name) for name in KEYS[kind]))


def given(kind: str, article: Article):
    """The value of ``kind`` given for ``article`` as it now is, or None."""
    return _value(key(kind, article))


def _value(found: tuple):
    value = _given.get(found)
    if isinstance(value, _Stored):  # read from its stored form when first asked for
        value = _given[found] = value.decode(value.body)
    return value


class _Stored:
    """A value given in its stored form, read when first asked for (most rewrites never ask for an old parse)."""

    def __init__(self, body, decode: Callable) -> None:
        self.body, self.decode = body, decode


def worked_out(kind: str, article: Article, make: Callable[[Article], object]):
    """The value given for the article, else ``make(article)``, noted for the ``recording`` blocks around."""
    found = key(kind, article)
    if found in _given:
        return _value(found)
    value = make(article)
    for record in _records:
        record[found] = (article, value)
    return value


@contextmanager
def giving(kind: str, values: Mapping[Article, object], decode: Callable | None = None) -> Iterator[None]:
    """Within the block, ``given`` and ``worked_out`` answer with these values (with ``decode``: their stored forms,
    each read when first asked for)."""
    keys = [key(kind, a) for a in values]
    _given.update(zip(keys, values.values() if decode is None else (_Stored(v, decode) for v in values.values())))
    try:
        yield
    finally:
        for found in keys:
            _given.pop(found, None)


@contextmanager
def recording() -> Iterator[dict[tuple, tuple[Article, object]]]:
    """Within the block, what ``worked_out`` makes (not what it was given), by key: (article, value)."""
    record: dict[tuple, tuple[Article, object]] = {}
    _records.append(record)
    try:
        yield record
    finally:
        _records.remove(record)
