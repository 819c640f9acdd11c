"""The story list and the story page, with their JSON twins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from parallax.models import LEANINGS
from parallax.serve.gather import StoryMaterial, outlets_by_name, ranked_stories, story_material
from parallax.serve.gather.stories import rows_for, story_outlines
from parallax.serve.listing import DEFAULT_ORDER, PER_PAGE, ListQuery, PageWindow, StoryRow, page_window
from parallax.serve.ranking import check_order, parse_filter
from parallax.serve.render import render
from parallax.serve.story import (
    BriefView,
    bare_view,
    brief_claims_grid,
    brief_view,
    sources_from_articles,
    story_json,
)
from parallax.store.base import standing_story_id
from parallax.text.language import language_name

router = APIRouter()
ORDER_LABELS = (("significance", "most significant"), ("coverage", "most outlets"), ("recency", "most recent"),
                ("size", "most articles"))


def list_query(
    order: Annotated[str, Query(description="significance, coverage, recency or size")] = DEFAULT_ORDER,
    page: Annotated[int, Query(description="page number, from 1")] = 1,
    per_page: Annotated[int, Query(description="stories per page, 1 to 100")] = PER_PAGE,
    date_from: Annotated[str, Query(alias="from", description="stories with articles on or after YYYY-MM-DD")] = "",
    date_to: Annotated[str, Query(alias="to", description="stories with articles on or before YYYY-MM-DD")] = "",
    outlet: Annotated[str, Query(description="stories this outlet covered (exact name)")] = "",
    country: Annotated[str, Query(description="stories covered from this country (ISO code)")] = "",
    leaning: Annotated[str, Query(description="stories covered by an outlet of this leaning")] = "",
    language: Annotated[str, Query(description="stories with an article in this language (ISO 639-1, e.g. de)")] = "",
) -> ListQuery:
    """The list parameters, checked; a bad one is a 400 naming it."""
    wanted = parse_filter(date_from, date_to, outlet, country, leaning, language)
    return ListQuery(wanted, check_order(order), page, per_page)


ListParams = Annotated[ListQuery, Depends(list_query)]
MAX_VERSION = 2**31 - 1
VersionParam = Annotated[int | None, Query(ge=1, le=MAX_VERSION, description="a version of the story's brief")]


def listing(request: Request, q: ListQuery) -> tuple[PageWindow, list[StoryRow]]:
    """One page of the filtered, ordered story list."""
    store = request.app.state.store
    ranked = ranked_stories(store, q.wanted, q.order)
    window = page_window(q.page, q.per_page, len(ranked))
    return window, rows_for(store, ranked[window.offset : window.offset + window.per_page])


def _facets(request: Request) -> dict[str, list[str]]:
    outlets = outlets_by_name(request.app.state.store)
    countries = sorted({o.country for o in outlets.values() if o.country})
    languages = sorted({m.language for o in story_outlines(request.app.state.store) for m in o.members if m.language})
    return {"outlets": sorted(outlets, key=str.casefold), "countries": countries, "leanings": list(LEANINGS),
            "languages": [(code, language_name(code)) for code in languages]}


@router.get("/", response_class=HTMLResponse, tags=["Pages"])
def story_list(request: Request, q: ListParams) -> HTMLResponse:
    """The stories, most significant first; sortable and filterable by date, outlet, country and leaning."""
    window, rows = listing(request, q)
    return HTMLResponse(render("index.html", rows=rows, window=window, q=q, orders=ORDER_LABELS,
                               facets=_facets(request), json_url=q.link("/stories.json"), query=""))


@router.get("/stories.json", tags=["JSON API"])
def story_list_json(request: Request, q: ListParams) -> JSONResponse:
    """The story list as JSON (same parameters as the page), with links to the neighbouring pages."""
    window, rows = listing(request, q)
    return JSONResponse({
        "order": q.order, "filters": q.wanted.as_params(), "page": window.page, "pages": window.pages,
        "per_page": window.per_page, "total": window.total, "stories": [r.as_json() for r in rows],
        "prev": q.link("/stories.json", page=window.page - 1) if window.has_prev else None,
        "next": q.link("/stories.json", page=window.page + 1) if window.has_next else None,
    })


def material_or_404(request: Request, story_id: str, version: int | None) -> StoryMaterial:
    """The story's material, or a 404 naming the missing story or brief version."""
    material = story_material(request.app.state.store, story_id, version)
    if material is None:
        raise HTTPException(404, f"There is no story with id {story_id!r}.")
    if version is not None and material.brief is None:
        raise HTTPException(404, f"Story {story_id!r} has no brief for version {version}.")
    return material


def merged_redirect(request: Request, story_id: str, suffix: str = "") -> RedirectResponse | None:
    """A permanent redirect to the story that ``story_id`` was merged into, keeping the query; None if it stands."""
    standing = standing_story_id(request.app.state.store, story_id)
    if standing == story_id:
        return None
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/stories/{standing}{suffix}{query}", status_code=308)


@router.get("/stories/{story_id}.json", tags=["JSON API"])
def story_page_json(request: Request, story_id: str, version: VersionParam = None) -> Response:
    """Story metadata, version changes and its brief, each citation with the sentence it resolves to.

    A story merged into another redirects (308) to the one it became part of."""
    if moved := merged_redirect(request, story_id, ".json"):
        return moved
    m = material_or_404(request, story_id, version)
    grid = brief_claims_grid(m.brief.body) if m.brief else None
    extra = {
        "versions": m.versions, "brief_version": m.brief.story_version if m.brief else None,
        "brief_change": m.brief_change.as_json() if m.brief_change else None,
        "claims_grid": grid.as_json() if grid else None,
    }
    return JSONResponse(story_json(m.row, extra, m.brief.body if m.brief else None, m.articles))


@router.get("/stories/{story_id}", response_class=HTMLResponse, tags=["Pages"])
def story_page(request: Request, story_id: str, version: VersionParam = None) -> Response:
    """The story page: the brief with hover/focus citations, claims grid, sources, versions, provenance.

    A story merged into another redirects (308) to the one it became part of."""
    if moved := merged_redirect(request, story_id):
        return moved
    m = material_or_404(request, story_id, version)
    return HTMLResponse(render("story.html", **_story_context(m, version)))


def _view(m: StoryMaterial) -> BriefView:
    if m.brief:
        return brief_view(m.brief.body, m.articles)
    members = [m.articles[i] for i in m.story.article_ids if i in m.articles]
    return bare_view(m.row.title, sources_from_articles(members, m.outlets, dict(m.story.reprints)))


def _story_context(m: StoryMaterial, version: int | None) -> dict[str, Any]:
    view = _view(m)
    suffix = f"?version={version}" if version else ""
    return {
        "view": view, "row": m.row, "versions": m.versions, "has_brief": m.brief is not None,
        "current_version": m.brief.story_version if m.brief else m.story.version,
        "grid": brief_claims_grid(m.brief.body) if m.brief else None, "change": m.brief_change,
        "exports": m.brief is not None, "json_url": f"/stories/{m.story.id}.json{suffix}", "query": "",
    }
