"""Write endpoints. Each needs the API token; with none configured the server stays read-only."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from parallax.serve.auth import WriteAccess
from parallax.serve.render import safe_url
from parallax.store.base import FeedState

router = APIRouter(prefix="/api", dependencies=[WriteAccess], tags=["Writes"])


class FeedSubscription(BaseModel):
    url: str


@router.post("/feeds", status_code=201)
def add_feed(request: Request, subscription: FeedSubscription) -> JSONResponse:
    """Subscribe to an RSS/Atom feed (needs the API token): 201 when new, 200 when already known."""
    url = subscription.url.strip()
    if not safe_url(url):
        raise HTTPException(400, f"url: {subscription.url!r} is not an absolute http(s) URL")
    store = request.app.state.store
    if not hasattr(store, "save_feed_state"):
        raise HTTPException(501, "not yet stored: this store keeps no feeds")
    if store.feed_state(url) is not None:
        return JSONResponse({"url": url, "created": False}, status_code=200)
    store.save_feed_state(FeedState(url))
    return JSONResponse({"url": url, "created": True}, status_code=201)
