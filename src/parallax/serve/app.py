"""The web app: a FastAPI app over a store, read-only unless a write token is configured.

It only wires: pages live in routes/, conditional GET in caching.py, tokens in auth.py.
"""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parallax.errors import InputError
from parallax.serve.auth import configured_token
from parallax.serve.caching import ConditionalGet
from parallax.serve.guard import RequestGuard
from parallax.serve.render import STATIC, render
from parallax.serve.routes import ROUTERS, forecasts
from parallax.settings import Settings
from parallax.store.base import Store

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
API_DESCRIPTION = (
    "Every HTML page has a JSON twin. GET answers carry a weak ETag (send If-None-Match for a 304); "
    "lists page with page/per_page and give prev/next links. Writes need Authorization: Bearer TOKEN."
)
_TITLES = {400: "Bad request", 401: "Token required", 403: "Forbidden", 404: "Not found",
           405: "Method not allowed", 413: "Request too large", 501: "Not implemented"}


class SecurityHeaders:
    """ASGI middleware that puts the security headers on every response, errors included."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)  # a route may only narrow its own CSP (exports)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error_response(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    """A JSON error for ``.json`` and ``/api/`` paths, a readable page for the others."""
    if request.url.path.endswith(".json") or request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
    title = _TITLES.get(status, f"Error {status}")
    page = render("error.html", title=title, message=message, json_url="", query="")
    return HTMLResponse(page, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "There is no page at this address."
    return error_response(request, exc.status_code, str(message), getattr(exc, "headers", None))


async def _input_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, str(exc))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
    return error_response(request, 400, problems)


def create_app(store: Store, settings: Settings) -> FastAPI:
    """The web app over ``store``: HTML pages, their JSON twins, exports, /openapi.json and /static."""
    app = FastAPI(title="parallax", version=_version(), description=API_DESCRIPTION, docs_url=None,
                  redoc_url=None, openapi_url="/openapi.json")
    app.state.store, app.state.settings = store, settings
    app.state.api_token = configured_token(settings)
    for router in (*ROUTERS, forecasts.router, forecasts.api):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(ConditionalGet)
    app.add_middleware(RequestGuard, token=app.state.api_token, max_bytes=settings.max_request_bytes,
                       routes=app.router.routes)
    app.add_middleware(SecurityHeaders)
    return app


def _version() -> str:
    from parallax import __version__

    return __version__


def serve(store: Store, settings: Settings) -> None:
    """Run the web app with uvicorn on ``settings.host``:``settings.port`` until interrupted."""
    uvicorn.run(create_app(store, settings), host=settings.host, port=settings.port, log_level="info")
