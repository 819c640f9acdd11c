"""The story list and the story page, with their JSON twins."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse

from parallax.serve.gather import StoryMaterial, story_material, story_rows
from parallax.serve.listing import PER_PAGE, PageWindow, StoryRow, check_order, page_window
from parallax.serve.render import render
from parallax.serve.story import bare_view, brief_view, sources_from_articles, story_json

router = APIRouter()
GET = ["GET", "HEAD"]
ORDER_LABELS = (("coverage", "most outlets"), ("recency", "most recent"), ("size", "most articles"))


def _listing(request: Request, order: str, page: int, per_page: int) -> tuple[PageWindow, list[StoryRow]]:
    store = request.app.state.store
    window = page_window(page, per_page, store.counts().stories)
    stories = store.stories(limit=window.per_page, offset=window.offset, order=check_order(order))
    return window, story_rows(store, stories)


@router.api_route("/", methods=GET, response_class=HTMLResponse)
def story_list(request: Request, order: str = "coverage", page: int = 1, per_page: int = PER_PAGE) -> HTMLResponse:
    """The stories, most covered (or most recent) first."""
    window, rows = _listing(request, order, page, per_page)
    json_url = f"/stories.json?order={order}&page={page}"
    return HTMLResponse(render("index.html", rows=rows, window=window, order=order, orders=ORDER_LABELS,
                               json_url=json_url, query=""))


@router.api_route("/stories.json", methods=GET)
def story_list_json(request: Request, order: str = "coverage", page: int = 1, per_page: int = PER_PAGE) -> JSONResponse:
    """The story list as JSON, with links to the neighbouring pages."""
    window, rows = _listing(request, order, page, per_page)
    link = lambda n: f"/stories.json?order={order}&page={n}&per_page={per_page}"  # noqa: E731
    return JSONResponse({
        "order": order, "page": window.page, "pages": window.pages, "per_page": window.per_page,
        "total": window.total, "stories": [r.as_json() for r in rows],
        "prev": link(window.page - 1) if window.has_prev else None,
        "next": link(window.page + 1) if window.has_next else None,
    })


def _material(request: Request, story_id: str, version: int | None) -> StoryMaterial:
    material = story_material(request.app.state.store, story_id, version)
    if material is None:
        raise HTTPException(404, f"There is no story with id {story_id!r}.")
    if version is not None and material.brief is None:
        raise HTTPException(404, f"Story {story_id!r} has no brief for version {version}.")
    return material


@router.api_route("/stories/{story_id}.json", methods=GET)
def story_page_json(request: Request, story_id: str, version: int | None = None) -> JSONResponse:
    """Story metadata and its brief, each citation with the sentence it resolves to."""
    m = _material(request, story_id, version)
    extra = {"versions": m.versions, "brief_version": m.brief.story_version if m.brief else None}
    return JSONResponse(story_json(m.row, extra, m.brief.body if m.brief else None, m.articles))


@router.api_route("/stories/{story_id}", methods=GET, response_class=HTMLResponse)
def story_page(request: Request, story_id: str, version: int | None = None) -> HTMLResponse:
    """The story page: the brief with hover/focus citations, sources, versions, provenance."""
    m = _material(request, story_id, version)
    return HTMLResponse(render("story.html", **_story_context(m, version)))


def _story_context(m: StoryMaterial, version: int | None) -> dict[str, Any]:
    if m.brief:
        view = brief_view(m.brief.body, m.articles)
    else:
        members = [m.articles[i] for i in m.story.article_ids if i in m.articles]
        view = bare_view(m.row.title, sources_from_articles(members, m.outlets, dict(m.story.reprints)))
    suffix = f"?version={version}" if version else ""
    return {
        "view": view, "row": m.row, "versions": m.versions, "has_brief": m.brief is not None,
        "current_version": m.brief.story_version if m.brief else m.story.version,
        "json_url": f"/stories/{m.story.id}.json{suffix}", "query": "",
    }
