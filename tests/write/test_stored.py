"""What a brief reads of an article, and stores: its sentences without page furniture, a long one's first when capped."""

from __future__ import annotations

import json
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


def test_an_articles_signals_attributions_and_figures_come_back_from_their_stored_form_only_for_the_article_as_it_is():
    from dataclasses import replace

    from parallax.analyse.given import ATTRIBUTIONS, FIGURES, SIGNALS
    from parallax.analyse.statements import _read_every_sentence
    from parallax.analyse.who import extract_attributions
    from parallax.write.sections.reported import _article_figures
    from parallax.write.stored import _decoded, _encoded

    body = ("Rescuers in Tolven pulled 41 bodies from the river after the old Kessel bridge collapsed on Monday, "
            "city officials said. \"We will mourn for three days,\" said Mayor Anna Brandt. The toll rose to 44 by "
            "Monday night, the fire service said, and 1,200 people left their homes.")
    article = build_article(Page(url="https://wire.example/kessel", body=body, title="Kessel bridge collapses",
                                 outlet="Wire", published=datetime(2026, 9, 7, 8)))
    made = {ATTRIBUTIONS: extract_attributions(article), FIGURES: _article_figures(article),
            SIGNALS: _read_every_sentence(article)}
    assert made[ATTRIBUTIONS] and made[FIGURES] and len(made[SIGNALS]) == len(article.sentences)
    for kind, value in made.items():
        stored = {article.id: json.dumps(_encoded(kind, article, value)).encode()}
        assert _decoded(kind, stored, [article]) == {article: value}
        moved = replace(article, outlet="Courier")  # its citations would name the old outlet: worked out again
        redated = replace(article, published=datetime(2026, 9, 8, 8))  # a figure holds on its page's day
        assert _decoded(kind, stored, [moved]) == {} and _decoded(kind, stored, [redated]) == {}
