"""`parallax serve` and `parallax demo`."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.console import DbOption, echo_markdown, err, friendly_errors, settings_from, store_for
from parallax.cli.ingest import ingest_sources
from parallax.cli.run import run_once
from parallax.cli.stories import find_story_brief, render_brief

HostOption = Annotated[str | None, typer.Option(help="address to listen on")]
PortOption = Annotated[int | None, typer.Option(help="port to listen on")]


def serve_command(host: HostOption = None, port: PortOption = None, db: DbOption = None) -> None:
    """Serve the web UI and JSON API (read-only)."""
    with friendly_errors():
        settings = settings_from(db=db, host=host, port=port)
        start_server(settings)


def start_server(settings) -> None:
    from parallax.serve import serve

    err.print(f"serving on http://{settings.host}:{settings.port}  (Ctrl-C to stop)")
    serve(store_for(settings), settings)


def demo_corpus() -> tuple[list[str], Path]:
    """The bundled demo articles and the catalog of their fictional outlets."""
    demo = Path(str(files("parallax.data").joinpath("demo")))
    return sorted(str(p) for p in demo.glob("articles_*.jsonl")), demo / "outlets.csv"


def demo_command(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="stop after printing the top brief")] = False,
    embedder: Annotated[str | None, typer.Option(help="sentence embedding backend for briefs: muse, minilm or tfidf")] = None,
    host: HostOption = None,
    port: PortOption = None,
    db: DbOption = None,
) -> None:
    """Build a database from the bundled demo corpus, print the top brief, serve the web UI."""
    with friendly_errors():
        settings = settings_from(db=db or "parallax-demo.db", embedder=embedder, host=host, port=port)
        sources, outlets_csv = demo_corpus()
        ingest_sources(settings, sources, "", None, outlets_csv)
        run_once(settings, None)
        store = store_for(settings)
        echo_markdown(render_brief(store, find_story_brief(store, "1"), "md"))
        store.close()
        if not no_serve:
            start_server(settings)
