"""The web UI: story pages with hover/focus citations, each page with a JSON twin; feeds and digests."""

from __future__ import annotations

from parallax.serve.app import create_app, serve
from parallax.serve.auth import configured_token
from parallax.serve.digest import daily_digest
from parallax.serve.render import render_story_html
from parallax.serve.wheel import bias_wheel_svg

__all__ = ["bias_wheel_svg", "configured_token", "create_app", "daily_digest", "render_story_html", "serve"]
