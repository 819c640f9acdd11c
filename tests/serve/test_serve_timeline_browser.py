"""A running story's developments on its timeline, in a real Chromium: a brief written by the real extractive
writer from articles of two days, stored in a real SQLite store, served over loopback HTTP."""

from __future__ import annotations

from datetime import datetime

import pytest
from support.browser import NEEDS_CHROMIUM
from support.webapp import serving

from parallax.models import Outlet, Page, Story
from parallax.serve import create_app
from parallax.settings import Settings
from parallax.store.base import StoredBrief
from parallax.store.sqlite import SQLiteStore
from parallax.text.article import build_article
from parallax.write import get_writer
from parallax.write.material import StoryMaterial
from parallax.write.render import brief_to_dict

pytestmark = NEEDS_CHROMIUM

DAY1, DAY2 = datetime(2026, 3, 2, 9), datetime(2026, 3, 3, 9)
TEXTS = {
    "Norvik Post": ("A landslide in Kerrow buried houses", DAY1,
                    "A landslide in the mountain village of Kerrow killed at least 12 people on Monday, the regional "
                    "police said. Rescue teams from Norvik searched the mud for survivors through the night."),
    "Valley Times": ("Kerrow toll rises", DAY2,
                     "The landslide in the mountain village of Kerrow killed at least 31 people, the regional police "
                     "said on Tuesday. The regional governor of Norvik ordered an inquiry into the quarry above "
                     "the village."),
}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("timeline") / "t.db")
    outlets = {name: Outlet(name, name.lower().replace(" ", "") + ".example", "NO", "en") for name in TEXTS}
    articles = tuple(build_article(Page(url=f"https://{outlets[n].domain}/a", body=body, title=title, outlet=n,
                                        published=when)) for n, (title, when, body) in TEXTS.items())
    store.upsert_outlets(outlets.values())
    store.upsert_articles(articles)
    story = Story("s-kerrow", tuple(a.id for a in articles), title="Kerrow landslide", first_published=DAY1,
                  last_published=DAY2)
    store.save_stories([story])
    brief = brief_to_dict(get_writer().write(StoryMaterial(story, articles, outlets, {})))
    store.save_brief(StoredBrief(story.id, 1, "extractive", "h", brief, DAY2))
    with serving(create_app(store, Settings())) as base:
        yield base
    store.close()


def test_the_timeline_shows_the_toll_on_each_day_it_changed(browser, base_url):
    tab = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    tab.goto(base_url + "/stories/s-kerrow")
    days = tab.locator("#timeline li.timeline-day")
    assert days.locator("time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))") == [
        "2026-03-02", "2026-03-03"]
    tolls = tab.locator("#timeline .timeline-event[data-facet=toll]")
    assert tolls.count() == 2
    assert "12 people" in tolls.nth(0).inner_text() and "31 people" in tolls.nth(1).inner_text()
    assert tolls.nth(0).locator(".facet").inner_text() == "toll: dead"
    assert "toll" in tab.locator("#timeline .timeline-facets").inner_text()
