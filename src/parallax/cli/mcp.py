"""`parallax mcp`: serve the store to AI assistants over the Model Context Protocol."""

from __future__ import annotations

from typing import Annotated

import typer

from parallax.cli.console import DbOption, friendly_errors, settings_from, store_for


def mcp_command(
    http: Annotated[bool, typer.Option("--http", help="streamable HTTP on loopback instead of stdio")] = False,
    host: Annotated[str, typer.Option(help="loopback address for --http")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port for --http (the endpoint is /mcp)")] = 8765,
    db: DbOption = None,
) -> None:
    """Serve stories, briefs, coverage, claims, outlets and forecasts over MCP (read-only without a token)."""
    from parallax.assist.server import check_loopback, run

    with friendly_errors():
        settings = settings_from(db=db)
        if http:
            check_loopback(host)
        store = store_for(settings)
        try:
            run(store, settings, http=http, host=host, port=port)
        finally:
            store.close()
