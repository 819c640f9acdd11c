"""Exports: a story as Markdown or a standalone HTML file, feeds of the top stories, the daily digest."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from parallax.errors import InputError
from parallax.serve.addresses import public_base, public_url
from parallax.serve.digest import daily_digest, digest_entries
from parallax.serve.feeds import FeedEntry, atom_feed, rss_feed
from parallax.serve.gather import ranked_stories
from parallax.serve.gather.stories import rows_for
from parallax.serve.listing import ListQuery, StoryRow
from parallax.serve.ranking import parse_day
from parallax.serve.render import render_story_html
from parallax.serve.routes.stories import VersionParam, list_query, material_or_404

router = APIRouter()
FEED_SIZE = 30
# The standalone page carries its stylesheet inline and needs nothing else: no script at all.
EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'"


def _brief_or_404(request: Request, story_id: str, version: int | None):
    m = material_or_404(request, story_id, version)
    if m.brief is None:
        raise HTTPException(404, f"Story {story_id!r} has no brief yet, so there is nothing to export.")
    return m


@router.get("/stories/{story_id}.md", tags=["Exports"])
def story_markdown(request: Request, story_id: str, version: VersionParam = None) -> Response:
    """The story's brief as Markdown (the writer's renderer, with footnote-style citations)."""
    m = _brief_or_404(request, story_id, version)
    try:
        from parallax.write import render_markdown  # type: ignore[attr-defined]
    except ImportError:
        raise HTTPException(501, "Markdown export needs parallax.write.render_markdown, not installed yet.") from None
    return Response(render_markdown(m.brief.body), media_type="text/markdown; charset=utf-8")


@router.get("/stories/{story_id}.html", tags=["Exports"])
def story_html_file(request: Request, story_id: str, version: VersionParam = None) -> Response:
    """The story's brief as one self-contained HTML file (inline CSS, no script), to download."""
    m = _brief_or_404(request, story_id, version)
    headers = {"Content-Disposition": f'attachment; filename="{story_id}-v{m.brief.story_version}.html"',
               "Content-Security-Policy": EXPORT_CSP}
    return Response(render_story_html(m.brief.body, m.articles), media_type="text/html; charset=utf-8",
                    headers=headers)


def _feed_entries(request: Request, q: ListQuery) -> list[FeedEntry]:
    store, base = request.app.state.store, public_base(request)
    rows = rows_for(store, ranked_stories(store, q.wanted, q.order)[:FEED_SIZE])
    return [FeedEntry(r.id, r.title, f"{base}/stories/{r.id}", r.last_published, _feed_summary(r)) for r in rows]


def _feed_summary(row: StoryRow) -> str:
    reach = f"{_count(row.article_count, 'article')} from {_count(row.outlet_count, 'outlet')}"
    return f"{row.lede} ({reach})" if row.lede else reach


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@router.get("/feed.atom", tags=["Exports"])
def feed_atom(request: Request, q: Annotated[ListQuery, Depends(list_query)]) -> Response:
    """An Atom feed of the top 30 stories (the story list's order and filters apply)."""
    body = atom_feed(_feed_entries(request, q), public_base(request) + "/", public_url(request))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/feed.rss", tags=["Exports"])
def feed_rss(request: Request, q: Annotated[ListQuery, Depends(list_query)]) -> Response:
    """An RSS 2.0 feed of the top 30 stories (the story list's order and filters apply)."""
    body = rss_feed(_feed_entries(request, q), public_base(request) + "/", public_url(request))
    return Response(body, media_type="application/rss+xml; charset=utf-8")


def digest_day(day: str) -> date:
    """The digest's day; raises ``InputError`` naming it when it is not a day the server answers for."""
    found = parse_day("day", day)
    if found is None:
        raise InputError("day", "write the day as YYYY-MM-DD")
    return found


@router.get("/digest/{day}.md", tags=["Exports"])
def digest_md(request: Request, day: str) -> Response:
    """The day's stories in Markdown: titles, first summary sentence, outlets."""
    text = daily_digest(request.app.state.store, digest_day(day), public_base(request))
    return Response(text, media_type="text/markdown; charset=utf-8")


@router.get("/digest/{day}.json", tags=["JSON API"])
def digest_json(request: Request, day: str) -> JSONResponse:
    """The day's stories as JSON, most significant first."""
    when = digest_day(day)
    entries = digest_entries(request.app.state.store, when)
    return JSONResponse({"day": when.isoformat(), "stories": [asdict(e) for e in entries]})
