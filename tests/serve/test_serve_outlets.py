"""Outlet pages: the bias wheel's geometry, the index, one outlet with and without language scores."""

from __future__ import annotations

import math
import re

import pytest
from fastapi.testclient import TestClient
from serve_corpus import LEDGER_SCORES, populate

from parallax.serve import create_app
from parallax.serve.gather.outlets import profile_scores
from parallax.serve.wheel import bias_wheel, bias_wheel_svg, ordered_scores
from parallax.settings import Settings

SCORES = {"sensational": 0.5, "political": 1.0, "fearful": 0.0, "gossip": 0.25}


def test_wheel_spokes_start_at_noon_and_values_sit_on_their_axis():
    wheel = bias_wheel(SCORES)
    assert [s.dimension for s in wheel.spokes] == ["sensational", "fearful", "gossip", "political"]
    cx, cy = wheel.center
    top = wheel.spokes[0]
    assert top.end == (cx, cy - wheel.radius) and top.anchor == "middle"
    for spoke in wheel.spokes:
        along = math.dist(wheel.center, spoke.point)
        assert along == pytest.approx(spoke.value * wheel.radius, abs=0.02)
    assert wheel.spokes[1].anchor == "start" and wheel.spokes[3].anchor == "end"
    assert wheel.description == "sensational 50%; fearful 0%; gossip 25%; political 100%"


def test_wheel_clamps_and_skips_what_is_not_a_score():
    scores = ordered_scores({"sensational": 1.7, "fearful": -0.2, "odd": "high", "nan": float("nan"), "x": True})
    assert scores == [("sensational", 1.0), ("fearful", 0.0)]
    assert bias_wheel({"a": 0.1, "b": 0.2}) is None and bias_wheel_svg({}) == ""


def test_wheel_svg_is_labelled_and_escapes_names():
    svg = bias_wheel_svg({**SCORES, "<b>odd</b>": 0.3}, title="Profile of <Ledger>")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and "<title id=\"wheel-title\">Profile of &lt;Ledger&gt;</title>" in svg
    assert "&lt;b&gt;odd&lt;/b&gt;" in svg and "<b>" not in svg
    assert svg.count("<text class=\"wheel-label\"") == 5 and "<polygon" in svg


def test_profile_scores_read_intervals_and_plain_mappings():
    class Band:
        def __init__(self, mean, low, high):
            self.mean, self.low, self.high = mean, low, high

    class Profile:
        dimensions = {"political": Band(0.4, 0.3, 0.5), "gossip": Band(0.1, 0.0, 0.2)}  # noqa: RUF012 - a read-only stand-in

    dims = profile_scores(Profile())
    assert [(d.dimension, d.value, d.low, d.high) for d in dims] == [
        ("gossip", 0.1, 0.0, 0.2), ("political", 0.4, 0.3, 0.5)]
    assert [(d.dimension, d.low) for d in profile_scores({"fearful": 0.2})] == [("fearful", None)]
    assert profile_scores(None) is None


def test_outlets_index_and_its_twin(client):
    html = client.get("/outlets").text
    assert html.count("<h1") == 1
    assert '<a href="/outlets/Valdoria%20State%20Radio">Valdoria State Radio</a>' in html
    outlets = client.get("/outlets.json").json()["outlets"]
    courier = next(o for o in outlets if o["name"] == "Coastal Courier")
    assert (courier["article_count"], courier["story_count"], courier["country"], courier["country_code"]) == (
        2, 2, "United States", "US")
    assert courier["url"] == "/outlets/Coastal%20Courier"


def test_outlet_page_with_scores_draws_the_wheel_and_a_table(client):
    html = client.get("/outlets/Harbour%20Ledger").text
    assert html.count("<h1") == 1 and "center-left" in html and "United Kingdom" in html  # GB, named
    assert '<svg class="wheel"' in html and "Language profile of Harbour Ledger" in html
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)%</td>', html)
    assert dict(rows)["political"] == str(round(LEDGER_SCORES["political"] * 100))
    assert "40–50%" in html  # the profile's interval
    assert 'href="/stories/s-bridge"' in html and "political 50%" in html  # recent article + its scores
    assert 'href="/?outlet=Harbour%20Ledger"' in html


