"""The routes, one module per page family. Every page has a ``.json`` twin.

Pages are GET only (caching.py answers HEAD).

Exports come before stories so ``/stories/ID.md`` is not read as a story id.
"""

from __future__ import annotations

from parallax.serve.routes import exports, follow, meta, outlets, search, stories, writes

ROUTERS = (exports.router, follow.router, stories.router, outlets.router, search.router, meta.router, writes.router)

__all__ = ["ROUTERS"]
