"""``migrate_store`` moves every table between SQLite and PostgreSQL and proves nothing was lost."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from parallax.errors import StoreError
from parallax.models import Failure, Outlet, Page, Story
from parallax.store.base import FeedState, SeenItem, StoredBrief
from parallax.store.postgres import PostgresStore
from parallax.store.sqlite import SQLiteStore
from parallax.store.tables import TABLES
from parallax.store.transfer import migrate_store
from parallax.text.article import build_article


def _articles():
    bodies = ["The ferry to Orsk was cancelled on Friday. Winds reached ninety kilometres an hour.",
              "Grain prices rose for a third week. Traders blamed the dry summer in the south.",
              "A new library opened in Tolven. It holds forty thousand books and a café — très chic."]
    return [build_article(Page(url=f"https://news{i}.example/{i}", body=b, title=f"Headline {i}",
                               outlet=f"Outlet {i % 2}", published=datetime(2026, 9, 1 + i, 7, 30, 15, 250)))
            for i, b in enumerate(bodies)] + [
        build_article(Page(url="https://undated.example/x", body="Nobody dated this page. It still counts.",
                           title="Undated", outlet="Outlet 0"))]


def _fill(store) -> list:
    arts = _articles()
    store.upsert_outlets([Outlet("Outlet 0", "news0.example", "NL", "en", "public", "center", "A paper"),
                          Outlet("Outlet 1")])
    store.upsert_articles(arts)
    rng = np.random.default_rng(7)
    for model, dim in (("minilm@1", 8), ("tfidf@1", 5)):
        store.save_embeddings(model, [(a.id, a.content_hash, rng.standard_normal(dim).astype(np.float32))
                                      for a in arts])
    store.save_stories([Story("s-a", (arts[0].id,), title="Ferry"), Story("s-b", (arts[1].id,), title="Grain")])
    store.save_stories([Story("s-a", (arts[0].id, arts[2].id), title="Ferry", reprints=((arts[2].id, arts[0].id),))])
    store.retire_stories({"s-b": "s-a"})
    for version in (1, 2):
        store.save_brief(StoredBrief("s-a", version, "extractive/1", f"h{version}",
                                     {"title": "Ferry", "summary": ["ünïcode", version]}, datetime(2026, 9, 5, version)))
    store.save_article_analysis("language", "language-1", [(a, {"loaded": 0.25, "n": i}) for i, a in enumerate(arts)])
    store.save_story_analysis("s-a", 2, "claims", "v1", {"claims": [{"text": "closed", "by": ["Outlet 0"]}]})
    store.save_outlet_profile("Outlet 0", "v1", {"leaning": "center"})
    for n in range(3):
        store.record_failure(Failure("ingest", f"https://bad.example/{n}", "HTTP status 404", datetime(2026, 9, 1, n)))
    store.save_feed_state(FeedState("https://news0.example/rss", "News 0", '"e1"', "", datetime(2026, 9, 1, 6), 200))
    store.mark_items([SeenItem("https://news0.example/0", "https://news0.example/rss", "stored",
                               at=datetime(2026, 9, 1, 6))])
    return arts


def _view(store, arts) -> dict:
    """What the pipeline and web UI read back, through the Store interface."""
    return {
        "outlets": store.outlets(), "articles": store.articles_since(), "counts": store.counts(),
        "vectors": {m: {k: v.tolist() for k, v in store.embeddings(m, arts).items()} for m in ("minilm@1", "tfidf@1")},
        "stories": store.stories(), "ids": store.story_ids(), "versions": store.story_versions("s-a"),
        "briefs": [store.brief("s-a", v) for v in store.brief_versions("s-a")],
        "analysis": store.article_analysis("language", "language-1", arts),
        "story_analysis": store.story_analysis("s-a", "claims"), "profile": store.outlet_profile("Outlet 0"),
        "failures": store.failures(), "feeds": store.feeds(), "seen": store.seen_items(["https://news0.example/0"]),
        "search": [a.id for a in store.search_articles("ferry")],
    }


def test_sqlite_to_postgres_and_back_loses_nothing(tmp_path, pg_url):
    source = SQLiteStore(tmp_path / "source.db")
    arts = _fill(source)
    target = PostgresStore(pg_url)
    batches: list[tuple[str, int]] = []
    report = migrate_store(source, target, on_item=lambda table, n: batches.append((table, n)))
    assert report.ok, report.differences
    assert [t.table for t in report.tables] == [t.name for t in TABLES]
    assert report.rows("articles") == 4 and report.rows("embeddings") == 8 and report.rows("story_versions") == 3
    assert ("sentences", report.rows("sentences")) in batches
    assert _view(target, arts) == _view(source, arts)

    back = SQLiteStore(tmp_path / "back.db")
    assert migrate_store(target, back).ok
    assert _view(back, arts) == _view(source, arts)
    for store in (source, target, back):
        store.close()


def test_a_target_with_data_is_refused(tmp_path):
    source, target = SQLiteStore(tmp_path / "a.db"), SQLiteStore(tmp_path / "b.db")
    _fill(source)
    target.upsert_outlets([Outlet("Somebody")])
    with pytest.raises(StoreError, match="not empty.*outlets"):
        migrate_store(source, target)


class _LossyStore:
    """A target that silently drops the last row of every embeddings batch: the check must notice."""

    def __init__(self, inner: SQLiteStore):
        self._inner = inner

    def read_table(self, table, batch=1000):
        return self._inner.read_table(table, batch)

    def write_table(self, table, rows):
        self._inner.write_table(table, rows[:-1] if table.name == "embeddings" else rows)


def test_a_lost_row_is_reported(tmp_path):
    source = SQLiteStore(tmp_path / "a.db")
    _fill(source)
    report = migrate_store(source, _LossyStore(SQLiteStore(tmp_path / "b.db")))
    assert not report.ok
    assert report.differences == ["embeddings: 8 rows -> 7 rows, content hash differs"]
