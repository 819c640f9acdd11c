"""The forecast ledger's storage, the same on every backend."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from parallax.forecast.records import Forecast, Proposal

CIT = {"article_id": "a" * 16, "outlet": "Alpha Post", "sentence_index": 1, "start": 10, "end": 42}


def _forecast(fid: str, story: str = "s-1", made: datetime = datetime(2026, 9, 21), **extra) -> Forecast:
    return Forecast(
        id=fid, story_id=story, story_version=1, text="The union will strike in October.",
        proposition="The union will strike in October.", criteria="Resolves yes if ...", made_at=made,
        resolve_by=datetime(2026, 10, 31, 23, 59), horizon="'in October'", probability=0.71, base_probability=0.71,
        model="cues/1", reason="plan ('will') +0.90", citations=(CIT,), topic="labour", source_kind="advocacy",
        ownership="private", outlets=("Alpha Post", "Beta News"), updated_at=datetime(2026, 9, 21, 8), **extra)


def test_forecasts_round_trip_and_filter(store):
    assert store.forecasts() == [] and store.forecast("f-1") is None
    a, b = _forecast("f-1"), _forecast("f-2", story="s-2", made=datetime(2026, 9, 25))
    store.save_forecasts([a, b])
    assert store.forecast("f-1") == a
    assert store.forecasts() == [b, a]
    assert store.forecasts(story_id="s-1") == [a]
    assert store.forecasts(status="open") == [b, a] and store.forecasts(status="resolved") == []


def test_a_saved_forecast_is_replaced_whole(store):
    store.save_forecasts([_forecast("f-1")])
    done = replace(_forecast("f-1"), status="no", resolved_at=datetime(2026, 11, 1), note="did not happen",
                   evidence=(dict(CIT, sentence_index=3),))
    store.save_forecasts([done])
    assert store.forecast("f-1") == done
    assert store.forecasts(status="resolved") == [done] == store.forecasts(status="no")
    assert store.forecasts(status="open") == []


def test_proposals_round_trip_and_filter(store):
    store.save_forecasts([_forecast("f-1"), _forecast("f-2")])
    weak = Proposal("f-1", "b" * 16, "yes", 0.4, (CIT,), "Beta confirms it", "pending", datetime(2026, 10, 20))
    strong = Proposal("f-2", "c" * 16, "no", 0.9, (CIT,), "Gamma refutes it", "pending", datetime(2026, 10, 21))
    store.save_proposals([weak, strong])
    assert store.proposals() == [strong, weak]
    assert store.proposals(forecast_id="f-1") == [weak]
    store.save_proposals([replace(weak, status="accepted")])
    assert store.proposals(status="pending") == [strong]
    assert store.proposals(forecast_id="f-1", status="accepted") == [replace(weak, status="accepted")]
