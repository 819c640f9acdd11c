"""The listing queries the web UI needs: story outlines, an outlet's articles, article counts by outlet."""

from __future__ import annotations

from datetime import datetime

import pytest

from parallax.models import Page, Story
from parallax.text.article import build_article

QUERIES = ("story_outlines", "outlet_articles", "article_counts_by_outlet")


@pytest.fixture
def queries(store):
    """The backend under test, skipped while it lacks these queries (PostgreSQL is catching up)."""
    missing = [name for name in QUERIES if not hasattr(store, name)]
    if missing:
        pytest.skip(f"{type(store).__name__} has no {', '.join(missing)} yet")
    return store


def _article(n: int, outlet: str, day: int | None):
    published = datetime(2026, 9, day, 8) if day else None
    body = f"Story number {n} happened on a quiet morning in the harbour town. Reporters wrote about it all day."
    page = Page(url=f"https://{outlet.lower()}.example/{n}", body=body, title=f"Item {n}", outlet=outlet,
                published=published)
    return build_article(page)


def _fill(store):
    arts = [_article(1, "Alpha", 14), _article(2, "Beta", 15), _article(3, "Alpha", 16), _article(4, "Alpha", None)]
    store.upsert_articles(arts)
    a1, a2, a3, a4 = arts
    store.save_stories([
        Story("s-one", (a1.id, a2.id), title="One", first_published=datetime(2026, 9, 14),
              last_published=datetime(2026, 9, 15), reprints=((a2.id, a1.id),)),
        Story("s-two", (a3.id,), title="Two"),
        Story("s-gone", (a4.id,), title="Merged away"),
    ])
    store.retire_stories({"s-gone": "s-two"})
    return arts


def test_story_outlines_hold_members_without_text(queries):
    a1, a2, a3, _ = _fill(queries)
    outlines = {o.id: o for o in queries.story_outlines()}
    assert set(outlines) == {"s-one", "s-two"}
    one = outlines["s-one"]
    assert one.version == 1 and one.last_published == datetime(2026, 9, 15)
    members = {m.article_id: m for m in one.members}
    assert set(members) == {a1.id, a2.id}
    assert members[a2.id].outlet == "Beta" and members[a2.id].reprint_of == a1.id
    assert members[a1.id].published == datetime(2026, 9, 14, 8) and members[a1.id].reprint_of is None
    assert [m.article_id for m in outlines["s-two"].members] == [a3.id]


def test_outlet_articles_newest_first_undated_last(queries):
    a1, _, a3, a4 = _fill(queries)
    assert [a.id for a in queries.outlet_articles("Alpha")] == [a3.id, a1.id, a4.id]
    assert [a.id for a in queries.outlet_articles("Alpha", limit=1)] == [a3.id]
    assert queries.outlet_articles("Nobody") == []
    assert queries.outlet_articles("Alpha")[0].sentences


def test_article_counts_by_outlet(queries):
    _fill(queries)
    assert queries.article_counts_by_outlet() == {"Alpha": 3, "Beta": 1}


def test_story_outlines_read_only_the_newest_stories(queries):
    _fill(queries)
    assert [o.id for o in queries.story_outlines(newest=1)] == ["s-one"]  # dated before undated
    assert {o.id for o in queries.story_outlines(newest=2)} == {"s-one", "s-two"}
    assert [o.id for o in queries.story_outlines(newest=5, before=datetime(2026, 9, 16))] == ["s-one"]
    assert queries.story_outlines(newest=5, before=datetime(2026, 9, 15)) == []  # it ended on the 15th
