"""The store contract: every backend must pass these (SQLite now; PostgreSQL later)."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from parallax.models import Failure, Outlet, OutletFact, Page, Story
from parallax.store import StoredBrief
from parallax.text.article import build_article


def make_article(n: int, outlet: str = "Valdoria Public Radio", day: int = 1, text: str | None = None):
    body = text or (
        f"Report number {n} describes the harbour works in Merrow. Officials said the pier would reopen. "
        f"Engineers counted {n} damaged cranes along the quay."
    )
    return build_article(Page(url=f"https://vpr.example/{n}", body=body, title=f"Harbour report {n}",
                              outlet=outlet, published=datetime(2026, 9, day)))


def test_new_store_is_migrated_to_latest_version(store):
    from parallax.store.migrations import MIGRATIONS

    assert store.schema_version() == len(MIGRATIONS)


def test_reopening_keeps_data_and_does_not_remigrate(tmp_path):
    from parallax.store.sqlite import SQLiteStore

    first = SQLiteStore(tmp_path / "x.db")
    first.upsert_articles([make_article(1)])
    first.close()
    again = SQLiteStore(tmp_path / "x.db")
    assert again.counts().articles == 1
    again.close()


def test_upsert_is_idempotent_and_detects_changes(store):
    a = make_article(1)
    assert store.upsert_articles([a, make_article(2)]).inserted == 2
    assert store.upsert_articles([a]).unchanged == 1
    changed = make_article(1, text="A corrected report on the harbour works in Merrow. The pier stays shut for now.")
    assert changed.id == a.id
    assert store.upsert_articles([changed]).updated == 1
    assert store.article(a.id).text.startswith("A corrected report")
    assert store.counts().articles == 2


def test_article_round_trip_keeps_sentence_spans(store):
    a = make_article(7)
    store.upsert_articles([a])
    back = store.article(a.id)
    assert back == a
    assert [back.sentence_text(s.index) for s in back.sentences] == [
        a.text[s.start : s.end] for s in a.sentences
    ]


def test_articles_since_is_in_published_order(store):
    store.upsert_articles([make_article(1, day=5), make_article(2, day=2), make_article(3, day=9)])
    assert [a.url[-1] for a in store.articles_since()] == ["2", "1", "3"]
    assert [a.url[-1] for a in store.articles_since(datetime(2026, 9, 4))] == ["1", "3"]


def test_full_text_search_finds_words_and_stems(store):
    store.upsert_articles([make_article(1), make_article(2, text="Farmers protested grain prices in Drask today. Police watched.")])
    found = store.search_articles("protest grain")
    assert [a.url for a in found] == ["https://vpr.example/2"]
    assert store.search_articles("   ") == []
    assert store.search_articles('"; DROP TABLE articles; --') == []


def test_outlets_upsert_and_lookup(store):
    store.upsert_outlets([Outlet("Corvania State News Agency", "csna.example", "XC", "en", "state")])
    store.upsert_outlets([Outlet("Corvania State News Agency", "csna.example", "XC", "en", "state", "right")])
    assert store.outlet("Corvania State News Agency").leaning == "right"
    assert store.outlet("nobody") is None
    assert len(store.outlets()) == 1


def test_outlet_identity_round_trips_with_its_provenance(store):
    facts = (OutletFact("country", "url", 0.9, "the country domain .ru"), OutletFact("factual", "", 0.0, "not rated"))
    outlet = Outlet("Пример", "xn--e1afmkfd.xn--p1ai", "RU", "ru", "state", "", "fact", owner="Rossiya Segodnya",
                    family="Rossiya Segodnya", languages=("ru", "en"), factual="mixed", provenance=facts)
    store.upsert_outlets([outlet])
    assert store.outlet("Пример") == outlet and store.outlets() == [outlet]


def test_embeddings_are_reused_only_for_the_same_content(store):
    a = make_article(1)
    store.upsert_articles([a])
    store.save_embeddings("m", [(a.id, a.content_hash, np.ones(4, np.float32))])
    assert np.array_equal(store.embeddings("m", [a])[a.id], np.ones(4, np.float32))
    assert store.embeddings("other-model", [a]) == {}
    changed = make_article(1, text="Entirely different words about a different harbour in Tolven. Nothing else.")
    assert store.embeddings("m", [changed]) == {}


def test_story_versions_grow_only_when_membership_changes(store):
    store.upsert_articles([make_article(i) for i in (1, 2, 3)])
    ids = [make_article(i).id for i in (1, 2, 3)]
    first = store.save_stories([Story("s1", tuple(ids[:2]), title="Harbour")])[0]
    assert first.version == 1
    assert store.save_stories([Story("s1", tuple(reversed(ids[:2])), title="Harbour")])[0].version == 1
    grown = store.save_stories([Story("s1", tuple(ids), title="Harbour")])[0]
    assert grown.version == 2
    assert [v for v, _, _ in store.story_versions("s1")] == [1, 2]
    assert set(store.story("s1").article_ids) == set(ids)
    assert store.story_of_article(ids[2]) == "s1"


def test_stories_order_and_merge_retirement(store):
    store.upsert_articles([make_article(i, outlet=f"Outlet {i}", day=i) for i in (1, 2, 3)])
    ids = [make_article(i).id for i in (1, 2, 3)]
    store.save_stories([Story("big", tuple(ids[:2])), Story("late", (ids[2],), last_published=datetime(2026, 9, 3))])
    assert [s.id for s in store.stories(order="coverage")] == ["big", "late"]
    assert store.stories(order="recency")[0].id == "late"
    with pytest.raises(ValueError, match="valid: coverage"):
        store.stories(order="sideways")
    store.retire_stories({"late": "big"})
    assert [s.id for s in store.stories()] == ["big"]


def test_reprints_do_not_count_as_independent_outlets(store):
    store.upsert_articles([make_article(1, outlet="Wire"), make_article(2, outlet="Reprinter")])
    ids = (make_article(1).id, make_article(2).id)
    store.save_stories([Story("s", ids, reprints=((ids[1], ids[0]),))])
    assert store.story("s").reprints == ((ids[1], ids[0]),)
    assert store.counts().stories == 1


def test_briefs_are_kept_per_version(store):
    for version in (1, 2):
        store.save_brief(StoredBrief("s1", version, "extractive/1", f"h{version}", {"v": version}, datetime(2026, 9, 1)))
    assert store.brief("s1").body == {"v": 2}
    assert store.brief("s1", 1).body == {"v": 1}
    assert store.brief_versions("s1") == [1, 2]
    assert store.brief_writers("s1") == {1: "extractive/1", 2: "extractive/1"}
    assert store.brief("unknown") is None
    assert store.brief_writers("unknown") == {}


def test_a_rewritten_brief_replaces_the_one_for_its_version(store):
    store.save_brief(StoredBrief("s1", 1, "extractive/1", "h", {"v": 1}, datetime(2026, 9, 1)))
    store.save_brief(StoredBrief("s1", 1, "llm/1@p1", "h", {"v": "llm"}, datetime(2026, 9, 2)))
    assert store.brief_writers("s1") == {1: "llm/1@p1"}
    assert store.brief("s1").body == {"v": "llm"}


def test_failures_are_recorded_and_counted_by_stage(store):
    store.record_failure(Failure("ingest", "bad.jsonl:3", "not JSON"))
    store.record_failure(Failure("write", "s1", "dangling citation"))
    assert store.counts().failures == {"ingest": 1, "write": 1}
    assert store.failures()[0].item == "s1"


def test_a_changed_article_keeps_its_earlier_version(store):
    a = make_article(1)
    store.upsert_articles([a])
    changed = make_article(1, text="A corrected report on the harbour works in Merrow. The pier stays shut for now.")
    assert store.upsert_articles([changed]).updated == 1
    now = store.article(a.id)
    assert now.version == 2 and now.text.startswith("A corrected report")
    [earlier] = store.article_versions(a.id)
    assert (earlier.version, earlier.text, earlier.changed) == (1, a.text, ("text",))
    assert earlier.replaced_at is not None


def test_a_re_ingest_without_a_field_keeps_the_stored_value(store):
    from dataclasses import replace

    a = replace(make_article(1), date_precision="day")
    store.upsert_articles([a])
    undated = replace(a, published=None, date_precision="", outlet="")
    assert store.upsert_articles([undated]).unchanged == 1
    back = store.article(a.id)
    assert (back.published, back.date_precision, back.outlet, back.version) == (a.published, "day", a.outlet, 1)
    month = replace(a, published=datetime(2026, 8, 1), date_precision="month")
    assert store.upsert_articles([month]).updated == 1
    assert store.article(a.id).date_precision == "month"
    assert store.article_versions(a.id)[0].changed == ("published", "date_precision")


def test_the_same_article_twice_in_one_batch_is_one_row_with_a_version(store):
    a = make_article(1)
    changed = make_article(1, text="A second account of the harbour works in Merrow. Officials said little.")
    counts = store.upsert_articles([a, changed])
    assert (counts.inserted, counts.updated) == (1, 0)
    assert store.article(a.id).version == 2 and len(store.article_versions(a.id)) == 1


def test_article_summaries_list_every_article_without_text(store):
    from dataclasses import replace

    store.upsert_articles([replace(make_article(1), notes=("date: 'x' stored as unknown",)), make_article(2)])
    first, second = store.article_summaries()
    assert (first.url, first.characters, first.version) == ("https://vpr.example/1", len(make_article(1).text), 1)
    assert first.notes == ("date: 'x' stored as unknown",) and second.notes == ()
    assert [s.url for s in store.article_summaries(limit=1, offset=1)] == ["https://vpr.example/2"]


def test_a_merged_story_id_resolves_to_the_story_it_joined(store):
    from parallax.store.base import standing_story_id

    store.upsert_articles([make_article(i, outlet=f"Outlet {i}", day=i) for i in (1, 2, 3)])
    ids = [make_article(i).id for i in (1, 2, 3)]
    store.save_stories([Story("a", (ids[0],)), Story("b", (ids[1],)), Story("c", (ids[2],))])
    store.retire_stories({"c": "b"})
    store.retire_stories({"b": "a"})
    assert store.story_successor("c") == "b" and store.story_successor("a") is None
    assert standing_story_id(store, "c") == standing_story_id(store, "b") == "a"
    assert standing_story_id(store, "nowhere") == "nowhere"
