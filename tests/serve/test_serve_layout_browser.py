"""The pages at a laptop's width (1280 px) and a phone's (390 px) in real Chromium: nothing sticks out of
the viewport, the claims grid scrolls inside its own box with its headers pinned, names not codes.

Screenshots go to test-artifacts/screenshots/layout-*.png for a person to look at.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from serve_corpus import OUTLETS, cite, make_articles, make_brief, source
from support.browser import NEEDS_CHROMIUM, SHOTS
from support.webapp import serving

from parallax.models import Outlet, Page, Story
from parallax.serve import create_app
from parallax.settings import Settings
from parallax.store.base import StoredBrief
from parallax.store.sqlite import SQLiteStore
from parallax.text.article import build_article

WIDTHS = {"laptop": (1280, 900), "phone": (390, 844)}
EXTRA = [Outlet(f"The {place} Evening Chronicle and Gazette", f"{place.lower()}.example", code, language)
         for place, code, language in (("Corvanian", "XC", "en"), ("Marenland", "XM", "de"), ("Eskerian", "XE", "fr"),
                                       ("Lisbon", "PT", "pt"), ("Osaka", "JP", "ja"), ("Cairo", "EG", "ar"),
                                       ("Quito", "EC", "es"), ("Oslo", "NO", "nb"))]

pytestmark = NEEDS_CHROMIUM


def wide_brief(articles: dict, extra: list) -> dict:
    """The fixture brief with eight more outlets as sources and five claims, so the grid is wide and tall."""
    body = make_brief("s-wide", 1, articles, True)
    body["sources"] += [source(a, o) for a, o in extra]
    names = [s["outlet"]["name"] for s in body["sources"]]
    claims = []
    for n in range(5):
        a, _ = extra[n]
        claims.append({"text": f"{a.sentence_text(0)} (claim {n + 1}, long enough to wrap on a phone screen)",
                       "citations": [cite(a, 0)], "asserted_by": names[n::3], "disputed_by": names[n + 1 :: 5],
                       "omitted_by": [names[-1 - n]]})
    body["sections"]["key_claims"] = claims
    body["sections"]["media_bias"].pop("coverage")
    body["summary"] += [{"text": a.sentence_text(0), "citations": [cite(a, 0)]} for a, _ in extra[:3]]
    return body


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("layout") / "layout.db")
    articles = make_articles()
    extra = [(build_article(Page(url=f"https://{o.domain}/bridge", outlet=o.name, title=f"{o.name} on the bridge",
                                 body=f"Reporters of {o.name} saw the bridge fall. Divers searched all night.",
                                 published=datetime(2026, 9, 15, 9))), o) for o in EXTRA]
    store.upsert_outlets([*OUTLETS, *EXTRA])
    store.upsert_articles([*articles.values(), *(a for a, _ in extra)])
    ids = tuple(a.id for a in articles.values() if a.outlet != "Coastal Courier" or "ferry" not in a.url)
    store.save_stories([Story("s-wide", ids + tuple(a.id for a, _ in extra), title="Bridge",
                              first_published=datetime(2026, 9, 14), last_published=datetime(2026, 9, 15))])
    store.save_brief(StoredBrief("s-wide", 1, "fixture", "w1", wide_brief(articles, extra), datetime(2026, 9, 16)))
    with serving(create_app(store, Settings())) as base:
        yield base
    store.close()


@pytest.fixture(params=list(WIDTHS))
def tab(request, browser):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


# Elements that stick out of the viewport, outside any box that clips or scrolls them; the skip link waits
# off-screen on purpose and visually hidden text is 1 px.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const clipped = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.skip, .visually-hidden')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > width + 1 || r.left < -1) && !clipped(el)) out.push(el.tagName + '.' + el.className + ' ' + r.right);
  }
  return out;
}"""


def assert_fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.evaluate(OVERFLOWING) == []


@pytest.mark.parametrize("path", ["/stories/s-wide", "/", "/outlets", "/outlets/Harbour%20Ledger"])
def test_pages_fit_the_viewport_at_both_widths(tab, base_url, path):
    assert tab.goto(base_url + path).status == 200
    assert_fits(tab)
    name = path.strip("/").replace("/", "-").replace("%20", "-") or "list"
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"layout-{name}-{tab.width_name}.png"), full_page=True)


def test_the_claims_grid_scrolls_in_its_own_box_with_pinned_headers(tab, base_url):
    tab.goto(base_url + "/stories/s-wide")
    wrap = tab.locator(".grid-wrap")
    wrap.scroll_into_view_if_needed()
    sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth, w.getBoundingClientRect().right]")
    assert sizes[0] > sizes[1]  # twelve outlets do not fit: the box scrolls, not the page
    assert sizes[2] <= tab.viewport_size["width"]
    claim = tab.locator(".claims-grid tbody th").first
    outlet = tab.locator(".claims-grid thead th").nth(1)
    before = (claim.bounding_box()["x"], outlet.bounding_box()["y"])
    scrolled = wrap.evaluate("w => { w.scrollLeft = 400; w.scrollTop = 60; return [w.scrollLeft, w.scrollTop, "
                             "w.getBoundingClientRect().top + w.clientTop]; }")
    assert scrolled[0] > 0
    # the claim column stays where it was; the outlet row moves only up to the box's top edge and sticks there
    assert claim.bounding_box()["x"] == pytest.approx(before[0], abs=1)
    assert outlet.bounding_box()["y"] == pytest.approx(max(scrolled[2], before[1] - scrolled[1]), abs=1)
    assert outlet.is_visible() and outlet.bounding_box()["x"] < tab.viewport_size["width"]
    assert_fits(tab)
    wrap.screenshot(path=str(SHOTS / f"layout-claims-grid-scrolled-{tab.width_name}.png"))


def test_citations_name_their_outlet_and_the_cited_sentence_stays_on_screen(tab, base_url):
    tab.goto(base_url + "/stories/s-wide")
    marks = tab.locator(".summary .cite-mark")
    assert marks.first.inner_text() == "Harbour Ledger"
    last = marks.last
    last.scroll_into_view_if_needed()
    last.focus()
    pop = tab.locator(f"#{last.get_attribute('aria-describedby')}")
    assert pop.is_visible() and "Reporters of The Eskerian" in pop.inner_text()
    box, width = pop.bounding_box(), tab.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    tab.screenshot(path=str(SHOTS / f"layout-citation-{tab.width_name}.png"))


def test_countries_and_languages_read_as_names(tab, base_url):
    tab.goto(base_url + "/stories/s-wide")
    text = tab.inner_text("main")
    assert "Corvania" in text and "Marenland" in text and "German" in text and "Japanese" in text
    legends = tab.locator(".coverage figcaption").all_inner_texts()
    assert [t.split(" ·")[0] for t in legends] == ["Leaning", "Country", "Language", "Ownership"]
    for code in ("XC", "XM", "XE"):
        assert f" {code} " not in f" {text} ".replace(",", " ")
