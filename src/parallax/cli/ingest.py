"""`parallax ingest`: files, folders, pages and feeds into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.console import DbOption, err, friendly_errors, progress, settings_from, store_for


def ingest_command(
    sources: Annotated[list[str] | None, typer.Argument(help="files, folders, page URLs or feed URLs")] = None,
    outlet: Annotated[str, typer.Option(help="outlet name for material that does not say")] = "",
    feeds: Annotated[Path | None, typer.Option(help="a feed list: OPML or one URL per line")] = None,
    outlets_csv: Annotated[Path | None, typer.Option(help="extra outlet catalog CSV")] = None,
    allow_loopback: Annotated[bool | None, typer.Option(help="allow fetching loopback/private addresses")] = None,
    db: DbOption = None,
) -> None:
    """Store articles from files (.txt .json .jsonl .html), pages and RSS/Atom feeds."""
    with friendly_errors():
        settings = settings_from(db=db, allow_loopback=allow_loopback)
        report = ingest_sources(settings, list(sources or []), outlet, feeds, outlets_csv)
    err.print(
        f"ingested: {report.inserted} new, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.failed} failed"
    )
    for failure in report.failures[:20]:
        err.print(f"  [yellow]failed[/] {failure.item}: {failure.reason}")


def ingest_sources(settings, sources: list[str], outlet: str, feeds: Path | None, outlets_csv: Path | None):
    from parallax.ingest import ingest, load_catalog, read_feed_list

    if feeds:
        sources = sources + read_feed_list(feeds)
    if not sources:
        raise typer.BadParameter("give at least one file, folder or URL, or --feeds FILE")
    extra = [Path(p) for p in (outlets_csv, settings.outlets_csv) if p]
    catalog = load_catalog(*extra)
    store = store_for(settings)
    try:
        with progress("ingesting", None) as tick:
            return ingest(sources, store, catalog, settings, outlet=outlet, on_item=tick)
    finally:
        store.close()
