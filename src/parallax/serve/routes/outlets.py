"""The outlets index and one page per outlet: facts, coverage, recent articles, bias wheel."""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse

from parallax.ingest.outlets.describe import outlet_dict
from parallax.serve.gather import OutletMaterial, outlet_index, outlet_material
from parallax.serve.render import render
from parallax.serve.wheel import bias_wheel

router = APIRouter()


def outlet_url(name: str) -> str:
    return f"/outlets/{quote(name, safe='')}"


def _index_json(entries: list[dict]) -> list[dict]:
    return [{**outlet_dict(e["outlet"]), "article_count": e["article_count"], "story_count": e["story_count"],
             "url": outlet_url(e["outlet"].name), "json": outlet_url(e["outlet"].name) + ".json"} for e in entries]


@router.get("/outlets", response_class=HTMLResponse, tags=["Pages"])
def outlets_page(request: Request) -> HTMLResponse:
    """Every outlet with its country, ownership, leaning and how much it covered."""
    entries = outlet_index(request.app.state.store)
    return HTMLResponse(render("outlets.html", entries=entries, json_url="/outlets.json", nav="outlets", query=""))


@router.get("/outlets.json", tags=["JSON API"])
def outlets_json(request: Request) -> JSONResponse:
    """The outlets index as JSON."""
    entries = _index_json(outlet_index(request.app.state.store))
    return JSONResponse({"count": len(entries), "outlets": entries})


def _material(request: Request, name: str) -> OutletMaterial:
    material = outlet_material(request.app.state.store, name)
    if material is None:
        raise HTTPException(404, f"There is no outlet named {name!r}.")
    return material


@router.get("/outlets/{name:path}.json", tags=["JSON API"])
def outlet_json(request: Request, name: str) -> JSONResponse:
    """One outlet: facts, coverage counts, recent articles and language profile (null until scored)."""
    m = _material(request, name)
    profile = None if m.profile is None else {
        "articles": m.profile_articles, "dimensions": {d.dimension: asdict(d) for d in m.profile}}
    return JSONResponse({
        "outlet": outlet_dict(m.outlet), "article_count": m.article_count, "story_count": m.story_count,
        "stories_url": "/?" + f"outlet={quote(m.outlet.name, safe='')}", "language_profile": profile,
        "recent_articles": [_recent_json(r) for r in m.recent],
        "same_name_on_other_sites": [{"outlet": n, "url": outlet_url(n)} for n in m.same_name],
    })


def _recent_json(entry: dict) -> dict:
    a = entry["article"]
    return {"article_id": a.id, "title": a.title, "url": a.url,
            "published": a.published.isoformat() if a.published else None, "story_id": entry["story_id"],
            "story_url": f"/stories/{entry['story_id']}" if entry["story_id"] else None,
            "scores": dict(entry["scores"])}


@router.get("/outlets/{name:path}", response_class=HTMLResponse, tags=["Pages"])
def outlet_page(request: Request, name: str) -> HTMLResponse:
    """One outlet: facts, coverage, its language profile as a bias wheel, its newest articles."""
    m = _material(request, name)
    wheel = bias_wheel({d.dimension: d.value for d in m.profile}) if m.profile else None
    return HTMLResponse(render("outlet.html", m=m, wheel=wheel, json_url=outlet_url(name) + ".json",
                               stories_url="/?outlet=" + quote(m.outlet.name, safe=""), nav="outlets", query=""))
