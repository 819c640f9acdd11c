"""What following needs from a store: subscribed feeds' list entries and the merge lineage of stories."""

from __future__ import annotations

from parallax.models import Story
from parallax.store.base import Subscription


def test_subscriptions_round_trip_in_list_order_and_are_replaced(store):
    assert store.subscriptions() == []
    b = Subscription("https://b.example/rss", "B world", "B Times", ("Europe", "Daily"), 0,
                     (("type", "rss"), ("note", "ünïcode")))
    a = Subscription("https://a.example/atom", "A", "A Radio", (), 1)
    store.save_subscriptions([a, b])
    assert store.subscriptions() == [b, a]
    moved = Subscription(a.url, "A renamed", "A Radio", ("Wire",), 0)
    store.save_subscriptions([moved])
    assert store.subscriptions() == [moved, b]


def test_a_merged_story_names_its_successor_and_the_successor_its_merged(store):
    store.save_stories([Story("s-old", ("a1",)), Story("s-new", ("a2",)), Story("s-other", ("a3",))])
    assert store.story_successor("s-old") is None and store.stories_merged_into("s-new") == []
    store.retire_stories({"s-old": "s-new"})
    assert store.story_successor("s-old") == "s-new"
    assert store.story_successor("s-new") is None and store.story_successor("s-unknown") is None
    assert store.stories_merged_into("s-new") == ["s-old"]
    assert "s-old" not in store.story_ids()
