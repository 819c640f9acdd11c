"""The pages in a real Chromium: hostile text stays inert, citations open on keyboard focus.

Screenshots of each page go to test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import pytest
from serve_corpus import HOSTILE, HOSTILE_IMG
from support.browser import NEEDS_CHROMIUM, SHOTS
from support.webapp import serving

from parallax.serve import create_app, render_story_html
from parallax.settings import Settings

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def base_url(corpus):
    store, _ = corpus
    with serving(create_app(store, Settings())) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def assert_inert(page) -> None:
    """No injected script ran, no dialog opened, no CSP violation or script error happened."""
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.errors == []
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\" i]').length") == 0
    assert page.evaluate("document.images.length") == 0


PAGES = {
    "list.png": "/", "story.png": "/stories/s-bridge", "outlets.png": "/outlets",
    "outlet.png": "/outlets/Harbour%20Ledger", "outlet-unscored.png": "/outlets/Mischief%20Weekly",
    "search.png": "/search?q=bridge", "status.png": "/status", "api.png": "/api",
    "list-filtered.png": "/?country=US&order=recency",
}


def assert_labelled_svgs(page) -> None:
    """Every SVG is an image with a text name (aria-label, or the elements aria-labelledby names)."""
    svgs = page.locator("svg")
    for i in range(svgs.count()):
        svg = svgs.nth(i)
        assert svg.get_attribute("role") == "img"
        label = svg.get_attribute("aria-label") or page.evaluate(
            "el => el.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent)"
            ".join(' ')", svg.element_handle())
        assert label.strip()


@pytest.mark.parametrize("name, path", PAGES.items())
def test_every_page_is_inert_with_one_h1_and_labelled_charts(page, base_url, name, path):
    response = page.goto(base_url + path)
    assert response.status == 200
    assert_inert(page)
    assert page.locator("h1").count() == 1
    assert_labelled_svgs(page)
    assert page.locator(".skip").get_attribute("href") == "#main"
    shoot(page, name)


def test_list_page_shows_both_stories(page, base_url):
    page.goto(base_url + "/")
    assert page.locator(".story-list li").count() == 2


def test_story_page_shows_hostile_text_literally(page, base_url):
    page.goto(base_url + "/stories/s-bridge")
    assert_inert(page)
    body = page.inner_text("main")
    assert f"Officials said {HOSTILE} the bridge was closed." in body
    assert HOSTILE_IMG in body
    assert page.locator("#sources").get_by_text(f"{HOSTILE} Bridge rumours").count() == 1


def test_story_page_structure_and_accessible_charts(page, base_url):
    page.goto(base_url + "/stories/s-bridge")
    assert page.locator("h2:visible").count() >= 10
    assert page.locator("svg").count() >= 4
    grid = page.locator("table.claims-grid")
    assert grid.locator("thead th[scope=col]").all_inner_texts() == [
        "Claim", "Harbour Ledger", "Valdoria State Radio", "Coastal Courier"]
    cells = grid.locator("tbody td").all_inner_texts()
    assert [c.split()[-1] for c in cells] == ["omits", "asserts", "disputes"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#key_claims").screenshot(path=str(SHOTS / "story-claims-grid.png"))
    page.locator("#versions").screenshot(path=str(SHOTS / "story-what-changed.png"))


def test_outlet_page_draws_the_bias_wheel(page, base_url):
    page.goto(base_url + "/outlets/Harbour%20Ledger")
    wheel = page.locator("svg.wheel")
    assert wheel.count() == 1 and wheel.is_visible()
    assert wheel.locator("text.wheel-label").count() == 8
    assert "political 45%" in wheel.locator("desc").text_content()
    box = wheel.bounding_box()
    assert box["width"] > 300 and box["height"] > 200


def test_keyboard_skip_link_then_search_then_content(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator(".skip").is_visible()
    order = []
    for _ in range(20):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.getAttribute('href')"))
    assert "site-q" in order
    assert "/stories/s-bridge" in order and order.index("site-q") < order.index("/stories/s-bridge")
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_tab_to_a_citation_reveals_the_cited_sentence(page, base_url, corpus):
    _, facts = corpus
    page.goto(base_url + "/stories/s-bridge")
    first_pop = page.locator(".cite-pop").first
    assert not first_pop.is_visible()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite-mark')"):
            break
    else:
        pytest.fail("no citation marker received keyboard focus")
    pop_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    pop = page.locator(f"#{pop_id}")
    assert pop.is_visible()
    assert facts["articles"]["ledger"].sentence_text(0) in pop.inner_text()
    assert "Harbour Ledger" in pop.inner_text()
    page.screenshot(path=str(SHOTS / "story-citation-focus.png"))


def test_hover_reveals_the_cited_sentence(page, base_url, corpus):
    _, facts = corpus
    page.goto(base_url + "/stories/s-bridge")
    marker = page.locator("#conflicting_figures .cite-mark").nth(1)
    marker.scroll_into_view_if_needed()
    marker.hover()
    pop = page.locator(f"#{marker.get_attribute('aria-describedby')}")
    assert pop.is_visible()
    assert facts["articles"]["radio"].sentence_text(1) in pop.inner_text()
    page.screenshot(path=str(SHOTS / "story-citation-hover.png"))


def test_search_and_empty_story_pages(page, base_url):
    page.goto(base_url + "/search?q=" + "bridge")
    assert page.locator("mark").count() >= 1
    page.goto(base_url + "/stories/s-ferry")
    assert_inert(page)
    shoot(page, "story-without-brief.png")
    response = page.goto(base_url + "/stories/s-nothing")
    assert response.status == 404 and "There is no story" in page.inner_text("main")


def test_standalone_export_is_inert_without_a_server(page, corpus, tmp_path):
    store, facts = corpus
    articles = {a.id: a for a in facts["articles"].values()}
    exported = tmp_path / "brief.html"
    exported.write_text(render_story_html(store.brief("s-bridge").body, articles), encoding="utf-8")
    page.goto(exported.as_uri())
    assert_inert(page)
    assert page.locator("h1").count() == 1
    assert f"Officials said {HOSTILE} the bridge was closed." in page.inner_text("main")
    shoot(page, "export.png")
