"""The web app: a read-only FastAPI app over a store. It only wires; pages live in routes/."""

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
from parallax.serve.render import STATIC, render
from parallax.serve.routes import ROUTERS
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
_TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed"}


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
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error_response(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    """A JSON error for ``.json`` paths, a readable page for the others."""
    if request.url.path.endswith(".json"):
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
    """A read-only web app over ``store``: HTML pages, their JSON twins and /static."""
    app = FastAPI(title="parallax", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store, app.state.settings = store, settings
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(SecurityHeaders)
    return app


def serve(store: Store, settings: Settings) -> None:
    """Run the web app with uvicorn on ``settings.host``:``settings.port`` until interrupted."""
    uvicorn.run(create_app(store, settings), host=settings.host, port=settings.port, log_level="info")
