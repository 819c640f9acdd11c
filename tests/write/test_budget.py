"""A run's brief budget: what a full brief is estimated to cost, and which briefs fit."""

from __future__ import annotations

from datetime import UTC, datetime

from parallax.models import Article, Sentence, Story
from parallax.settings import default
from parallax.write.budget import BRIEF, NEW_ARTICLE, STORED_ARTICLE, Budget, estimate
from parallax.write.material import StoryMaterial
from parallax.write.stored import PARSE_KIND, VECTORS_KIND, Blobs


def _article(i: int, language: str = "en") -> Article:
    text = f"Rescuers pulled {i} people from the river on Monday."
    return Article(id=f"a{i}", url=f"https://x.example/{i}", title="Bridge falls", text=text, outlet="X",
                   published=datetime(2026, 9, 7, tzinfo=UTC), language=language, content_hash=f"h{i}",
                   sentences=(Sentence(0, 0, len(text)),))


class _Named:
    name = "muse"


def test_an_article_worked_out_first_costs_more_than_one_read_back():
    articles = (_article(1), _article(2), _article(3, "de"))
    material = StoryMaterial(Story("s1", tuple(a.id for a in articles)), articles)
    stored = Blobs({VECTORS_KIND: {"a1": b"", "a3": b""}, PARSE_KIND: {"a1": b""}})
    assert estimate(material, stored, _Named()) == BRIEF + NEW_ARTICLE["muse"] + 2 * STORED_ARTICLE
    tfidf = estimate(material, Blobs(), None)  # TF-IDF: the parse, at the default encoder's figure
    assert tfidf == BRIEF + 2 * NEW_ARTICLE[default("embedder")] + STORED_ARTICLE
    assert NEW_ARTICLE["minilm"] > NEW_ARTICLE["muse"]  # MiniLM encodes a sentence several times slower


def test_briefs_fit_in_order_a_smaller_one_after_one_that_does_not_and_a_ready_one_first():
    budget = Budget(2.0)
    assert [budget.spend(c) for c in (1.0, 1.5, 0.5, 0.6)] == [True, False, True, False]
    assert (budget.spent, budget.queued) == (1.5, 2)
    assert not Budget(1.0).spend(5.0)  # a story larger than the budget with articles still to work out waits
    first = Budget(1.0)
    assert first.spend(5.0, ready=True) and not first.spend(0.1, ready=True)  # ready: written when it comes first
    assert all(Budget(0.0).spend(c) for c in (9.0, 9.0))  # no limit


def test_what_is_left_of_a_budget_works_out_articles_and_a_run_that_spent_nothing_works_out_a_few():
    budget = Budget(2.0)
    assert budget.room(0.6, 4) == 4 and Budget(1.0).room(0.6, 4) == 4  # nothing spent: at least a batch
    budget.spend(0.7)
    assert budget.room(0.6, 4) == 2  # 1.3 left: two articles
    budget.spend(1.3)
    assert budget.room(0.6, 4) == 0


def _stored(writer: str, summary_writer: str | None):
    from parallax.store import StoredBrief

    provenance = {"sections": {"summary": {"writer": summary_writer}}} if summary_writer else {}
    return StoredBrief("s1", 1, writer, "h", {"provenance": provenance}, datetime(2026, 9, 7, tzinfo=UTC))


def test_a_queued_story_keeps_a_full_brief_but_not_a_lead_page_or_an_earlier_queued_page():
    from parallax.write.budget import QUEUED, keeps_its_brief
    from parallax.write.single import LABEL

    assert keeps_its_brief(_stored("extractive/25", None))
    assert not keeps_its_brief(_stored("extractive/25", LABEL))  # "one article covers this story" no longer holds
    assert not keeps_its_brief(_stored(QUEUED, LABEL)) and not keeps_its_brief(None)


class _Blobs:
    """A store's stored bytes, noting which articles' bytes were read (``article_blobs``) and which only asked for."""

    def __init__(self, held: dict[str, set[str]]):
        self.held, self.read, self.asked = held, [], []

    def article_blob_ids(self, kind, version, articles):
        self.asked.extend(a.id for a in articles)
        return {a.id for a in articles} & self.held.get(kind, set())

    def article_blobs(self, kind, version, articles):
        self.read.extend(a.id for a in articles)
        return {a.id: b"x" for a in articles if a.id in self.held.get(kind, set())}


def _story(first: int, count: int) -> StoryMaterial:
    articles = tuple(_article(i) for i in range(first, first + count))
    return StoryMaterial(Story(f"s{first}", tuple(a.id for a in articles)), articles)


def test_under_a_budget_only_the_briefs_that_fit_read_their_stored_bytes():
    from parallax.write.budget import fitting

    wide, narrow, single = _story(10, 3), _story(20, 2), _story(30, 1)
    store = _Blobs({VECTORS_KIND: {"a10", "a20", "a21"}, PARSE_KIND: {"a20", "a21"}})
    budget = Budget(BRIEF + 3 * NEW_ARTICLE["muse"])
    full = fitting(store, _Named(), [wide, narrow, single], budget)
    assert list(full) == ["s10"] and budget.queued == 1  # the second no longer fits; a one-article story is no brief
    assert set(store.read) == {"a10", "a11", "a12"} and {"a20", "a21"} <= set(store.asked)
    assert full["s10"].of(VECTORS_KIND) == {"a10": b"x"}
    unlimited = _Blobs(store.held)
    assert list(fitting(unlimited, _Named(), [wide, narrow, single], Budget(0.0))) == ["s10", "s20"]
    assert not unlimited.asked and set(unlimited.read) == {"a10", "a11", "a12", "a20", "a21"}
