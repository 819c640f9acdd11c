"""What the server holds and how it is configured; the API's own documentation."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from parallax.ingest.health import failure_kinds
from parallax.serve.apidocs import api_operations
from parallax.serve.render import render

router = APIRouter()
RECENT_FAILURES = 25


def _status(request: Request) -> dict:
    store = request.app.state.store
    failures = [{**asdict(f), "at": f.at.isoformat() if f.at else None} for f in store.failures(RECENT_FAILURES)]
    return {**asdict(store.counts()), "recent_failures": failures, "feeds": _feeds(store),
            "failure_kinds": failure_kinds(store) if hasattr(store, "failures_by_reason") else {}}


def _feeds(store) -> list[dict]:
    feeds = store.feeds() if hasattr(store, "feeds") else []
    return [{**asdict(f), "last_fetched": f.last_fetched.isoformat() if f.last_fetched else None} for f in feeds]


@router.get("/status.json", tags=["JSON API"])
def status_json(request: Request) -> JSONResponse:
    """Counts of outlets, articles, stories, briefs; failures by stage and the latest with their reasons."""
    return JSONResponse(_status(request))


@router.get("/status", response_class=HTMLResponse, tags=["Pages"])
def status_page(request: Request) -> HTMLResponse:
    """What the database holds, and what the pipeline could not handle (and why)."""
    return HTMLResponse(render("status.html", status=_status(request), json_url="/status.json", nav="status",
                               query=""))


@router.get("/-/settings.json", tags=["JSON API"])
def settings_json(request: Request) -> JSONResponse:
    """The settings this server runs with (the one list in parallax.settings)."""
    return JSONResponse(request.app.state.settings.as_dict())


@router.get("/api", response_class=HTMLResponse, tags=["Pages"])
def api_page(request: Request) -> HTMLResponse:
    """The JSON API, read from this server's OpenAPI document (/openapi.json)."""
    groups = api_operations(request.app.openapi())
    return HTMLResponse(render("api.html", groups=groups, json_url="/openapi.json", nav="api", query=""))
