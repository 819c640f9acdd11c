"""The answers of the assistant tools, read through the web app's gather functions.

Every answer is plain JSON and carries ``citations``: each one names a stored article and the
exact span ``text[start:end]`` of one of its sentences, with that sentence and the article's
URL, so an assistant can quote and link what it says. A story, brief or outlet that does not
exist is an ``InputError`` naming it. Nothing here writes or reaches the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from parallax.data import language_name
from parallax.errors import InputError
from parallax.forecast.records import OPEN, forecast_to_dict
from parallax.ingest.outlets.describe import country_label
from parallax.models import Article, Outlet
from parallax.serve.citations import cited_items, with_sentences
from parallax.serve.coverage import coverage_from_sources
from parallax.serve.gather import outlet_material, outlets_by_name, story_material
from parallax.serve.gather.follow import current_id, find_stories
from parallax.serve.gather.stories import brief_headline
from parallax.store.base import Store

FORMATS = ("json", "md")
MAX_STORIES = 50


def span(article: Article, index: int) -> dict:
    """A citation of sentence ``index`` of ``article``, with the sentence and where to read it."""
    s = article.sentences[index]
    return {"article_id": article.id, "outlet": article.outlet, "sentence_index": index, "start": s.start,
            "end": s.end, "sentence": article.text[s.start : s.end], "url": article.url}


def resolved(citations: Iterable[dict], articles: Mapping[str, Article]) -> list[dict]:
    """Stored citations that still resolve, as ``span``s (one that does not is left out, never invented)."""
    out = []
    for c in citations:
        article = articles.get(str(c.get("article_id")))
        index = c.get("sentence_index")
        if article is not None and isinstance(index, int) and 0 <= index < len(article.sentences):
            out.append(span(article, index))
    return out


def _lead(article: Article) -> list[dict]:
    return [span(article, 0)] if article.sentences else []


def _material(store: Store, story_id: str):
    standing = current_id(store, story_id)
    if standing is None:
        raise InputError(story_id, "there is no story with this id")
    material = story_material(store, standing)
    assert material is not None
    return material


def search_stories(store: Store, query: str = "", since: str = "", language: str = "", country: str = "",
                   limit: int = 10) -> dict:
    """Stories matching every filter, newest first, each with its headline and the sentences behind it."""
    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        raise InputError("since", f"{since!r} is not a date; write YYYY-MM-DD") from None
    found = find_stories(store, query, day, language, country, max(1, min(limit, MAX_STORIES)))
    stories = [_story_summary(store, o.id) for o in found]
    return {"query": query, "count": len(stories), "stories": stories,
            "citations": [c for s in stories for c in s["citations"]]}


def _story_summary(store: Store, story_id: str) -> dict:
    m = _material(store, story_id)
    title, lede = brief_headline(m.brief)
    summary = (m.brief.body.get("summary") or [{}])[0] if m.brief else {}
    citations = resolved(summary.get("citations") or [], m.articles) if isinstance(summary, dict) else []
    members = sorted((m.articles[i] for i in m.story.article_ids if i in m.articles),
                     key=lambda a: (a.published is None, a.published or 0))
    if not citations and members:
        citations = _lead(members[0])
    return {"id": story_id, "title": title or m.row.title, "lede": lede, "articles": m.row.article_count,
            "outlets": m.row.outlet_count, "first_published": _iso(m.story.first_published),
            "last_published": _iso(m.story.last_published), "has_brief": m.brief is not None,
            "citations": citations}


def get_brief(store: Store, story_id: str, fmt: str = "json") -> dict:
    """A story's brief as JSON (every citation with its sentence) or Markdown, and the citations it makes."""
    if fmt not in FORMATS:
        raise InputError("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    m = _material(store, story_id)
    if m.brief is None:
        raise InputError(story_id, "this story has no brief yet")
    citations = resolved((c for item in cited_items(m.brief.body) for c in item["citations"]), m.articles)
    answer = {"story_id": m.story.id, "version": m.brief.story_version, "format": fmt,
              "citations": list({(c["article_id"], c["sentence_index"]): c for c in citations}.values())}
    if fmt == "md":
        from parallax.write import render_markdown

        return {**answer, "text": render_markdown(m.brief.body)}
    return {**answer, "brief": with_sentences(m.brief.body, m.articles)}


def story_coverage(store: Store, story_id: str) -> dict:
    """Who covered a story: each outlet with its facts and lead sentence, and counts by country, language,
    ownership and leaning, each with the outlets behind it (reprints are listed but not counted as independent
    coverage; a family counts once), and the state-controlled outlets named."""
    m = _material(store, story_id)
    reprints = dict(m.story.reprints)
    by_outlet: dict[str, list[Article]] = {}
    for article_id in m.story.article_ids:
        if article_id in m.articles and article_id not in reprints:
            by_outlet.setdefault(m.articles[article_id].outlet, []).append(m.articles[article_id])
    outlets = [_outlet_entry(m.outlets.get(name) or Outlet(name), articles) for name, articles in by_outlet.items()]
    counts = coverage_from_sources({"outlet": {**o, "language": o["language_code"]}} for o in outlets)
    behind = counts.pop("outlets")  # who is behind each count (a family counts once)
    return {"story_id": m.story.id, "articles": len(m.story.article_ids), "reprints": len(reprints),
            "outlets": outlets, **counts, "outlets_behind": behind,
            "citations": [c for o in outlets for c in o["citations"]]}


def _outlet_entry(outlet: Outlet, articles: list[Article]) -> dict:
    return {**_facts(outlet), "articles": len(articles), "citations": _lead(articles[0])}


def _facts(o: Outlet) -> dict:
    """An outlet's facts for people: names, with the codes in fields named as codes."""
    return {"name": o.name, "country": country_label(o.country), "country_code": o.country or None,
            "language": language_name(o.language) if o.language else None, "language_code": o.language or None,
            "ownership": o.ownership, "leaning": o.leaning, "family": o.family or None}


def claims(store: Store, story_id: str) -> dict:
    """The story's key claims: the outlets that assert, dispute or leave out each, with the cited sentences."""
    m = _material(store, story_id)
    if m.brief is None:
        raise InputError(story_id, "this story has no brief yet, so no claims were compared")
    listed = (m.brief.body.get("sections") or {}).get("key_claims") or []
    out = [{"claim": c.get("text", ""), "asserted_by": c.get("asserted_by") or [],
            "disputed_by": c.get("disputed_by") or [], "omitted_by": c.get("omitted_by") or [],
            "citations": resolved(c.get("citations") or [], m.articles)} for c in listed if isinstance(c, dict)]
    return {"story_id": m.story.id, "version": m.brief.story_version, "claims": out,
            "citations": [c for claim in out for c in claim["citations"]]}


def outlet(store: Store, name: str) -> dict:
    """An outlet's facts, how much it covered, its language profile and its newest articles (lead sentences)."""
    found = outlet_material(store, name)
    if found is None:
        known = {n.casefold(): n for n in outlets_by_name(store)}
        hint = f"; did you mean {known[name.casefold()]!r}?" if name.casefold() in known else ""
        raise InputError(name, f"there is no outlet of this name{hint}")
    o = found.outlet
    recent = [{"title": r["article"].title, "story_id": r["story_id"], "published": _iso(r["article"].published),
               "citations": _lead(r["article"])} for r in found.recent]
    profile = {d.dimension: d.value for d in found.profile or ()}
    return {**_facts(o), "domain": o.domain, "articles": found.article_count, "stories": found.story_count,
            "profile": profile, "recent": recent, "citations": [c for r in recent for c in r["citations"]],
            "same_name_on_other_sites": list(found.same_name)}


def forecasts(store: Store, open_only: bool = True) -> dict:
    """The forecast ledger (open forecasts only, by default), each with the sentences it was made from."""
    rows = store.forecasts(status=OPEN if open_only else None)
    wanted = {str(c.get("article_id")) for f in rows for c in f.citations}
    articles = {a.id: a for a in store.articles(sorted(wanted))}
    out = [{**{k: v for k, v in forecast_to_dict(f).items() if k not in ("citations", "evidence")},
            "citations": resolved(f.citations, articles)} for f in rows]
    return {"count": len(out), "forecasts": out, "citations": [c for f in out for c in f["citations"]]}


def _iso(value) -> str | None:
    return value.isoformat() if value else None