def test_outlet_page_without_scores_says_so(client):
    html = client.get("/outlets/Coastal%20Courier").text
    assert "No language scores yet" in html and "<svg" not in html
    data = client.get("/outlets/Coastal%20Courier.json").json()
    assert data["language_profile"] is None and data["story_count"] == 2
    assert [a["story_id"] for a in data["recent_articles"]] == ["s-ferry", "s-bridge"]


def test_outlet_twin_with_scores(client):
    data = client.get("/outlets/Harbour%20Ledger.json").json()
    profile = data["language_profile"]
    assert profile["articles"] == 12 and profile["dimensions"]["political"]["value"] == LEDGER_SCORES["political"]
    assert data["recent_articles"][0]["scores"]["political"] == 0.5


def test_unknown_outlet_is_a_404(client):
    assert client.get("/outlets/Nobody").status_code == 404
    assert "Nobody" in client.get("/outlets/Nobody.json").json()["error"]


def test_profile_scores_read_a_stored_json_body():
    body = {"outlet": "X", "n_articles": 7, "n_stories": 3, "leaning": "left",
            "dimensions": {"political": {"mean": 0.4, "low": 0.3, "high": 0.5, "n": 7},
                           "fearful": {"mean": 0.1, "low": 0.05, "high": 0.2, "n": 7}}}
    dims = profile_scores(body)
    assert [(d.dimension, d.value, d.low, d.high) for d in dims] == [
        ("fearful", 0.1, 0.05, 0.2), ("political", 0.4, 0.3, 0.5)]


def test_the_plain_store_serves_outlet_pages_and_its_saved_profiles(store):
    populate(store)  # the real SQLiteStore, with no profile saved yet and no per-article scores
    with TestClient(create_app(store, Settings())) as plain:
        html = plain.get("/outlets/Harbour%20Ledger").text
        assert "No language scores yet" in html and "Old harbour bridge collapses" in html
        assert plain.get("/outlets/Harbour%20Ledger.json").json()["recent_articles"][0]["scores"] == {}
        dims = {d: {"mean": v, "low": v, "high": v, "n": 3} for d, v in LEDGER_SCORES.items()}
        store.save_outlet_profile("Harbour Ledger", "test-1", {"outlet": "Harbour Ledger", "n_articles": 3,
                                                               "dimensions": dims})
        html = plain.get("/outlets/Harbour%20Ledger").text
        assert '<svg class="wheel"' in html and "Mean score of 3 articles" in html


def test_a_name_given_to_pages_of_two_sites_lists_both_on_its_page_and_in_the_cli(tmp_path):
    import json

    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.ingest.outlets import load_catalog
    from parallax.ingest.sources import ingest
    from parallax.store.sqlite import SQLiteStore

    records = tmp_path / "set.jsonl"
    text = "The harbour bridge reopened on Monday after a year of repairs. Traffic was light in the morning."
    records.write_text("\n".join(json.dumps({"id": str(n), "url": url, "title": str(n), "text": f"{text} {n}",
                                             "outlet": "Guest Writer - Right"}) for n, url in enumerate(
        ["https://www.nationalreview.com/1", "https://www.nationalreview.com/2", "https://www.rt.com/news/3"])))
    store = SQLiteStore(tmp_path / "x.db")
    ingest([str(records)], store, load_catalog(), Settings())
    with TestClient(create_app(store, Settings(port=8123))) as c:
        data = c.get("/outlets/Guest%20Writer%20-%20Right.json").json()
        html = c.get("/outlets/Guest%20Writer%20-%20Right").text
        rt = c.get("/outlets/Guest%20Writer%20-%20Right%20(rt.com).json").json()
    assert (data["outlet"]["country_code"], data["article_count"], rt["outlet"]["country_code"]) == ("US", 2, "RU")
    assert data["same_name_on_other_sites"] == [{"outlet": "Guest Writer - Right (rt.com)",
                                                 "url": "/outlets/Guest%20Writer%20-%20Right%20%28rt.com%29"}]
    assert 'href="/outlets/Guest%20Writer%20-%20Right%20%28rt.com%29"' in html
    store.close()
    shown = CliRunner().invoke(app, ["outlets", "show", "Guest Writer - Right", "--format", "json",
                                     "--db", str(tmp_path / "x.db")])
    assert json.loads(shown.output)["same_name_on_other_sites"] == ["Guest Writer - Right (rt.com)"]
