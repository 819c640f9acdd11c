"""`parallax forecasts ...`: the forecast ledger — list, show, record, propose, resolve, score."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from parallax.cli.console import DbOption, echo_markdown, err, friendly_errors, out, settings_from, store_for
from parallax.errors import InputError
from parallax.forecast import (
    OUTCOMES,
    Forecast,
    find_forecast,
    propose_resolutions,
    record_forecasts,
    resolve,
    scorecard,
)
from parallax.forecast.records import forecast_to_dict, proposal_to_dict

forecasts_app = typer.Typer(help="The forecast ledger: potential outcomes kept, resolved and scored.",
                            no_args_is_help=True)
StatusOption = Annotated[str | None, typer.Option(help="open, resolved, yes, no or void")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON instead of a table")]


@forecasts_app.command("list")
def list_command(status: StatusOption = None, story: Annotated[str | None, typer.Option(help="story id")] = None,
                 as_json: JsonOption = False, db: DbOption = None) -> None:
    """List forecasts, newest first."""
    with friendly_errors():
        rows = store_for(settings_from(db=db)).forecasts(status=status, story_id=story)
        if as_json:
            for f in rows:
                echo_markdown(json.dumps(forecast_to_dict(f), ensure_ascii=False))
            return
        table = Table("id", "made", "by", "p", "status", "proposition")
        for f in rows:
            table.add_row(f.id, f"{f.made_at:%Y-%m-%d}", f"{f.resolve_by:%Y-%m-%d}", f"{f.probability:.2f}",
                          f.status, f.proposition)
        out.print(table)


@forecasts_app.command("show")
def show_command(forecast: Annotated[str, typer.Argument(help="forecast id (or a unique prefix)")],
                 as_json: JsonOption = False, db: DbOption = None) -> None:
    """One forecast: proposition, criteria, probability and why, citations, proposals."""
    with friendly_errors():
        store = store_for(settings_from(db=db))
        f = find_forecast(store, forecast)
        proposals = store.proposals(forecast_id=f.id)
        if as_json:
            echo_markdown(json.dumps({**forecast_to_dict(f), "proposals": [proposal_to_dict(p) for p in proposals]},
                                     indent=2, ensure_ascii=False))
            return
        for line in _show_lines(f) + [f"proposal: {p.verdict} ({p.confidence:.2f}, {p.status}) {p.reason}"
                                      for p in proposals]:
            echo_markdown(line)


def _show_lines(f: Forecast) -> list[str]:
    return [f"{f.id}  [{f.status}]  story {f.story_id} v{f.story_version}", f"statement: {f.text}",
            f"proposition: {f.proposition}", f"criteria: {f.criteria}",
            f"made {f.made_at:%Y-%m-%d}, resolve by {f.resolve_by:%Y-%m-%d} ({f.horizon})",
            f"probability: {f.probability:.2f} (model {f.base_probability:.2f}; {f.model})", f"why: {f.reason}",
            f"topic: {f.topic}; source: {f.source_kind}; outlets: {', '.join(f.outlets)}"] + (
            [f"resolved {f.resolved_at:%Y-%m-%d}: {f.note}"] if f.resolved_at else [])


@forecasts_app.command("resolve")
def resolve_command(forecast: Annotated[str, typer.Argument(help="forecast id (or a unique prefix)")],
                    outcome: Annotated[str, typer.Argument(help="yes, no or void")],
                    note: Annotated[str, typer.Option(help="why: what settled it")] = "",
                    db: DbOption = None) -> None:
    """Resolve a forecast; a pending proposal with the same verdict lends its evidence."""
    with friendly_errors():
        if outcome not in OUTCOMES:
            raise InputError(outcome, f"not an outcome; valid: {', '.join(OUTCOMES)}")
        done = resolve(store_for(settings_from(db=db)), forecast, outcome, note)
        err.print(f"{done.id} resolved {done.status} ({len(done.evidence)} evidence sentences)")


@forecasts_app.command("record")
def record_command(db: DbOption = None) -> None:
    """Make forecasts from every stored brief's potential outcomes (idempotent)."""
    with friendly_errors():
        store = store_for(settings_from(db=db))
        changed = 0
        for story in store.stories(limit=1_000_000):
            stored = store.brief(story.id)
            changed += record_forecasts(store, story, stored.body) if stored else 0
        err.print(f"{changed} forecasts created or updated; {len(store.forecasts())} in the ledger")


@forecasts_app.command("propose")
def propose_command(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Look for later coverage that settles open forecasts; list the pending proposals."""
    with friendly_errors():
        store = store_for(settings_from(db=db))
        fresh = propose_resolutions(store)
        pending = store.proposals(status="pending")
        if as_json:
            for p in pending:
                echo_markdown(json.dumps(proposal_to_dict(p), ensure_ascii=False))
            return
        err.print(f"{len(fresh)} new proposals; {len(pending)} pending. Confirm with "
                  "`parallax forecasts resolve ID yes|no --note ...`")
        table = Table("forecast", "verdict", "confidence", "evidence")
        for p in pending:
            table.add_row(p.forecast_id, p.verdict, f"{p.confidence:.2f}", p.reason)
        out.print(table)


@forecasts_app.command("score")
def score_command(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Brier score and calibration of the resolved forecasts, beside the always-0.5 baseline."""
    with friendly_errors():
        card = scorecard(store_for(settings_from(db=db)).forecasts())
        if as_json:
            echo_markdown(json.dumps(card, ensure_ascii=False))
            return
        echo_markdown(f"{card['resolved']} resolved forecasts (of {card['forecasts']}); Brier {card['brier']} "
                      f"(model before recalibration {card['brier_base_model']}; always-0.5: 0.25)")
        for b in card["reliability"]:
            echo_markdown(f"  {b['lower']:.1f}-{b['upper']:.1f}: {b['count']} forecasts, came true {b['observed']}")
