"""The forecast ledger on the web: the scoreboard with its reliability chart, one page per forecast,
their JSON twins, and resolution (a token-protected form, and a JSON endpoint for scripts)."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel

from parallax.errors import InputError
from parallax.forecast import OUTCOMES, Forecast, current_calibration, find_forecast, resolve, scorecard
from parallax.forecast.records import STATUSES, forecast_to_dict, proposal_to_dict
from parallax.serve.auth import WriteAccess, require_token
from parallax.serve.render import render

router = APIRouter()
api = APIRouter(prefix="/api", dependencies=[WriteAccess], tags=["Writes"])
_FILTERS = ("", "resolved", *STATUSES)


def _listed(request: Request, status: str) -> list[Forecast]:
    if status not in _FILTERS:
        raise HTTPException(400, f"status: {status!r} is not one of {', '.join(s for s in _FILTERS if s)}")
    return request.app.state.store.forecasts(status=status or None)


def _board(request: Request) -> dict:
    store = request.app.state.store
    card = scorecard(store.forecasts())
    card["calibration"] = current_calibration(store).label
    return card


@router.get("/forecasts.json", tags=["JSON API"])
def forecasts_json(request: Request, status: str = "") -> JSONResponse:
    """Every forecast (optionally of one status) with the scoreboard: Brier, reliability, by group."""
    rows = _listed(request, status)
    return JSONResponse({"score": _board(request), "count": len(rows),
                         "forecasts": [{**forecast_to_dict(f), "url": f"/forecasts/{f.id}"} for f in rows]})


@router.get("/forecasts", response_class=HTMLResponse, tags=["Pages"])
def forecasts_page(request: Request, status: str = "") -> HTMLResponse:
    """The ledger: how well the outcome model has done, and every forecast with its status."""
    rows = _listed(request, status)
    suffix = f"?status={status}" if status else ""
    return HTMLResponse(render("forecasts.html", card=_board(request), rows=rows, status=status,
                               filters=_FILTERS, json_url="/forecasts.json" + suffix, nav="forecasts", query=""))


def _forecast(request: Request, forecast_id: str) -> Forecast:
    try:
        return find_forecast(request.app.state.store, forecast_id)
    except InputError as exc:
        raise HTTPException(404, f"There is no forecast {forecast_id!r}.") from exc


@router.get("/forecasts/{forecast_id}.json", tags=["JSON API"])
def forecast_json_page(request: Request, forecast_id: str) -> JSONResponse:
    """One forecast with its proposed resolutions."""
    f = _forecast(request, forecast_id)
    proposals = request.app.state.store.proposals(forecast_id=f.id)
    return JSONResponse({**forecast_to_dict(f), "proposals": [proposal_to_dict(p) for p in proposals]})


@router.get("/forecasts/{forecast_id}", response_class=HTMLResponse, tags=["Pages"])
def forecast_page(request: Request, forecast_id: str) -> HTMLResponse:
    """One forecast: proposition, criteria, probability and its reasons, sources, proposals, the resolve form."""
    f = _forecast(request, forecast_id)
    store = request.app.state.store
    proposals = store.proposals(forecast_id=f.id)
    ids = {c["article_id"] for c in f.citations} | {c["article_id"] for p in proposals for c in p.evidence}
    articles = {a.id: a for a in store.articles(sorted(ids))}
    return HTMLResponse(render("forecast.html", f=f, proposals=proposals, articles=articles, outcomes=OUTCOMES,
                               writable=bool(request.app.state.api_token), json_url=f"/forecasts/{f.id}.json",
                               nav="forecasts", query=""))


@router.post("/forecasts/{forecast_id}/resolve", tags=["Writes"])
async def resolve_form(request: Request, forecast_id: str) -> RedirectResponse:
    """The resolve form (fields outcome, note, token); the token may also come as a bearer header."""
    fields = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
    header = request.headers.get("authorization", "")
    token = fields.get("token") or (header[7:] if header.lower().startswith("bearer ") else "")
    require_token(request, HTTPAuthorizationCredentials(scheme="Bearer", credentials=token))
    f = _settle(request, forecast_id, fields.get("outcome", ""), fields.get("note", ""))
    return RedirectResponse(f"/forecasts/{f.id}", status_code=303)


class Resolution(BaseModel):
    outcome: str
    note: str = ""


@api.post("/forecasts/{forecast_id}/resolve")
def resolve_api(request: Request, forecast_id: str, resolution: Resolution) -> JSONResponse:
    """Resolve a forecast yes, no or void (needs the API token)."""
    return JSONResponse(forecast_to_dict(_settle(request, forecast_id, resolution.outcome, resolution.note)))


def _settle(request: Request, forecast_id: str, outcome: str, note: str) -> Forecast:
    if outcome not in OUTCOMES:
        raise HTTPException(400, f"outcome: {outcome!r} is not one of {', '.join(OUTCOMES)}")
    return resolve(request.app.state.store, _forecast(request, forecast_id).id, outcome, note.strip())
