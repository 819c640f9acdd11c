"""A story with no brief yet, in a real Chromium over loopback HTTP: coverage by country, language and
ownership counts independent outlets (a family once), names the outlets behind each count and the state
outlets, and shows country names, never codes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import httpx
import pytest
from support.browser import NEEDS_CHROMIUM
from support.webapp import serving

from parallax.models import Outlet, Page, Story
from parallax.serve import create_app
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore
from parallax.text.article import build_article

pytestmark = NEEDS_CHROMIUM

OUTLETS = [Outlet("RIA Novosti", "ria.ru", "RU", "ru", "state", family="Rossiya Segodnya", languages=("ru",)),
           Outlet("Sputnik", "sputnikglobe.com", "RU", "en", "state", family="Rossiya Segodnya", languages=("en",)),
           Outlet("Meduza", "meduza.io", "LV", "ru", "private", languages=("ru",)),
           Outlet("Kyiv Independent", "kyivindependent.com", "UA", "en", "private", languages=("en",)),
           Outlet("pledgetimes.com", "pledgetimes.com", "", "en", "private", languages=("en",))]
TEXT = ("Rescue teams worked through the night at the concert hall outside the city after the attack. "
        "Officials said the number of victims was still being counted and that several suspects were held.")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("coverage") / "coverage.db")
    store.upsert_outlets(OUTLETS)
    day = datetime(2026, 3, 23, 8)
    articles = [replace(build_article(Page(url=f"https://{o.domain}/a{i}", body=f"{TEXT} Report {i}.",
                                           title=f"Attack {i}", outlet=o.name, published=day)), language=o.language)
                for i, o in enumerate(OUTLETS)]
    store.upsert_articles(articles)
    store.save_stories([Story("s-hall", tuple(a.id for a in articles), title="Concert hall attack",
                              first_published=day, last_published=day)])
    with serving(create_app(store, Settings())) as base:
        yield base
    store.close()


def test_a_story_without_a_brief_counts_voices_and_names_who_is_behind_each_number(browser, base_url):
    tab = browser.new_page()
    tab.goto(base_url + "/stories/s-hall")
    legends = {t.split(" ·")[0]: t for t in tab.locator(".coverage figcaption").all_inner_texts()}
    assert set(legends) >= {"Country", "Language", "Ownership"}
    assert legends["Country"].endswith("4 outlets")  # five outlets, one family: four voices
    country = tab.locator(".bar").nth(1).locator(".legend").inner_text()
    assert "Russia 1 (Rossiya Segodnya (RIA Novosti, Sputnik))" in country and "Latvia 1 (Meduza)" in country
    assert "country not known 1 (pledgetimes.com)" in country
    assert "State-controlled: Rossiya Segodnya (RIA Novosti, Sputnik)" in tab.inner_text(".coverage")
    text = f" {tab.inner_text('main')} ".replace(",", " ").replace("(", " ")
    assert not any(f" {code} " in text for code in ("RU", "LV", "UA"))
    tab.close()


def test_the_json_twin_names_countries_and_keeps_codes_in_code_fields(base_url):
    story = httpx.get(base_url + "/stories/s-hall.json").json()["story"]
    assert sorted(story["countries"]) == ["Latvia", "Russia", "Ukraine"]
    assert sorted(story["country_codes"]) == ["LV", "RU", "UA"]
