"""What a brief reads of an article, and stores: its sentences without page furniture, a long one's first when capped."""

from __future__ import annotations

from datetime import datetime

import parallax.write.pool as pool_module
from parallax.models import Page, Story
from parallax.text.article import build_article
from parallax.write.material import StoryMaterial
from parallax.write.pool import READ_SENTENCES, read_sentences, sentence_pool
from parallax.write.stored import texts_of, vectors_version


def _long_article():
    body = " ".join(["Read more: the bridge in pictures."]
                    + [f"Rescuers in Tolven searched section {n} of the river on Monday morning." for n in range(60)])
    return build_article(Page(url="https://wire.example/long", body=body, title="Tolven search goes on",
                              outlet="Wire", published=datetime(2026, 9, 7, 8)))


def test_a_brief_reads_every_sentence_but_furniture_and_stores_vectors_of_those(monkeypatch):
    article = _long_article()
    read = read_sentences(article)
    assert READ_SENTENCES == 0 and [i for i, _ in read] == list(range(1, len(article.sentences)))  # furniture skipped
    assert texts_of(article) == [article.title] + [text for _, text in read]
    pool = sentence_pool(StoryMaterial(Story("s", (article.id,)), (article,)))
    assert [(r.index, r.text) for r in pool.refs] == read
    minilm = type("E", (), {"name": "minilm"})()
    assert vectors_version(minilm) == "minilm+read-all"
    monkeypatch.setattr(pool_module, "READ_SENTENCES", 40)  # a cap: only the first sentences, and stored as such
    assert [i for i, _ in read_sentences(article)] == list(range(1, 40)) and vectors_version(minilm) == "minilm+read-40"
