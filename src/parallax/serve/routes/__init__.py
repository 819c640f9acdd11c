"""The routes, one module per page family. Every page has a ``.json`` twin; all are GET/HEAD."""

from __future__ import annotations

from parallax.serve.routes import meta, search, stories

ROUTERS = (stories.router, search.router, meta.router)

__all__ = ["ROUTERS"]
