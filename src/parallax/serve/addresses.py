"""Absolute addresses of this server's pages, from the configured base URL or the listen address.

Never from the request's ``Host:`` header, which any client may set: a feed or a digest
fetched once with a spoofed Host would otherwise send every reader to that host.
"""

from __future__ import annotations

from fastapi import Request


def public_base(request: Request) -> str:
    """``settings.base_url`` without its trailing slash, else ``http://HOST:PORT`` of the listen address."""
    settings = request.app.state.settings
    if settings.base_url:
        return settings.base_url.rstrip("/")
    host = settings.host if ":" not in settings.host else f"[{settings.host}]"
    return f"http://{host}:{settings.port}"


def public_url(request: Request) -> str:
    """The address of this request's page (path and query) under ``public_base``."""
    query = request.url.query
    return public_base(request) + request.url.path + (f"?{query}" if query else "")
