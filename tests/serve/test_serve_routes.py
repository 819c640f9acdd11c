"""Every route and its JSON twin, through FastAPI's TestClient over a real SQLiteStore."""

from __future__ import annotations

import re

import pytest
from serve_corpus import HOSTILE, HOSTILE_IMG, HOSTILE_URL

from parallax.serve.app import CONTENT_SECURITY_POLICY


def squeezed(html: str) -> str:
    """The page with runs of white space collapsed, as a browser shows them."""
    return " ".join(html.split())


def test_story_list_shows_rows_sorted_by_coverage(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.text.index("Porto Vell harbour bridge collapses") < page.text.index("Ferry strike ends")
    assert "4 articles · 4 outlets · United Kingdom, United States, Valdoria · 14 Sep 2026 – 15 Sep 2026" in squeezed(page.text)


def test_story_list_json_twin(client):
    body = client.get("/stories.json").json()
    assert body["total"] == 2 and body["order"] == "coverage" and body["filters"] == {}
    bridge, ferry = body["stories"]
    assert bridge["id"] == "s-bridge" and bridge["outlet_count"] == 4 and bridge["article_count"] == 4
    assert bridge["country_codes"] == ["GB", "US", "XV"] and bridge["has_brief"] is True
    assert bridge["countries"] == ["United Kingdom", "United States", "Valdoria"]  # names; codes apart
    assert bridge["first_published"].startswith("2026-09-14") and bridge["url"] == "/stories/s-bridge"
    assert ferry["has_brief"] is False and ferry["title"] == "Ferry strike ends"


def test_recency_order_puts_newest_first(client):
    ids = [s["id"] for s in client.get("/stories.json?order=recency").json()["stories"]]
    assert ids == ["s-ferry", "s-bridge"]
    page = client.get("/?order=recency").text
    assert page.index("Ferry strike ends") < page.index("Porto Vell harbour bridge collapses")


def test_pagination_splits_the_list(client):
    first = client.get("/stories.json?per_page=1").json()
    second = client.get(first["next"]).json()
    assert first["pages"] == 2 and first["prev"] is None
    assert [s["id"] for s in first["stories"] + second["stories"]] == ["s-bridge", "s-ferry"]
    assert second["next"] is None and second["prev"] is not None
    html = client.get("/?per_page=1&page=2").text
    assert "Ferry strike ends" in html and "Porto Vell harbour" not in html and 'rel="prev"' in html


@pytest.mark.parametrize("query, named", [("order=loudest", "order"), ("page=0", "page"), ("page=abc", "page"),
                                          ("per_page=1000", "per_page")])
def test_bad_list_parameters_are_a_clear_400(client, query, named):
    response = client.get(f"/stories.json?{query}")
    assert response.status_code == 400
    assert named in response.json()["error"]
    assert client.get(f"/?{query}").status_code == 400


def test_story_page_has_every_section(client):
    page = client.get("/stories/s-bridge")
    assert page.status_code == 200
    for heading in ["Key claims", "Perspectives", "Questions", "News media bias", "Context", "Takeaway",
                    "Potential outcomes", "Conflicting figures", "Timeline", "Sources", "Versions and what changed",
                    "Provenance"]:
        assert re.search(rf"<h2[^>]*>{heading}</h2>", page.text), heading
    assert page.text.count("<h1") == 1
    assert "Valdorian interior ministry" in page.text and "What caused the collapse?" in page.text
    assert "<b>70%</b> · High likelihood" in squeezed(page.text)


def test_story_page_markers_carry_the_exact_cited_sentence(client, corpus):
    _, facts = corpus
    radio = facts["articles"]["radio"]
    page = client.get("/stories/s-bridge").text
    expected = radio.sentence_text(1)
    assert f'<q class="cite-text">{expected}</q>' in page
    assert 'aria-label="Source 2: Valdoria State Radio"' in page


def test_story_page_escapes_source_text_and_drops_javascript_links(client):
    page = client.get("/stories/s-bridge").text
    assert HOSTILE not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert f'href="{HOSTILE_URL}"' not in page and "href=\"javascript" not in page.lower()


def test_story_json_twin_resolves_every_citation(client, corpus):
    _, facts = corpus
    body = client.get("/stories/s-bridge.json").json()
    assert body["story"]["id"] == "s-bridge" and body["story"]["brief_version"] == 2
    assert [v["version"] for v in body["story"]["versions"]] == [1, 2]
    brief = body["brief"]
    assert brief["schema"] == "parallax.brief/1" and set(brief["sections"]) >= {"timeline", "outcomes"}
    by_id = {a.id: a for a in facts["articles"].values()}
    citations = [c for item in brief["summary"] for c in item["citations"]]
    assert citations
    for c in citations:
        assert c["sentence"] == by_id[c["article_id"]].text[c["start"] : c["end"]]


def test_earlier_brief_version_is_reachable(client):
    page = client.get("/stories/s-bridge")
    assert 'href="/stories/s-bridge?version=1"' in page.text
    old = client.get("/stories/s-bridge?version=1")
    assert old.status_code == 200 and 'id="src-3"' in old.text and 'id="src-4"' not in old.text
    assert client.get("/stories/s-bridge.json?version=1").json()["brief"]["story_version"] == 1
    assert client.get("/stories/s-bridge?version=7").status_code == 404


def test_story_without_brief_lists_its_articles(client):
    page = client.get("/stories/s-ferry").text
    assert "No brief has been written" in page and "Ferry strike ends after two days" in page
    assert client.get("/stories/s-ferry.json").json()["brief"] is None


def test_unknown_story_is_a_clear_404(client):
    html = client.get("/stories/s-nothing")
    assert html.status_code == 404 and "There is no story with id" in html.text and "s-nothing" in html.text
    data = client.get("/stories/s-nothing.json")
    assert data.status_code == 404 and "s-nothing" in data.json()["error"]
    assert client.get("/no/such/page").status_code == 404


def test_search_finds_articles_with_their_story(client):
    results = client.get("/search.json?q=corrosion").json()["results"]
    assert [r["title"] for r in results] == ["What we know about the Porto Vell bridge"]
    assert results[0]["story_id"] == "s-bridge" and "corrosion" in results[0]["snippet"]
    page = client.get("/search?q=corrosion").text
    assert "<mark>corrosion</mark>" in page and 'href="/stories/s-bridge"' in page


def test_search_escapes_hostile_query_and_results(client):
    page = client.get("/search", params={"q": '"><script>alert(1)</script> pwned'}).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert HOSTILE not in page
    assert client.get("/search.json?q=").json()["count"] == 0


def test_status_and_settings(client):
    status = client.get("/status.json").json()
    assert {k: status[k] for k in ("outlets", "articles", "stories", "briefs", "failures")} == {
        "outlets": 4, "articles": 5, "stories": 2, "briefs": 1, "failures": {"extract": 1, "fetch": 1}}
    assert [f["stage"] for f in status["recent_failures"]] == ["fetch", "extract"]
    assert status["recent_failures"][1]["reason"] == f"text too short {HOSTILE_IMG}"
    settings = client.get("/-/settings.json").json()
    assert settings["port"] == 8123 and "db" in settings


@pytest.mark.parametrize("path", ["/", "/stories/s-bridge", "/stories.json", "/static/parallax.css", "/nowhere"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_server_is_read_only(client):
    assert client.head("/stories/s-bridge").status_code == 200
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/stories/s-bridge").status_code == 405


def test_pages_need_no_external_resources(client):
    for path in ["/", "/stories/s-bridge", "/search?q=bridge"]:
        page = client.get(path).text
        assert not re.search(r'<(?:link|script|img)[^>]*(?:href|src)="(?:https?:)?//', page), path
    assert client.get("/docs").status_code == 404
