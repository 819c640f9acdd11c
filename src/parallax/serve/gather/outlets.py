"""What the outlet pages read from the store: facts, coverage, recent articles, language profile.

Language scores are optional: a store that has ``outlet_profile(name)`` (and, for the
articles, ``article_scores(ids)``) gets them drawn; one without shows that none exist yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from parallax.ingest.outlets.identify import sites_named
from parallax.models import Article, Outlet
from parallax.serve.gather.stories import outlets_by_name, story_outlines
from parallax.serve.wheel import ordered_scores
from parallax.store.base import Store, StoryOutline

RECENT_ARTICLES = 20
TOP_ARTICLE_SCORES = 3


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    value: float
    low: float | None = None  # confidence bounds, when the profile has them
    high: float | None = None


@dataclass(frozen=True)
class OutletMaterial:
    """An outlet page: catalog facts, how much it covered, its newest articles, its profile."""

    outlet: Outlet
    article_count: int
    story_count: int
    recent: list[dict] = field(default_factory=list)  # {"article", "story_id", "scores"}
    profile: tuple[DimensionScore, ...] | None = None  # None: the store keeps no language scores
    profile_articles: int = 0
    same_name: tuple[str, ...] = ()  # outlets of other sites given the same name, told apart by their site


def outlet_material(store: Store, name: str) -> OutletMaterial | None:
    """Everything the outlet page shows; None when no outlet of that name is known."""
    outlet = store.outlet(name)
    counts = _article_counts(store)
    if outlet is None and name not in counts:
        return None
    outlines = story_outlines(store)
    stories = sum(1 for o in outlines if any(m.outlet == name for m in o.members))
    articles = _recent_articles(store, name, outlines)
    scores = article_scores(store, articles)
    recent = [{"article": a, "story_id": store.story_of_article(a.id), "scores": _top_scores(scores.get(a.id))}
              for a in articles]
    profile = store.outlet_profile(name) if hasattr(store, "outlet_profile") else None
    same_name = tuple(n for n in sites_named(name, {*outlets_by_name(store), *counts}) if n != name)
    return OutletMaterial(outlet or Outlet(name), counts.get(name, 0), stories, recent,
                          profile_scores(profile), int(_field(profile, "n_articles") or 0), same_name)


def article_scores(store: Store, articles) -> dict[str, dict[str, float]]:
    """Each article's stored language-score values, by article id (empty when none are stored)."""
    from parallax.analyse.language import SCORER_VERSION
    from parallax.analyse.language.stored import score_values
    from parallax.pipeline import LANGUAGE_KIND

    bodies = store.article_analysis(LANGUAGE_KIND, SCORER_VERSION, articles)
    return {aid: score_values(body) for aid, body in bodies.items()}


def outlet_index(store: Store) -> list[dict]:
    """Every outlet in the catalog or in the articles, with its article and story counts."""
    catalog = outlets_by_name(store)
    articles = _article_counts(store)
    stories: Counter[str] = Counter()
    for outline in story_outlines(store):
        stories.update({m.outlet for m in outline.members if m.outlet})
    names = sorted(set(catalog) | set(articles), key=str.casefold)
    return [{"outlet": catalog.get(n) or Outlet(n), "article_count": articles.get(n, 0),
             "story_count": stories.get(n, 0)} for n in names]


def profile_scores(profile: Any) -> tuple[DimensionScore, ...] | None:
    """Dimension scores from an outlet profile: a mapping or an object with ``dimensions``/``scores``.

    A value may be a number or an interval with ``mean``/``low``/``high``.
    """
    if profile is None:
        return None
    raw = _field(profile, "dimensions") or _field(profile, "scores")
    if raw is None and isinstance(profile, Mapping):
        raw = profile  # a bare {dimension: score} mapping
    given = {k: _field(v, "mean") if isinstance(v, Mapping) else v for k, v in dict(raw or {}).items()}
    return tuple(DimensionScore(d, v, _bound(raw[d], "low"), _bound(raw[d], "high"))  # type: ignore[index]
                 for d, v in ordered_scores(given))


def _field(value: Any, name: str) -> Any:
    """``value[name]`` of a stored JSON body, or ``value.name`` of a dataclass."""
    return value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)


def _bound(value: Any, name: str) -> float | None:
    bound = _field(value, name)
    return float(bound) if isinstance(bound, (int, float)) and not isinstance(bound, bool) else None


def _top_scores(scores: Any) -> list[tuple[str, float]]:
    """An article's highest dimension scores, strongest first."""
    if not isinstance(scores, Mapping):
        scores = getattr(scores, "scores", None) or {}
    values = ordered_scores({k: getattr(v, "value", v) for k, v in scores.items()})
    return sorted(values, key=lambda kv: -kv[1])[:TOP_ARTICLE_SCORES]


def _article_counts(store: Store) -> dict[str, int]:
    if hasattr(store, "article_counts_by_outlet"):
        return store.article_counts_by_outlet()
    return dict(Counter(m.outlet for o in story_outlines(store) for m in o.members if m.outlet))


def _recent_articles(store: Store, name: str, outlines: list[StoryOutline]) -> list[Article]:
    if hasattr(store, "outlet_articles"):
        return store.outlet_articles(name, RECENT_ARTICLES)
    members = [m for o in outlines for m in o.members if m.outlet == name]
    members.sort(key=lambda m: (m.published is None, -(m.published.timestamp() if m.published else 0)))
    return store.articles([m.article_id for m in members[:RECENT_ARTICLES]])
