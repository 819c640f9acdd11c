"""`parallax stories`, `show` and `export`: read what the pipeline wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parallax.cli.console import (
    DbOption,
    echo_markdown,
    err,
    friendly_errors,
    out,
    printable,
    settings_from,
    store_for,
)
from parallax.errors import ConfigError, InputError
from parallax.store import Store
from parallax.store.base import standing_story_id

FORMATS = ("md", "json", "html")
MAX_RANK = 2**62  # ranks beyond this do not fit the stores' integers


def stories_command(
    limit: Annotated[int, typer.Option(help="how many stories")] = 20,
    order: Annotated[str, typer.Option(help="coverage, recency or size")] = "coverage",
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per line")] = False,
    language: Annotated[str, typer.Option(help="only stories with an article in this language (ISO 639-1, e.g. de)")] = "",
    db: DbOption = None,
) -> None:
    """List stories, most widely covered first."""
    with friendly_errors():
        if limit < 0:
            raise ConfigError(f"--limit {limit}: give a number of stories, 0 or more")
        store = store_for(settings_from(db=db), must_exist=True)
        try:
            rows = _in_language(store, language, limit, order) if language else store.stories(limit=limit, order=order)
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
        if as_json:
            for line in _json_lines(store, rows, order):
                echo_markdown(line)
            return
        table = Table("#", "story", "articles", "last", "title")
        for rank, s in enumerate(rows, start=1):
            last = s.last_published.date().isoformat() if s.last_published else ""
            table.add_row(str(rank), s.id, str(len(s.article_ids)), last, printable(s.title))
        out.print(table)


def _json_lines(store: Store, rows: list, order: str) -> list[str]:
    """One JSON object per story: its id, title, size, last date, the languages of its articles and the countries
    of its outlets (names; ISO codes in ``country_codes``)."""
    from parallax.data import country_name
    from parallax.serve.gather import ranked_stories
    from parallax.serve.ranking import StoryFilter

    outlines = {r.id: r for r in ranked_stories(store, StoryFilter(), order)}
    lines = []
    for s in rows:
        outline = outlines.get(s.id)
        codes = sorted(outline.countries) if outline else []
        lines.append(json.dumps({
            "id": s.id, "title": s.title, "version": s.version, "articles": len(s.article_ids),
            "last_published": s.last_published.isoformat() if s.last_published else None,
            "languages": sorted(outline.languages) if outline else [],
            "countries": [country_name(c) for c in codes], "country_codes": codes}, ensure_ascii=False))
    return lines


def _in_language(store: Store, language: str, limit: int, order: str) -> list:
    """The first ``limit`` stories in ``order`` with at least one article in ``language``."""
    from parallax.serve.gather import ranked_stories
    from parallax.serve.ranking import StoryFilter, parse_language

    ranked = ranked_stories(store, StoryFilter(language=parse_language(language)), order)
    return [s for s in (store.story(r.id) for r in ranked[:limit]) if s is not None]


def find_story_brief(store: Store, story: str) -> dict:
    """A story by id, or by its rank in the coverage order ('1' is the top story)."""
    story_id = story
    if story.strip().lstrip("+-").isdigit():
        rank = int(story)
        ranked = store.stories(limit=1, offset=rank - 1) if 1 <= rank <= MAX_RANK else []
        if not ranked:
            total = len(store.story_ids())
            raise InputError(story, f"no story at that rank; ranks run from 1 to {total}" if total
                             else "no story at that rank: there are no stories yet (run `parallax run`)")
        story_id = ranked[0].id
    standing = standing_story_id(store, story_id)
    if standing != story_id:
        err.print(f"story {story_id} was merged into {standing}; showing {standing}")
    stored = store.brief(standing)
    if stored is None:
        raise InputError(story, "no such story, or no brief written for it yet (run `parallax run`)")
    return stored.body


def render_brief(store: Store, body: dict, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    if fmt == "json":
        return json.dumps(body, indent=2, ensure_ascii=False)
    if fmt == "md":
        from parallax.write import render_markdown

        return render_markdown(body)
    from parallax.serve import render_story_html

    ids = [s["article_id"] for s in body.get("sources", [])]
    return render_story_html(body, {a.id: a for a in store.articles(ids)})


def show_command(
    story: Annotated[str, typer.Argument(help="story id, or rank (1 = top story)")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, json or html")] = "md",
    db: DbOption = None,
) -> None:
    """Print a story's brief."""
    with friendly_errors():
        store = store_for(settings_from(db=db), must_exist=True)
        echo_markdown(render_brief(store, find_story_brief(store, story), fmt))


def export_command(
    stories: Annotated[list[str] | None, typer.Argument(help="story ids or ranks (default: all)")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="folder to write into")] = Path("export"),
    formats: Annotated[str, typer.Option(help="comma-separated: md,json,html")] = "md,json,html",
    digest: Annotated[str | None, typer.Option(help="print the daily digest of DAY (YYYY-MM-DD) as Markdown instead")] = None,
    opml: Annotated[bool, typer.Option("--opml", help="print the subscribed feeds as OPML instead")] = False,
    db: DbOption = None,
) -> None:
    """Write briefs as files (STORY.md, STORY.json, STORY.html), or print a day's digest or the feed list."""
    with friendly_errors():
        store = store_for(settings_from(db=db), must_exist=True)
        if digest:
            return echo_markdown(daily_digest_of(store, digest))
        if opml:
            return echo_markdown(subscriptions_opml(store))
        wanted = stories or [s.id for s in store.stories(limit=1_000_000)]
        out_dir.mkdir(parents=True, exist_ok=True)
        for story in wanted:
            body = find_story_brief(store, story)
            for fmt in formats.split(","):
                path = out_dir / f"{body['story_id']}.{fmt.strip()}"
                path.write_text(render_brief(store, body, fmt.strip()), encoding="utf-8")
        err.print(f"exported {len(wanted)} stories to {out_dir}")


def subscriptions_opml(store: Store) -> str:
    from parallax.ingest.opml import subscribed, write_opml

    return write_opml(subscribed(store), {o.name: o for o in store.outlets()})


def daily_digest_of(store: Store, day: str) -> str:
    from datetime import date

    from parallax.serve import daily_digest

    try:
        when = date.fromisoformat(day)
    except ValueError as exc:
        raise InputError(day, "not a date like 2026-09-14") from exc
    return daily_digest(store, when)


def status_command(db: DbOption = None) -> None:
    """Counts of feeds, articles, stories and briefs, and failures by reason."""
    from parallax.ingest import status_lines

    with friendly_errors():
        store = store_for(settings_from(db=db), must_exist=True)
        for line in status_lines(store):
            out.print(printable(line))
