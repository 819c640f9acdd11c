"""Feeds served on loopback go through ingest -> embed -> cluster -> write, on real parts."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from support.loopback import LoopbackServer

from parallax.ingest import OutletCatalog, ingest
from parallax.models import Outlet
from parallax.pipeline import run_stages
from parallax.settings import Settings
from parallax.write.extractive import ExtractiveWriter

OUTLETS = ("Tolven Evening Star", "Merrow Courier", "Drask Daily Signal")
# (title, text) per outlet and event: each outlet words the event its own way, and they disagree on a figure
EVENTS = {
    "bridge": [
        ("Old Kessel bridge collapses in Tolven",
         "The old Kessel bridge in Tolven collapsed into the river on Monday morning, city officials said. "
         "At least 41 people died and 30 were injured when the central span gave way during rush hour. "
         "Mayor Elin Varga said divers were still searching the water near the broken span."),
        ("Kessel bridge falls into river, dozens dead",
         "Dozens of commuters died on Monday when the Kessel bridge in Tolven fell into the river. "
         "Rescuers said 43 bodies had been recovered by the evening. "
         "Engineers had warned last year that the supports of the Kessel bridge were badly corroded."),
        ("Tolven mourns after Kessel bridge disaster",
         "Tolven declared three days of mourning after the Kessel bridge collapse on Monday killed 41 people. "
         "Mayor Elin Varga promised an independent inquiry into the state of the bridge. "
         "The city council is expected to order inspections of four other bridges this week."),
    ],
    "vote": [
        ("Marenland parliament approves new water tariff",
         "Marenland's parliament approved a new water tariff on Tuesday by 102 votes to 87. "
         "Households will pay about 12 percent more for water from January, the finance ministry said. "
         "Opposition leader Harald Moen called the tariff a tax on families and promised to repeal it."),
        ("Water bills to rise after tariff vote in Hessing",
         "Lawmakers in Hessing voted 102 to 87 on Tuesday to raise water charges across Marenland. "
         "The finance ministry said the average household bill would rise by 14 percent. "
         "Farm groups warned that irrigation costs could rise sharply next summer."),
        ("Tariff passes as opposition vows repeal",
         "The water tariff passed Marenland's parliament on Tuesday despite fierce opposition. "
         "Harald Moen, the opposition leader, said families could not afford the new water tariff. "
         "The tariff funds the repair of ageing pipes across the northern provinces, ministers said."),
    ],
}


def page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


def rss(title: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>Mon, 14 Sep 2026 08:00:00 GMT</pubDate></item>"
        for t, link in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'


@contextmanager
def three_outlet_feeds():
    with LoopbackServer() as server:
        feeds = []
        for n, outlet in enumerate(OUTLETS):
            items = []
            for key, versions in EVENTS.items():
                title, text = versions[n]
                items.append((title, server.add(f"/{n}/{key}.html", page(title, text))))
            feeds.append(server.add(f"/{n}/feed.xml", rss(outlet, items), "application/rss+xml"))
        yield server, feeds


@pytest.mark.slow
def test_feeds_on_loopback_become_cited_stories(store, monkeypatch):
    settings = Settings(allow_loopback=True, fetch_timeout=5.0, embedder="minilm", host_delay=0.0)
    catalog = OutletCatalog([Outlet(name=o) for o in OUTLETS])
    with three_outlet_feeds() as (_server, feeds):
        report = ingest(feeds, store, catalog, settings)
    assert (report.inserted, report.failed) == (6, 0)

    @contextmanager
    def quiet(description, total):
        yield lambda n=1: None

    run = run_stages(store, settings, quiet)
    assert (run.articles, run.stories, run.briefs_written) == (6, 2, 2)
    for story in store.stories():
        assert len(story.article_ids) == 3
        brief = store.brief(story.id).body
        cited = {c["outlet"] for s in brief["summary"] for c in s["citations"]}
        assert len(cited) >= 2
        for sentence in brief["summary"]:
            for c in sentence["citations"]:
                article = store.article(c["article_id"])
                span = article.sentences[c["sentence_index"]]
                assert (span.start, span.end) == (c["start"], c["end"])
                assert article.text[c["start"] : c["end"]]

    again = run_stages(store, settings, quiet)
    assert (again.changed_stories, again.briefs_written) == (0, 0)

    # a new writer version makes every brief stale, though no story changed
    monkeypatch.setattr(ExtractiveWriter, "version", "next")
    upgraded = run_stages(store, settings, quiet)
    assert (upgraded.changed_stories, upgraded.briefs_written) == (2, 2)
    assert {store.brief(s.id).writer for s in store.stories()} == {"extractive/next"}

    # a run capped with top writes the widest stories first and keeps them; the next run writes the rest
    monkeypatch.setattr(ExtractiveWriter, "version", "resumed")
    first = run_stages(store, settings, quiet, top=1)
    assert (first.changed_stories, first.briefs_written) == (1, 1)
    rest = run_stages(store, settings, quiet)
    assert (rest.changed_stories, rest.briefs_written) == (1, 1)
    assert {store.brief(s.id).writer for s in store.stories()} == {"extractive/resumed"}

    # a run interrupted mid-way (Ctrl-C while a model writes) keeps the briefs it saved; the next run writes the rest
    monkeypatch.setattr(ExtractiveWriter, "version", "interrupted")
    draft, drafted = ExtractiveWriter.draft, []

    def stopped_at_the_second(self, material):
        drafted.append(material.story.id)
        if len(drafted) == 2:
            raise KeyboardInterrupt
        return draft(self, material)

    monkeypatch.setattr(ExtractiveWriter, "draft", stopped_at_the_second)
    with pytest.raises(KeyboardInterrupt):
        run_stages(store, settings, quiet)
    monkeypatch.setattr(ExtractiveWriter, "draft", draft)
    assert sorted(store.brief(s.id).writer for s in store.stories()) == ["extractive/interrupted", "extractive/resumed"]
    resumed = run_stages(store, settings, quiet)
    assert (resumed.changed_stories, resumed.briefs_written) == (1, 1)
    assert store.brief(drafted[1]).writer == "extractive/interrupted"


def test_an_article_in_mixed_scripts_or_of_a_few_words_stays_alone_with_its_reason_recorded(store, tmp_path):
    import json

    same = "the old Kessel bridge in Tolven collapsed into the river on Monday morning, killing 41 people"
    mixed = ("Kessel bridge Tolven collapse Мост Кессель в Толвене обрушился утром "
             "انهار جسر كيسل في تولفين صباح الاثنين")
    records = [{"url": f"https://news{n}.example/bridge", "title": f"Kessel bridge collapses ({n})",
                "text": f"Officials said {same}. Divers searched the water near the broken span."} for n in range(3)]
    records += [{"url": "https://mixed.example/bridge", "title": "Kessel", "text": mixed},
                {"url": "https://short.example/bridge", "title": "Kessel", "text": "Infrastructure catastrophe: Tolven–Kesselbrückeneinsturz!"}]
    (tmp_path / "bridge.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    settings = Settings(story_embedder="tfidf", embedder="tfidf")
    ingest([str(tmp_path / "bridge.jsonl")], store, OutletCatalog([]), settings)

    @contextmanager
    def quiet(description, total):
        yield lambda n=1: None

    with pytest.warns(RuntimeWarning, match="TF-IDF"):
        run_stages(store, settings, quiet)
    by_url = {a.url: a for a in store.articles_since()}
    alone = {by_url[f"https://{host}.example/bridge"].id for host in ("mixed", "short")}
    assert all(len(store.story(store.story_of_article(a)).article_ids) == 1 for a in alone)
    reasons = {f.item: f.reason for f in store.failures() if f.stage == "cluster"}
    assert "mixed scripts" in reasons[by_url["https://mixed.example/bridge"].id]
    assert "too few words" in reasons[by_url["https://short.example/bridge"].id]
