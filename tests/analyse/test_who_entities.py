"""A long ``run --every`` process forgets the words and parses of each run once it is over."""

from __future__ import annotations

from parallax.analyse.who.entities import article_actors, nlp, transient_parses
from parallax.models import Page
from parallax.text.article import build_article


def _article():
    body = ("Minister Zorblaxian Quuxworth said the harbour flooded on Tuesday. "
            "He told reporters the Vlimmerbrook dam held.")
    return build_article(Page(url="https://zone.example/1", title="Flood", outlet="Zone", body=body))


def test_words_parsed_during_a_run_are_freed_after_it():
    article = _article()
    nlp()
    with transient_parses():
        assert article_actors(article).mentions  # parsed, and the new words known, inside the run
        assert "Vlimmerbrook" in nlp().vocab.strings
    assert "Vlimmerbrook" not in nlp().vocab.strings
    assert article_actors.cache_info().currsize == 0  # its parses referred to those words
    assert article_actors(article).mentions  # a later parse works as before
