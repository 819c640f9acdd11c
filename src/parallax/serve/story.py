"""The story page's view: a brief (plain JSON) turned into what the templates draw."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from parallax.ingest.outlets.describe import country_label, why_not_known
from parallax.models import Article, Outlet
from parallax.serve.citations import annotate_citations, cited_article_ids, marker_annotator, with_sentences
from parallax.serve.claims import ClaimsGrid, claims_grid
from parallax.serve.coverage import CoverageBar, coverage_bars, coverage_from_sources
from parallax.serve.listing import StoryRow
from parallax.text.language import language_name
from parallax.write.llm.renderings import attach_renderings

SECTIONS = (
    ("key_claims", "Key claims"),
    ("perspectives", "Perspectives"),
    ("questions", "Questions"),
    ("media_bias", "News media bias"),
    ("context", "Context"),
    ("takeaway", "Takeaway"),
    ("outcomes", "Potential outcomes"),
    ("conflicting_figures", "Conflicting figures"),
    ("timeline", "Timeline"),
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    body: Any
    known: bool = True


@dataclass(frozen=True)
class BriefView:
    """Everything the brief part of the story page shows."""

    title: dict
    summary: list
    sections: tuple[Section, ...]
    sources: tuple[dict, ...]
    coverage: tuple[CoverageBar, ...]
    provenance: dict
    state_outlets: tuple[str, ...] = ()  # named under the bars when no media-bias paragraph names them

    def source(self, article_id: str) -> dict | None:
        return next((s for s in self.sources if s["article_id"] == article_id), None)


def brief_view(body: Mapping[str, Any], articles: Mapping[str, Article]) -> BriefView:
    """Number the sources, resolve every citation and order the sections for display."""
    sources = numbered_sources(body, articles)
    numbers = {s["article_id"]: s["number"] for s in sources}
    annotated = annotate_citations(dict(body), marker_annotator(articles, numbers))
    sections = attach_renderings(annotated.get("sections") or {})  # English beside non-English evidence
    coverage = _coverage(sections, sources)
    return BriefView(
        title=annotated.get("title") or {"text": "", "citations": []},
        summary=list(annotated.get("summary") or []),
        sections=_ordered_sections(sections),
        sources=tuple(sources),
        coverage=tuple(coverage_bars(coverage)),
        provenance=dict(annotated.get("provenance") or {}),
        state_outlets=tuple(coverage.get("state_outlets") or ()),
    )


def numbered_sources(body: Mapping[str, Any], articles: Mapping[str, Article]) -> list[dict]:
    """The brief's sources numbered from 1, then any cited article the list forgot."""
    listed = [dict(s) for s in body.get("sources") or [] if isinstance(s, dict)]
    known = {s.get("article_id") for s in listed}
    extra = [article_source(articles[i]) for i in cited_article_ids(body) if i not in known and i in articles]
    return [{**s, **_language_of(articles.get(s.get("article_id"))), "number": n}
            for n, s in enumerate(listed + extra, start=1)]


def _language_of(article: Article | None) -> dict:
    """The article's language as a code and as a name a person reads ("de", "German")."""
    if article is None or not article.language:
        return {}
    return {"language": article.language, "language_name": language_name(article.language)}


def article_source(article: Article, outlet: Outlet | None = None, reprint_of: str | None = None) -> dict:
    """A contract-shaped source entry for an article (used when no brief lists it)."""
    o = outlet or Outlet(article.outlet)
    return {
        "article_id": article.id, "title": article.title, "url": article.url,
        "published": article.published.isoformat() if article.published else None, "reprint_of": reprint_of,
        "outlet": {"name": o.name, "domain": o.domain, "country": country_label(o.country), "country_code": o.country,
                   "language": o.language, "ownership": o.ownership, "leaning": o.leaning, "family": o.family,
                   **({"country_not_known_because": why} if (why := why_not_known(o, "country")) else {})},
        **_language_of(article),
    }


def sources_from_articles(
    articles: Iterable[Article], outlets: Mapping[str, Outlet], reprints: Mapping[str, str]
) -> list[dict]:
    """Numbered source entries for a story that has no brief yet."""
    entries = [article_source(a, outlets.get(a.outlet), reprints.get(a.id)) for a in articles]
    return [{**s, "number": n} for n, s in enumerate(entries, start=1)]


def story_json(row: StoryRow, extra: Mapping[str, Any], body: Mapping | None, articles: Mapping[str, Article]) -> dict:
    """The JSON twin of the story page: story metadata and the brief with resolved sentences."""
    return {
        "story": {**row.as_json(), **extra},
        "brief": with_sentences(dict(body), articles) if body is not None else None,
    }


def _ordered_sections(sections: Mapping[str, Any]) -> tuple[Section, ...]:
    known = [Section(key, title, sections[key]) for key, title in SECTIONS if sections.get(key)]
    titles = dict(SECTIONS)
    others = [
        Section(key, key.replace("_", " ").capitalize(), value, known=False)
        for key, value in sections.items()
        if key not in titles and value
    ]
    return tuple(known + others)


def _coverage(sections: Mapping[str, Any], sources: list[dict]) -> Mapping:
    media_bias = sections.get("media_bias")
    given = media_bias.get("coverage") if isinstance(media_bias, dict) else None
    counted = coverage_from_sources(sources)  # fills the dimensions the writer did not count
    return {**counted, **given} if isinstance(given, dict) and any(given.values()) else counted


def bare_view(title: str, sources: list[dict]) -> BriefView:
    """The view of a story that has no brief yet: its title and its articles as sources."""
    coverage = coverage_from_sources(sources)
    return BriefView(
        title={"text": title, "citations": []}, summary=[], sections=(), sources=tuple(sources),
        coverage=tuple(coverage_bars(coverage)), provenance={}, state_outlets=tuple(coverage["state_outlets"]),
    )


def brief_claims_grid(body: Mapping[str, Any]) -> ClaimsGrid | None:
    """The claims × outlets grid of a brief's key claims, outlet columns in source order."""
    sections = body.get("sections")
    claims = sections.get("key_claims") if isinstance(sections, dict) else None
    outlets = [str((s.get("outlet") or {}).get("name", "")) for s in body.get("sources") or [] if isinstance(s, dict)]
    return claims_grid(claims, outlets)
