"""Templates: one Jinja2 environment (autoescape always on) for the site and for exports."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, FileSystemLoader

from parallax.data import country_name
from parallax.models import Article
from parallax.serve.citations import cited_items
from parallax.serve.story import brief_claims_grid, brief_view
from parallax.text.language import language_name
from parallax.write.markdown import number, sides, stakeholder_about

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STYLESHEET = STATIC / "parallax.css"
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\]+", re.IGNORECASE)


def safe_url(url: Any) -> str:
    """``url`` if it is an absolute http(s) URL, else "" — so no other scheme becomes a link."""
    text = str(url or "")
    return text if _WEB_URL.fullmatch(text) else ""


def nice_date(value: Any) -> str:
    """'14 Sep 2026' from a datetime, a date or an ISO string; "" when absent or unreadable."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, (datetime, date)):
        return f"{value.day} {value:%b %Y}"
    return ""


def date_range(first: Any, last: Any) -> str:
    """'14 Sep 2026 – 16 Sep 2026', or one date when both are the same day."""
    a, b = nice_date(first), nice_date(last)
    return a if not b or a == b else (b if not a else f"{a} – {b}")


def percent(value: Any) -> str:
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return ""


@functools.cache
def template_env() -> Environment:
    """The shared environment; autoescape is on for every template, whatever its name.

    Missing keys render as nothing: briefs from other writers may leave sections out.
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=ChainableUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(safe_url=safe_url, nice_date=nice_date, percent=percent, country=country_name, number=number,
                       about=stakeholder_about, sides=sides, language_name=language_name)
    env.globals.update(date_range=date_range, cited_items=cited_items)
    return env


def render(name: str, **context: Any) -> str:
    """Render a template of the site (linked stylesheet, navigation)."""
    return template_env().get_template(name).render(standalone=False, inline_css="", **context)


def render_story_html(brief: Mapping[str, Any], articles_by_id: Mapping[str, Article]) -> str:
    """A standalone HTML page for one brief (inline CSS, no links back to a server)."""
    view = brief_view(brief, articles_by_id)
    return template_env().get_template("story.html").render(
        standalone=True, inline_css=STYLESHEET.read_text(encoding="utf-8"), view=view, row=None,
        versions=[], current_version=brief.get("story_version"), has_brief=True, json_url="",
        grid=brief_claims_grid(brief),
    )
