"""A brief is rewritten only when its material changed (``write.changes``), and stands a bounded time otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from parallax.models import Page
from parallax.text.article import build_article
from parallax.write.changes import STALE_ARTICLES, STALE_RUNS, decide, material_change

LEAD = "Rescuers in Tolven pulled 41 bodies from the river after the Kessel bridge collapsed on Monday morning."
MORE = "Divers were still searching near the broken central span, city officials said."


def article(url: str, text: str, outlet: str, day: int = 1):
    return build_article(Page(url=url, body=text, title="Kessel bridge collapses", outlet=outlet,
                              published=datetime(2026, 9, day, 8)))


BEFORE = [article("https://wire.example/a", f"{LEAD} {MORE}", "Wire")]


def sources(*articles) -> dict[str, str]:
    return {a.id: a.outlet for a in [*BEFORE, *articles]}


def test_a_copy_that_repeats_the_brief_is_not_material():
    copy = article("https://wire.example/b", f"{LEAD} {MORE} Read more", "Wire")
    assert material_change(BEFORE, [copy], sources(copy)) == ""


def test_a_new_outlet_a_language_a_later_day_a_figure_or_a_new_sentence_is_material():
    other = article("https://ledger.example/a", f"{LEAD} {MORE}", "Ledger")
    assert material_change(BEFORE, [other], sources(other)) == "new outlet: Ledger"
    german = replace(article("https://wire.example/de", f"{LEAD} {MORE}", "Wire"), language="de")
    assert material_change(BEFORE, [german], sources(german)) == "language added: de"
    repeat = article("https://wire.example/c", f"{LEAD} {MORE}", "Wire", day=2)
    assert material_change(BEFORE, [repeat], sources(repeat)) == ""  # a repeat a day later moves nothing
    later = article("https://wire.example/f", f"{LEAD} The mayor of Tolven ordered every old bridge closed.", "Wire",
                    day=2)
    assert material_change(BEFORE, [later], sources(later)).startswith("a development on a later day: a new sentence")
    figure = article("https://wire.example/d", f"{LEAD} {MORE} The toll rose to 57 by the evening, officials said.",
                     "Wire")
    assert material_change(BEFORE, [figure], sources(figure)).startswith("a new figure")
    sentence = article("https://wire.example/e", f"{LEAD} The mayor of Tolven ordered every old bridge in the city "
                       "closed for inspection.", "Wire")
    assert material_change(BEFORE, [sentence], sources(sentence)).startswith("a new sentence")
    assert material_change(BEFORE, [], sources()) == ""


def test_a_kept_brief_stands_a_bounded_number_of_runs_and_articles():
    assert decide(True, "", 0, 0).rewrite is False  # nothing changed: the kept brief is what a rewrite gives
    assert decide(True, "", 1, 0).rewrite is False
    assert decide(True, "", 1, STALE_RUNS - 1).rewrite is True
    assert decide(True, "", STALE_ARTICLES, 0).rewrite is True
    assert decide(True, "new outlet: Ledger", 1, 0) == decide(True, "new outlet: Ledger", 1, 0)
    assert decide(True, "new outlet: Ledger", 1, 0).rewrite is True
    assert decide(False, "", 0, 0).rewrite is True  # an article the brief read changed its text
