"""What the server holds and how it is configured."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter()
GET = ["GET", "HEAD"]


@router.api_route("/status.json", methods=GET)
def status_json(request: Request) -> JSONResponse:
    """Counts of outlets, articles, stories, briefs and failures by stage."""
    return JSONResponse(asdict(request.app.state.store.counts()))


@router.api_route("/-/settings.json", methods=GET)
def settings_json(request: Request) -> JSONResponse:
    """The settings this server runs with (the one list in parallax.settings)."""
    return JSONResponse(request.app.state.settings.as_dict())
