"""`parallax run`: every stage, once or every interval."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Annotated

import typer

from parallax.cli.console import DbOption, err, friendly_errors, progress, settings_from, store_for
from parallax.errors import ConfigError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> int:
    """'15m' -> 900 seconds; accepts s, m, h, d."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", text)
    if not match:
        raise ConfigError(f"interval {text!r} is not like 30s, 15m, 2h or 1d")
    return int(match.group(1)) * _UNITS[match.group(2)]


def run_command(
    feeds: Annotated[Path | None, typer.Option(help="feed list to ingest first: OPML or one URL per line")] = None,
    every: Annotated[str | None, typer.Option(help="repeat every interval, e.g. 15m")] = None,
    embedder: Annotated[str | None, typer.Option(help="embedding backend for stories and briefs: e5, muse, minilm or tfidf")] = None,
    executor: Annotated[str | None, typer.Option(help="serial, processes[:N], dask-local[:N] or dask://HOST:PORT")] = None,
    allow_loopback: Annotated[bool | None, typer.Option(help="allow fetching loopback/private addresses")] = None,
    writer: Annotated[str | None, typer.Option(help="brief writer: extractive, llm or local")] = None,
    top: Annotated[int, typer.Option(help="write at most N briefs this run, the most widely covered stories first")] = 0,
    db: DbOption = None,
) -> None:
    """Ingest feeds (if given), then embed, cluster and write briefs for what changed."""
    with friendly_errors():
        models = {"embedder": embedder, "story_embedder": embedder} if embedder else {}
        settings = settings_from(db=db, executor=executor, allow_loopback=allow_loopback, writer=writer, **models)
        interval = parse_interval(every) if every else None
        while True:
            run_once(settings, feeds, top)
            if interval is None:
                return
            err.print(f"next run in {every}")
            time.sleep(interval)


def ingest_feed_list(settings, feeds: Path) -> None:
    """Fetch every feed politely (conditional GET); only items not seen before are fetched."""
    from parallax.ingest import ingest_feeds_once, load_catalog, read_feed_list

    store = store_for(settings)
    try:
        catalog = load_catalog(*[Path(settings.outlets_csv)] if settings.outlets_csv else [])
        with progress("feeds", None) as tick:
            report = ingest_feeds_once(read_feed_list(feeds), store, catalog, settings, on_item=tick)
    finally:
        store.close()
    err.print(
        f"{report.feeds} feeds ({report.not_modified} unchanged), {report.inserted} new articles, "
        f"{report.skipped} seen before, {report.failed} failed"
    )


def run_once(settings, feeds: Path | None, top: int = 0) -> None:
    from parallax.analyse.who.entities import transient_parses
    from parallax.execute import get_executor
    from parallax.pipeline import run_stages

    if feeds:
        ingest_feed_list(settings, feeds)
    store = store_for(settings)
    try:
        with get_executor(settings.executor) as pool, transient_parses():  # a cycle keeps no words of the last
            report = run_stages(store, settings, progress, pool, top)
    finally:
        store.close()
    err.print(
        f"{report.articles} articles, {report.stories} stories ({report.changed_stories} changed), "
        f"{report.briefs_written} briefs written, {report.briefs_kept} kept (their material did not change), "
        + (f"{report.briefs_queued} queued past the brief budget, " if report.briefs_queued else "")
        + f"{report.resolutions_proposed} forecast resolutions proposed"
    )
