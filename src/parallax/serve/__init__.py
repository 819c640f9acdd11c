"""The web UI: story pages with hover/focus citations, each page with a JSON twin."""

from __future__ import annotations

from parallax.serve.app import create_app, serve
from parallax.serve.render import render_story_html

__all__ = ["create_app", "render_story_html", "serve"]
