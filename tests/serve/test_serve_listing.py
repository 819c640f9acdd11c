"""The story list: significance, filters by date/outlet/country/leaning, and links that keep them."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from parallax.errors import InputError
from parallax.models import Outlet
from parallax.serve.ranking import (
    StoryFilter,
    matches,
    parse_filter,
    rank_outline,
    select_stories,
    significance,
)
from parallax.store.base import StoryMember, StoryOutline


def test_significance_is_outlets_times_countries_halved_every_two_days():
    assert significance(4, 3, 0) == 12
    assert significance(4, 3, 48) == pytest.approx(6)
    assert significance(4, 3, 96) == pytest.approx(3)
    assert significance(2, 0, 0) == 2  # unknown countries count as one
    assert significance(5, 2, None) == 0


def _outline(story_id, *members, day=15):
    return StoryOutline(story_id, 1, datetime(2026, 9, day), datetime(2026, 9, day),
                        tuple(StoryMember(f"{story_id}-{i}", o, datetime(2026, 9, day), r) for i, (o, r) in
                              enumerate(members)))


OUTLETS = {"A": Outlet("A", country="GB", leaning="left"), "B": Outlet("B", country="FR", leaning="right"),
           "W": Outlet("W", country="GB", leaning="center")}


def test_reprints_do_not_make_outlets_independent():
    ranked = rank_outline(_outline("s", ("A", None), ("W", "s-0"), ("B", None)), OUTLETS)
    assert ranked.independent == {"A", "B"} and ranked.outlets == {"A", "B", "W"}
    assert ranked.countries == {"GB", "FR"} and ranked.leanings == {"left", "right"}


def test_a_family_counts_once_among_independent_outlets():
    outlets = {**OUTLETS, "R": Outlet("R", country="RU", family="Rossiya Segodnya"),
               "S": Outlet("S", country="RU", family="Rossiya Segodnya")}
    ranked = rank_outline(_outline("s", ("R", None), ("S", None), ("A", None)), outlets)
    assert ranked.independent == {"Rossiya Segodnya", "A"} and ranked.outlets == {"R", "S", "A"}
    scored = select_stories([_outline("s", ("R", None), ("S", None), ("A", None))], outlets, StoryFilter(),
                            "significance")[0]
    assert scored.significance == significance(2, 2, 0)


def test_an_older_story_needs_more_reach_to_rank_first():
    wide_old = _outline("old", ("A", None), ("B", None), day=13)  # 2 outlets × 2 countries, 48 h older: 2
    narrow_new = _outline("new", ("A", None), ("W", None), day=15)  # 2 outlets × 1 country, newest: 2 → tie
    lone_new = _outline("lone", ("A", None), day=15)  # 1
    order = [s.id for s in select_stories([lone_new, wide_old, narrow_new], OUTLETS, StoryFilter(), "significance")]
    assert order[-1] == "lone" and set(order[:2]) == {"old", "new"}
    older = _outline("older", ("A", None), ("B", None), day=11)
    order = [s.id for s in select_stories([older, narrow_new], OUTLETS, StoryFilter(), "significance")]
    assert order == ["new", "older"]


def test_date_filter_keeps_stories_with_coverage_in_range():
    story = rank_outline(StoryOutline("s", 1, datetime(2026, 9, 14, 8), datetime(2026, 9, 16, 8), ()), OUTLETS)
    assert matches(story, StoryFilter(date_from=date(2026, 9, 16)))
    assert matches(story, StoryFilter(date_to=date(2026, 9, 14)))
    assert not matches(story, StoryFilter(date_from=date(2026, 9, 17)))
    assert not matches(story, StoryFilter(date_to=date(2026, 9, 13)))


@pytest.mark.parametrize("args, named", [({"date_from": "14/09/2026"}, "from"), ({"date_to": "2026-13-01"}, "to"),
                                         ({"date_from": "2026-09-15", "date_to": "2026-09-14"}, "from"),
                                         ({"leaning": "far-out"}, "leaning"), ({"country": "Valdoria"}, "country")])
def test_bad_filters_name_the_parameter(args, named):
    with pytest.raises(InputError) as caught:
        parse_filter(**args)
    assert caught.value.item == named


def ids(client, query: str) -> list[str]:
    return [s["id"] for s in client.get(f"/stories.json?{query}").json()["stories"]]


@pytest.mark.parametrize("query, expected", [
    ("country=XV", ["s-bridge"]), ("country=us", ["s-bridge", "s-ferry"]), ("country=FR", []),
    ("outlet=Valdoria State Radio", ["s-bridge"]), ("outlet=Coastal Courier", ["s-bridge", "s-ferry"]),
    ("leaning=right", ["s-bridge"]), ("leaning=center", ["s-bridge", "s-ferry"]),
    ("from=2026-09-16", ["s-ferry"]), ("to=2026-09-15", ["s-bridge"]),
    ("from=2026-09-15&to=2026-09-15", ["s-bridge"]), ("from=2026-09-16&to=2026-09-17", []),
    ("country=US&order=recency", ["s-ferry", "s-bridge"]),
])
def test_list_filters(client, query, expected):
    assert ids(client, query) == expected


def test_significance_order_is_in_the_json(client):
    body = client.get("/stories.json?order=significance").json()
    bridge, ferry = body["stories"]
    assert body["order"] == "significance" and bridge["id"] == "s-bridge"
    # bridge: 4 outlets × 3 countries, last article 72 h before the ferry story's
    assert bridge["significance"] == pytest.approx(12 * 0.5 ** (72 / 48), rel=1e-4)
    assert ferry["significance"] == pytest.approx(1.0)


def test_pagination_links_keep_filters_and_order(client):
    first = client.get("/stories.json?country=US&order=recency&per_page=1").json()
    assert first["filters"] == {"country": "US"} and first["total"] == 2
    link = parse_qs(urlsplit(first["next"]).query)
    assert link == {"country": ["US"], "order": ["recency"], "page": ["2"], "per_page": ["1"]}
    second = client.get(first["next"]).json()
    assert [s["id"] for s in second["stories"]] == ["s-bridge"]
    html = client.get("/?country=US&order=recency&per_page=1").text
    assert 'href="/?country=US&amp;order=recency&amp;page=2&amp;per_page=1"' in html


def test_list_page_shows_the_filter_form_with_current_values(client):
    html = client.get("/?leaning=right&from=2026-09-14").text
    assert '<option selected>right</option>' in html and 'value="2026-09-14"' in html
    assert "match the filters" in html and "Porto Vell harbour bridge collapses" in html
    assert "Ferry strike ends" not in html
    sort_link = 'href="/?from=2026-09-14&amp;leaning=right&amp;order=recency"'
    assert sort_link in html  # sorting keeps the filters
    assert "No story matches these filters." in client.get("/?country=FR").text


@pytest.mark.parametrize("query, named", [("from=yesterday", "from"), ("leaning=up", "leaning"),
                                          ("order=loudest", "order"), ("country=XYZ", "country")])
def test_bad_filters_are_a_400_on_page_and_twin(client, query, named):
    response = client.get(f"/stories.json?{query}")
    assert response.status_code == 400 and named in response.json()["error"]
    assert client.get(f"/?{query}").status_code == 400


def test_language_filter_on_the_json_api_and_the_form(client):
    assert ids(client, "language=en") == ["s-bridge", "s-ferry"]
    assert ids(client, "language=ar") == []
    assert client.get("/stories.json?language=english").status_code == 400
    page = client.get("/?language=en").text
    assert '<option value="en" selected>English</option>' in page


def test_a_merged_story_redirects_to_the_story_it_joined(tmp_path):
    from fastapi.testclient import TestClient
    from serve_corpus import populate

    from parallax.models import Story
    from parallax.serve import create_app
    from parallax.settings import Settings
    from parallax.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "merged.db")
    populate(store)
    store.save_stories([Story("s-gone", (store.stories()[0].article_ids[0],), title="Early report")])
    store.retire_stories({"s-gone": "s-bridge"})
    with TestClient(create_app(store, Settings(port=8124))) as c:
        page = c.get("/stories/s-gone?version=1", follow_redirects=False)
        assert page.status_code == 308 and page.headers["location"] == "/stories/s-bridge?version=1"
        twin = c.get("/stories/s-gone.json", follow_redirects=False)
        assert twin.status_code == 308 and twin.headers["location"] == "/stories/s-bridge.json"
        assert c.get("/stories/s-gone.json").json()["story"]["id"] == "s-bridge"
    store.close()
