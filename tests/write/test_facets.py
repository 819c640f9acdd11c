"""Facets of a running story, read by the real multilingual encoder (e5) against the prototype table."""

import pytest

from parallax.models import Outlet, Page, Story
from parallax.text.article import build_article
from parallax.write.facets import facet_of
from parallax.write.material import StoryMaterial
from parallax.write.pool import sentence_pool


def _pool(text: str, vectors=None):
    article = build_article(Page(url="https://a.example/1", body=text, title="", outlet="a"))
    return sentence_pool(StoryMaterial(Story("s", (article.id,)), (article,), {"a": Outlet("a", "a.example")}, {},
                                       vectors, "e5" if vectors else "tfidf"))


@pytest.fixture(scope="module")
def e5():
    from parallax.embed import get_embedder

    return get_embedder("e5").embed_batch


def test_developments_are_told_apart_in_two_languages(e5):
    pool = _pool("Police in Kerrow arrested a second suspect in the stabbing on Tuesday. "
                 "Rescue teams pulled three survivors from the rubble of the collapsed school in Kerrow. "
                 "Die Zahl der Toten in Kerrow ist auf 31 gestiegen.", e5)
    assert [facet_of(pool, i, floor=0.0) for i in range(3)] == ["investigation", "rescue", "toll"]


def test_without_an_encoder_no_facet_is_guessed():
    pool = _pool("Police in Kerrow arrested a second suspect in the stabbing on Tuesday.")
    assert facet_of(pool, 0, floor=0.0) == ""
