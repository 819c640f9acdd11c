"""Feeds to follow: a story's own feed (Atom, JSON Feed) and a feed of new stories, filtered.

Errors are JSON whatever the extension (a feed reader shows the message); a merged story's
feed answers 301 to its successor's feed. Feeds carry Last-Modified and answer
If-Modified-Since (the ETag and If-None-Match come from caching.py, as for every page).
"""

from __future__ import annotations

from datetime import date
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from parallax.errors import InputError
from parallax.serve.addresses import public_base
from parallax.serve.follow import FeedDoc, atom, json_feed, new_stories_feed, story_feed
from parallax.serve.gather.follow import current_id, find_stories, followed
from parallax.serve.gather.stories import brief_headline

router = APIRouter(tags=["Feeds"])
KINDS = {"atom": "application/atom+xml; charset=utf-8", "json": "application/feed+json; charset=utf-8"}
NEW_STORIES = 30


def problem(status: int, message: str, **extra: object) -> JSONResponse:
    """An error a feed reader can show: JSON with the status and a sentence."""
    headers = {"Location": str(extra["location"])} if "location" in extra else None
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status, headers=headers)


def _base(request: Request) -> str:
    return public_base(request)  # never the request's Host: header


def _answer(request: Request, doc: FeedDoc, kind: str) -> Response:
    """The feed, or 304 when If-Modified-Since is not older than its newest entry (and no If-None-Match)."""
    modified = doc.updated.replace(microsecond=0)
    headers = {"Last-Modified": format_datetime(modified, usegmt=True)}
    since = request.headers.get("if-modified-since")
    if since and "if-none-match" not in request.headers:
        try:
            if parsedate_to_datetime(since) >= modified:
                return Response(status_code=304, headers=headers)
        except (TypeError, ValueError):
            pass  # an unreadable date is ignored, as RFC 9110 says
    if kind == "json":
        return JSONResponse(json_feed(doc), media_type=KINDS[kind], headers=headers)
    return Response(atom(doc), media_type=KINDS[kind], headers=headers)


@router.get("/stories/{story_id}/feed.{kind}")
def story_feed_route(request: Request, story_id: str, kind: str) -> Response:
    """A story's developments and brief versions (``feed.atom`` or ``feed.json``); a merged story's feed redirects."""
    if kind not in KINDS:
        return problem(404, f"There is no feed format {kind!r}; use feed.atom or feed.json.")
    store = request.app.state.store
    standing = current_id(store, story_id)
    if standing is None:
        return problem(404, f"There is no story with id {story_id!r}.")
    if standing != story_id:
        location = f"{_base(request)}/stories/{quote(standing, safe='')}/feed.{kind}"
        return problem(301, f"Story {story_id!r} was merged into {standing!r}; its feed continues there.",
                       location=location, story_id=standing)
    if store.story_successor(story_id) is not None:
        return problem(410, f"Story {story_id!r} was retired and its successor is gone.")
    return _answer(request, story_feed(followed(store, story_id), _base(request), str(request.url)), kind)


def _since(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise InputError("since", f"{value!r} is not a date; write YYYY-MM-DD") from None


@router.get("/feeds/stories.{kind}")
def new_stories_route(
    request: Request, kind: str,
    q: Annotated[str, Query(description="words the stories' articles contain")] = "",
    since: Annotated[str, Query(description="stories with articles on or after YYYY-MM-DD")] = "",
    country: Annotated[str, Query(description="covered by an outlet of this country (ISO code)")] = "",
    language: Annotated[str, Query(description="covered by an outlet in this language (ISO 639-1)")] = "",
) -> Response:
    """The newest 30 stories matching every filter, as ``stories.atom`` or ``stories.json``."""
    if kind not in KINDS:
        return problem(404, f"There is no feed format {kind!r}; use stories.atom or stories.json.")
    store = request.app.state.store
    try:
        outlines = find_stories(store, q, _since(since), language, country, NEW_STORIES)
    except InputError as exc:
        return problem(400, str(exc))
    headlines = {o.id: brief_headline(store.brief(o.id)) for o in outlines}
    wanted = {k: v for k, v in (("q", q), ("since", since), ("country", country), ("language", language)) if v}
    doc = new_stories_feed(outlines, headlines, _base(request), str(request.url), urlencode(wanted))
    return _answer(request, doc, kind)
