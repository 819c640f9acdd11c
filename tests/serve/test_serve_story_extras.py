"""The story page's claims × outlets grid and its "what changed" between versions."""

from __future__ import annotations

import re
from datetime import datetime

from serve_corpus import HOSTILE, make_articles

from parallax.serve.changes import brief_change, previous_version, version_changes
from parallax.serve.claims import claims_grid


def test_claims_grid_columns_follow_sources_and_cells_say_the_stance():
    claims = [
        {"text": "A", "asserted_by": ["Zeta", "Alpha"], "disputed_by": ["Beta"]},
        {"text": "B", "omitted_by": ["Alpha"], "asserted_by": ["Gamma"]},
        {"text": "C"},
    ]
    grid = claims_grid(claims, ["Beta", "Alpha", "Unnamed"])
    assert grid.outlets == ("Beta", "Alpha", "Gamma", "Zeta")
    assert [r.cells for r in grid.rows] == [
        (("disputes",), ("asserts",), (), ("asserts",)),
        ((), ("omits",), ("asserts",), ()),
        ((), (), (), ()),
    ]
    assert grid.as_json()["rows"][0]["stances"]["Beta"] == ["disputes"]


def test_claims_grid_is_absent_without_named_outlets():
    assert claims_grid([{"text": "A"}]) is None
    assert claims_grid(None) is None and claims_grid("nonsense") is None


def test_version_changes_list_articles_added_and_removed():
    a = make_articles()
    ledger, radio, courier = a["ledger"], a["radio"], a["courier"]
    history = [(1, (ledger.id, radio.id), datetime(2026, 9, 14)), (2, (ledger.id, courier.id), datetime(2026, 9, 15))]
    first, second = version_changes(history, {2}, {x.id: x for x in a.values()})
    assert [x["article_id"] for x in first["added"]] == [ledger.id, radio.id] and first["removed"] == []
    assert second["added"] == [{"article_id": courier.id, "outlet": "Coastal Courier", "title": courier.title}]
    assert [x["outlet"] for x in second["removed"]] == ["Valdoria State Radio"]
    assert (first["has_brief"], second["has_brief"]) == (False, True)


def test_brief_change_compares_headline_and_summary_sentences():
    old = {"story_version": 1, "title": {"text": "Bridge falls"}, "summary": [{"text": "One."}, {"text": "Two."}]}
    new = {"story_version": 3, "title": {"text": "Bridge collapses"}, "summary": [{"text": "Two."}, {"text": "Three."}]}
    change = brief_change(old, new)
    assert (change.from_version, change.to_version) == (1, 3) and change.title_changed
    assert change.added == ("Three.",) and change.removed == ("One.",)
    assert previous_version([1, 3, 4], 4) == 3 and previous_version([1, 3], 1) is None


def test_story_page_shows_the_grid_as_an_accessible_table(client):
    html = client.get("/stories/s-bridge").text
    table = re.search(r'<table class="claims-grid">.*?</table>', html, re.DOTALL).group()
    assert "<caption" in table
    assert [h for h in re.findall(r'<th scope="col">([^<]*)</th>', table)] == [
        "Claim", "Harbour Ledger", "Valdoria State Radio", "Coastal Courier"]
    words = re.findall(r"</span> (asserts|disputes|omits)", table)
    assert words == ["omits", "asserts", "disputes"]
    assert '<th scope="row">' in table


def test_story_page_says_what_changed_since_the_previous_brief(client, corpus):
    _, facts = corpus
    html = client.get("/stories/s-bridge").text
    section = html[html.index('id="versions"'):]
    assert "Since version 1 of the brief" in section
    hostile_sentence = facts["articles"]["hostile"].sentence_text(0)
    escaped = hostile_sentence.replace("<", "&lt;").replace(">", "&gt;")
    assert f'<li class="added">{escaped}</li>' in section and HOSTILE not in section
    assert "Mischief Weekly" in section  # the article version 2 added
    assert "Since version" not in client.get("/stories/s-bridge?version=1").text


def test_story_json_twin_has_grid_changes_and_version_diffs(client, corpus):
    _, facts = corpus
    story = client.get("/stories/s-bridge.json").json()["story"]
    assert story["claims_grid"]["outlets"] == ["Harbour Ledger", "Valdoria State Radio", "Coastal Courier"]
    assert story["brief_change"]["summary_added"] == [facts["articles"]["hostile"].sentence_text(0)]
    assert story["brief_change"]["summary_removed"] == [] and story["brief_change"]["from_version"] == 1
    assert [a["article_id"] for a in story["versions"][1]["added"]] == [facts["articles"]["hostile"].id]
    ferry = client.get("/stories/s-ferry.json").json()["story"]
    assert ferry["claims_grid"] is None and ferry["brief_change"] is None
