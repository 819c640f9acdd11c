"""Calibration of the outcome model on the demo corpus, end to end through the forecast ledger.

    python bench/forecast_calibration.py [--embedder minilm|tfidf] [--db PATH]

Builds the demo database (ingest, run), records a forecast for every potential outcome of
every brief, proposes resolutions from later coverage, and then plays the person who
confirms them: a proposal is accepted when it agrees with the settlements the demo
corpus README lists for its follow-up articles (``SETTLED`` below, written from that
README), rejected when it disagrees, and left pending when the README says nothing.
Forecasts the README settles but no proposal found are resolved by hand and counted
apart. Prints the Brier score of the ledger's probabilities and of the writer's rule
table beside the always-0.5 baseline (0.25), with the number of resolutions, then one
JSON line.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

from parallax.cli.ingest import ingest_sources
from parallax.cli.run import run_once
from parallax.cli.serve import demo_corpus
from parallax.forecast import brier, propose_resolutions, record_forecasts, reopen, resolve, scorecard
from parallax.settings import load_settings
from parallax.store import open_store

# (pattern every matching forecast's statement contains, outcome), from the demo README's follow-ups
SETTLED = (
    (r"second, 72-hour stoppage in October", "yes"),  # b6-strike-followup
    (r"expect new cases to peak within two weeks", "yes"),  # b7 follow-up: "in line with ... a peak within two weeks"
    (r"exceed 500 by mid-October", "no"),  # b7-fever-followup
    (r"hotspots .*(extinguished|out) within 48 hours", "no"),  # b10-fire-followup
    (r"presented to the public in the coming days", "no"),  # a1-lannick-followup: no sabotage evidence
    (r"(terminal|port).*(reopen|resume).*(ten days|10 days)", "yes"),  # a1-lannick-followup
    (r"reconstruction fund", "yes"),  # a2-tessel-followup: fund brought to parliament in October
    (r"could well get one|Wessel.*inquiry", "yes"),  # a2-tessel-followup: the opposition won its inquiry
    (r"half a point.*11 November|11 November.*half", "yes"),  # a5-rate-followup
)


def settlement(text: str) -> str | None:
    return next((outcome for pattern, outcome in SETTLED if re.search(pattern, text, re.IGNORECASE)), None)


def build(db: str, embedder: str) -> None:
    settings = load_settings().with_overrides(db=db, embedder=embedder)
    sources, outlets_csv = demo_corpus()
    ingest_sources(settings, sources, "", None, outlets_csv)
    run_once(settings, None)


def writer_probabilities(store) -> dict[tuple[str, str], float]:
    """(story, outcome text) -> the probability the brief writer printed."""
    found = {}
    for story in store.stories(limit=1_000_000):
        stored = store.brief(story.id)
        for o in (stored.body.get("sections", {}).get("outcomes", []) if stored else []):
            found[(story.id, o["text"])] = o["probability"]
    return found


def play_person(store) -> dict:
    """Confirm or reject every pending proposal against the README's settlements; resolve the missed ones."""
    tally = {"accepted": 0, "rejected": 0, "left_pending": 0, "resolved_by_hand": 0}
    forecasts = {f.id: f for f in store.forecasts()}
    for p in store.proposals(status="pending"):
        f = store.forecast(p.forecast_id)
        truth = settlement(f.text)
        if truth is None or f.resolved:
            tally["left_pending"] += truth is None
            continue
        resolve(store, f.id, truth, note=f"README settlement; proposal said {p.verdict}")
        tally["accepted" if truth == p.verdict else "rejected"] += 1
    for f in forecasts.values():
        truth = settlement(f.text)
        if truth and not store.forecast(f.id).resolved:
            resolve(store, f.id, truth, note="README settlement; no proposal found it")
            tally["resolved_by_hand"] += 1
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp()) / "demo.db")
    build(db, args.embedder)
    store = open_store(db)
    for f in store.forecasts(status="resolved"):
        reopen(store, f.id)  # a re-run starts from an open ledger
    recorded = sum(record_forecasts(store, s, store.brief(s.id).body)
                   for s in store.stories(limit=1_000_000) if store.brief(s.id))
    proposals = propose_resolutions(store)
    tally = play_person(store)
    forecasts = store.forecasts()
    card = scorecard(forecasts)
    written = writer_probabilities(store)
    scored = [f for f in forecasts if f.outcome is not None]
    writer = brier([(written[(f.story_id, f.text)], f.outcome) for f in scored if (f.story_id, f.text) in written])
    print(f"{len(forecasts)} forecasts ({recorded} recorded now), {len(proposals)} proposals: {tally}")
    for f in scored:
        print(f"  {f.status:>3}  ledger {f.probability:.2f}  writer {written.get((f.story_id, f.text), float('nan')):.2f}"
              f"  {f.proposition[:90]}")
    print(f"Brier on {card['resolved']} resolutions: ledger model {card['brier']}, writer rule table {writer}, "
          f"always-0.5 {card['baseline_brier']}")
    print(json.dumps({"embedder": args.embedder, "forecasts": len(forecasts), "resolutions": card["resolved"],
                      "came_true": card["counts"]["yes"], "brier_model": card["brier"], "brier_writer": writer,
                      "brier_baseline": card["baseline_brier"], "proposals": len(proposals), **tally,
                      "reliability": card["reliability"]}))


if __name__ == "__main__":
    main()
