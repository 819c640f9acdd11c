"""Full-text search over the stored articles (SQLite FTS5)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from parallax.serve.render import render
from parallax.serve.snippets import query_terms, search_result

router = APIRouter()
MAX_RESULTS = 50


def _results(request: Request, q: str) -> list[dict]:
    store = request.app.state.store
    terms = query_terms(q)
    return [search_result(a, terms, store.story_of_article(a.id)) for a in store.search_articles(q, MAX_RESULTS)]


@router.get("/search", response_class=HTMLResponse, tags=["Pages"])
def search_page(request: Request, q: str = "") -> HTMLResponse:
    """Articles matching ``q``, each with its best sentence and its story."""
    results = _results(request, q)
    return HTMLResponse(render("search.html", query=q, results=results, json_url="/search.json?" + urlencode({"q": q})))


@router.get("/search.json", tags=["JSON API"])
def search_json(request: Request, q: str = "") -> JSONResponse:
    """The search results as JSON."""
    results = [{k: v for k, v in r.items() if k != "snippet_parts"} for r in _results(request, q)]
    return JSONResponse({"query": q, "count": len(results), "results": results})
