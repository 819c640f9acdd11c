"""`parallax mcp`: the store's stories, briefs, coverage, claims, outlets and forecasts for AI assistants,
over the Model Context Protocol (the official SDK's MCPServer), on stdio or streamable HTTP on loopback.

Read-only unless an API token is configured: then one write tool, ``resolve_forecast``, is offered,
and over HTTP every request must carry ``Authorization: Bearer TOKEN``. A bad argument, an
unknown story or outlet is an MCP error result (``isError``) naming it, never a traceback.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Callable
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp.types import ToolAnnotations

from parallax.assist import answers
from parallax.errors import ConfigError, InputError
from parallax.serve.auth import configured_token
from parallax.settings import Settings
from parallax.store.base import Store

INSTRUCTIONS = (
    "parallax groups news articles from many outlets into stories and writes a cited brief for each. "
    "Start with search_stories, then get_brief, story_coverage or claims with a story id. Every answer "
    "lists citations: quote their 'sentence' and link their 'url' when you repeat what a source said."
)
READ_ONLY = ToolAnnotations(readOnlyHint=True, openWorldHint=False)


def _guarded(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Run an answer; parallax's InputError becomes the tool's error result with its message."""
    def call(*args: Any, **kwargs: Any) -> dict:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            raise ToolError(str(exc)) from None
    return call


def build_server(store: Store, settings: Settings) -> MCPServer:
    """The MCP server over ``store``: six read tools, brief resources, and a write tool only with a token."""
    from parallax import __version__

    server = MCPServer("parallax", version=__version__, instructions=INSTRUCTIONS)
    _read_tools(server, store)
    _resources(server, store)
    if configured_token(settings):
        _write_tools(server, store)
    return server


def _read_tools(server: MCPServer, store: Store) -> None:
    @server.tool(annotations=READ_ONLY)
    def search_stories(query: str = "", since: str = "", language: str = "", country: str = "",
                       limit: int = 10) -> dict:
        """Stories whose articles contain every word of `query` (all stories when empty), newest first.
        `since` (YYYY-MM-DD) keeps stories with articles on or after that day; `language` (ISO 639-1, e.g. en)
        stories with an article in that language; `country` (ISO 3166, e.g. GB) stories covered from there."""
        return _guarded(answers.search_stories)(store, query, since, language, country, limit)

    @server.tool(annotations=READ_ONLY)
    def get_brief(story_id: str, format: str = "json") -> dict:
        """The story's brief: `json` (sections, every citation with its sentence) or `md` (Markdown)."""
        return _guarded(answers.get_brief)(store, story_id, format)

    @server.tool(annotations=READ_ONLY)
    def story_coverage(story_id: str) -> dict:
        """Which outlets covered the story, by country, language, ownership and leaning."""
        return _guarded(answers.story_coverage)(store, story_id)

    @server.tool(annotations=READ_ONLY)
    def claims(story_id: str) -> dict:
        """The story's key claims and which outlets assert, dispute or leave out each."""
        return _guarded(answers.claims)(store, story_id)

    @server.tool(annotations=READ_ONLY)
    def outlet(name: str) -> dict:
        """An outlet's facts (country, language, ownership, leaning), language profile and newest articles."""
        return _guarded(answers.outlet)(store, name)

    @server.tool(annotations=READ_ONLY)
    def forecasts(open_only: bool = True) -> dict:
        """The forecast ledger: potential outcomes with probabilities; open ones only unless open_only is false."""
        return _guarded(answers.forecasts)(store, open_only)


def _resources(server: MCPServer, store: Store) -> None:
    def brief(story_id: str, fmt: str) -> str:
        try:
            answer = answers.get_brief(store, story_id, fmt)
        except InputError as exc:
            raise ResourceError(str(exc)) from None
        return answer["text"] if fmt == "md" else json.dumps(answer["brief"], ensure_ascii=False, indent=1)

    @server.resource("parallax://stories/{story_id}/brief.md", mime_type="text/markdown")
    def brief_markdown(story_id: str) -> str:
        """A story's brief in Markdown, citations as footnotes."""
        return brief(story_id, "md")

    @server.resource("parallax://stories/{story_id}/brief.json", mime_type="application/json")
    def brief_json(story_id: str) -> str:
        """A story's brief as JSON, every citation with the sentence it resolves to."""
        return brief(story_id, "json")


def _write_tools(server: MCPServer, store: Store) -> None:
    from parallax.forecast import resolve
    from parallax.forecast.records import forecast_to_dict

    @server.tool(annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, openWorldHint=False))
    def resolve_forecast(forecast_id: str, outcome: str, note: str = "") -> dict:
        """Resolve a forecast yes, no or void, with a note saying how it was settled (needs the API token)."""
        done = _guarded(lambda: forecast_to_dict(resolve(store, forecast_id, outcome, note)))()
        entry = next(f for f in answers.forecasts(store, open_only=False)["forecasts"] if f["id"] == done["id"])
        return {"forecast": entry, "citations": entry["citations"]}


def check_loopback(host: str) -> str:
    """The host, when it is a loopback address; ConfigError otherwise (the server is for this machine)."""
    try:
        if host == "localhost" or ipaddress.ip_address(host).is_loopback:
            return host
    except ValueError:
        pass
    raise ConfigError(f"parallax mcp --http listens on loopback only (127.0.0.1, ::1 or localhost), not {host!r}")


class BearerGate:
    """ASGI middleware: every HTTP request needs ``Authorization: Bearer TOKEN`` (401 JSON otherwise)."""

    def __init__(self, app: Any, token: str):
        self.app, self.token = app, token.encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            given = dict(scope.get("headers") or []).get(b"authorization", b"")
            if not hmac.compare_digest(given, b"Bearer " + self.token):
                body = b'{"error": "a valid API token is required: send Authorization: Bearer TOKEN", "status": 401}'
                await send({"type": "http.response.start", "status": 401,
                            "headers": [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def run(store: Store, settings: Settings, http: bool = False, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until interrupted: stdio by default, streamable HTTP at http://HOST:PORT/mcp with ``http``."""
    server = build_server(store, settings)
    if not http:
        server.run("stdio")
        return
    import uvicorn

    app = server.streamable_http_app(host=check_loopback(host))
    token = configured_token(settings)
    uvicorn.run(BearerGate(app, token) if token else app, host=host, port=port, log_level="warning")
