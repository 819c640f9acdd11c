"""The forecasts pages, their JSON twins, and the token-protected resolve form, over a real store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.forecast import propose_resolutions, record_forecasts
from parallax.serve import create_app
from parallax.settings import Settings
from parallax.store.sqlite import SQLiteStore

sys.path.insert(0, str(Path(__file__).parents[1] / "forecast"))
from forecast_corpus import ALL, brief

TOKEN = "s3cret-token"


@pytest.fixture
def ledger(tmp_path, monkeypatch):
    monkeypatch.delenv("PARALLAX_API_TOKEN", raising=False)
    store = SQLiteStore(tmp_path / "ledger.db")
    store.upsert_articles(ALL)
    record_forecasts(store, "s-strike", brief())
    propose_resolutions(store)
    yield store
    store.close()


def _client(store, token=""):
    return TestClient(create_app(store, Settings(port=8123, api_token=token)))


def test_forecasts_page_and_json_twin(ledger):
    with _client(ledger) as client:
        page = client.get("/forecasts")
        assert page.status_code == 200 and "<svg" in page.text and "Reliability chart" in page.text
        assert "The union will call a second, 72-hour strike" in page.text
        body = client.get("/forecasts.json").json()
        assert body["count"] == 2 and body["score"]["resolved"] == 0 and body["score"]["baseline_brier"] == 0.25
        assert client.get("/forecasts.json?status=open").json()["count"] == 2
        assert client.get("/forecasts.json?status=bogus").status_code == 400


def test_forecast_page_shows_the_proposal_and_a_read_only_notice(ledger):
    fid = ledger.forecasts()[0].id
    with _client(ledger) as client:
        page = client.get(f"/forecasts/{fid}")
        assert page.status_code == 200 and "Proposed resolutions" in page.text and "read-only" in page.text
        body = client.get(f"/forecasts/{fid}.json").json()
        assert body["id"] == fid and body["proposals"][0]["status"] == "pending"
        assert client.get("/forecasts/f-nothing").status_code == 404
        assert client.get("/forecasts/f-nothing.json").json()["status"] == 404


def test_resolving_needs_the_token(ledger):
    fid = ledger.forecasts()[0].id
    with _client(ledger) as client:
        assert client.post(f"/forecasts/{fid}/resolve", data={"outcome": "yes", "token": "x"}).status_code == 403
    with _client(ledger, TOKEN) as client:
        assert "<form" in client.get(f"/forecasts/{fid}").text
        wrong = client.post(f"/forecasts/{fid}/resolve", data={"outcome": "yes", "token": "nope"})
        assert wrong.status_code == 401 and ledger.forecast(fid).status == "open"
        bad = client.post(f"/forecasts/{fid}/resolve", data={"outcome": "maybe", "token": TOKEN})
        assert bad.status_code == 400
        done = client.post(f"/forecasts/{fid}/resolve", data={"outcome": "no", "note": "never happened",
                                                             "token": TOKEN}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == f"/forecasts/{fid}"
        assert ledger.forecast(fid).status == "no" and ledger.forecast(fid).note == "never happened"
        assert client.get("/forecasts.json").json()["score"]["resolved"] == 1


def test_json_api_resolves_with_a_bearer_token(ledger):
    fid = ledger.forecasts()[1].id
    with _client(ledger, TOKEN) as client:
        url = f"/api/forecasts/{fid}/resolve"
        assert client.post(url, json={"outcome": "void"}).status_code == 401
        answer = client.post(url, json={"outcome": "void"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 200 and answer.json()["status"] == "void"
