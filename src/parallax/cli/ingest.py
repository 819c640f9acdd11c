"""`parallax ingest`: files, folders, pages and feeds into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.console import DbOption, err, friendly_errors, printable, progress, settings_from, store_for

SHOWN_FAILURES = 20


def ingest_command(
    sources: Annotated[list[str] | None, typer.Argument(help="files, folders, page URLs or feed URLs")] = None,
    outlet: Annotated[str, typer.Option(help="outlet name for material that does not say")] = "",
    feeds: Annotated[Path | None, typer.Option(help="a feed list: OPML or one URL per line")] = None,
    outlets_csv: Annotated[Path | None, typer.Option(help="extra outlet catalog CSV")] = None,
    allow_loopback: Annotated[bool | None, typer.Option(help="allow fetching loopback/private addresses")] = None,
    executor: Annotated[str | None, typer.Option(
        help="backfill local files through serial, processes[:N], dask-local[:N] or dask://HOST:PORT")] = None,
    fetch: Annotated[bool, typer.Option(help="fetch the feeds of an .opml list once after subscribing")] = True,
    db: DbOption = None,
) -> None:
    """Store articles from files (.txt .json .jsonl .html), pages and RSS/Atom feeds; subscribe to .opml lists.

    Exit status: 0 when every item was stored, 1 when some failed (each is listed with its reason,
    and kept: `parallax articles --failed`), 2 when nothing could be done (bad options, no database).
    """
    with friendly_errors():
        settings = settings_from(db=db, allow_loopback=allow_loopback, executor=executor)
        lists = [s for s in sources or [] if s.lower().endswith(".opml") and "://" not in s]
        if lists:
            return subscribe_lists(settings, lists, fetch, [s for s in sources or [] if s not in lists])
        if executor:
            return backfill_files(settings, list(sources or []), outlets_csv)
        report = ingest_sources(settings, list(sources or []), outlet, feeds, outlets_csv)
    err.print(
        f"ingested: {report.inserted} new, {report.updated} updated (earlier versions kept), "
        f"{report.unchanged} unchanged, {report.failed} failed; {report.warned} stored with a note"
    )
    for failure in report.failures[:SHOWN_FAILURES]:
        err.print(f"  [yellow]failed[/] {printable(failure.item)}: {printable(failure.reason)}")
    if report.failed > SHOWN_FAILURES:
        err.print(f"  … and {report.failed - SHOWN_FAILURES} more: parallax articles --failed")
    if report.failed:
        raise typer.Exit(code=1)


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


def backfill_files(settings, sources: list[str], outlets_csv: Path | None) -> None:
    """Extract, embed, analyse and cluster local files with the work spread over an executor."""
    from parallax.execute import get_executor
    from parallax.execute.backfill import backfill
    from parallax.ingest import load_catalog

    remote = [s for s in sources if "://" in s]
    if remote or not sources:
        raise typer.BadParameter(f"--executor backfills local files and folders; not: {', '.join(remote) or 'nothing given'}")
    store = store_for(settings)
    try:
        with get_executor(settings.executor) as pool:
            report = backfill(sources, store, settings, pool, catalog=load_catalog(*[p for p in [outlets_csv] if p]))
    finally:
        store.close()
    err.print(f"backfilled through {report.executor}: {report.inserted} new, {report.updated} updated, "
              f"{len(report.failures)} failed; {report.embedded} embedded, {report.analysed} analysed, "
              f"{report.stories} stories ({', '.join(f'{k} {v:.1f}s' for k, v in report.seconds.items())})")


def subscribe_lists(settings, lists: list[str], fetch: bool, others: list[str]) -> None:
    """Subscribe to the feeds of OPML files (each read whole before anything is saved), then fetch them once."""
    from parallax.errors import ConfigError, InputError
    from parallax.ingest import ingest_feeds_once, load_catalog
    from parallax.ingest.opml import read_opml, subscribe

    if others:
        raise ConfigError(f"give .opml feed lists alone; ingest {', '.join(others)} in another command")
    read = []
    for name in lists:
        try:
            read.append(read_opml(Path(name).read_bytes(), name))
        except OSError as exc:
            raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    store = store_for(settings)
    try:
        count = sum(subscribe(store, feeds) for feeds in read)
        err.print(f"subscribed to {count} feeds from {', '.join(lists)}")
        if fetch:
            urls = [s.url for feeds in read for s in feeds.subscriptions]
            with progress("feeds", None) as tick:
                report = ingest_feeds_once(urls, store, load_catalog(), settings, on_item=tick)
            err.print(f"{report.feeds} feeds fetched, {report.inserted} new articles, {report.failed} failed")
    finally:
        store.close()
