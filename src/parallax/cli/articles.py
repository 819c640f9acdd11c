"""`parallax articles`: what was kept — every stored article, or every recorded failure."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from parallax.cli.console import DbOption, echo_markdown, friendly_errors, out, printable, settings_from, store_for
from parallax.errors import ConfigError
from parallax.models import Failure
from parallax.store.base import ArticleSummary

FORMATS = ("table", "json")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def articles_command(
    failed: Annotated[bool, typer.Option("--failed", help="list the recorded failures instead, newest first")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    limit: Annotated[int | None, typer.Option(help="at most this many (default: all)")] = None,
    language: Annotated[str, typer.Option(help="only articles in this language (ISO 639-1, e.g. de)")] = "",
    db: DbOption = None,
) -> None:
    """The stored articles (id, url, outlet, date and its precision, language, title, characters, versions)."""
    with friendly_errors():
        if fmt not in FORMATS:
            raise ConfigError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
        if limit is not None and limit < 0:
            raise ConfigError(f"--limit {limit}: give a number, 0 or more")
        store = store_for(settings_from(db=db), must_exist=True)
        try:
            if failed:
                _show_failures(store.failures(limit if limit is not None else 2**62), fmt)
            else:
                _show_articles(_in_language(store, language, limit), fmt)
        finally:
            store.close()


def _in_language(store, language: str, limit: int | None) -> list[ArticleSummary]:
    """The stored articles, only those in ``language`` when one is given (a bad code is an ``InputError``)."""
    if not language:
        return store.article_summaries(limit)
    from parallax.serve.ranking import parse_language

    code = parse_language(language)
    return [r for r in store.article_summaries(None) if r.language == code][:limit]


def shown_date(summary: ArticleSummary) -> str:
    """The date as precise as it is known: '2024-04-15 10:30', '2024-04-15', 'April 2024', '2024'."""
    when = summary.published
    if when is None:
        return ""
    return {"month": f"{_MONTHS[when.month - 1]} {when.year}", "year": str(when.year),
            "time": when.strftime("%Y-%m-%d %H:%M")}.get(summary.date_precision, when.date().isoformat())


def _show_articles(rows: list[ArticleSummary], fmt: str) -> None:
    if fmt == "json":
        items = [{**asdict(r), "published": r.published.isoformat() if r.published else None,
                  "notes": list(r.notes)} for r in rows]
        return echo_markdown(json.dumps({"count": len(items), "articles": items}, ensure_ascii=False, indent=1))
    table = Table("id", "outlet", "published", "lang", "chars", "v", "title", "url")
    for r in rows:
        table.add_row(r.id, printable(r.outlet), shown_date(r), r.language, str(r.characters), str(r.version),
                      printable(r.title[:80]) + (" [yellow](!)[/]" if r.notes else ""), printable(r.url))
    out.print(table)
    out.print(f"{len(rows)} articles; (!) marks one stored with a note: see --format json")


def _show_failures(rows: list[Failure], fmt: str) -> None:
    if fmt == "json":
        items = [{**asdict(f), "at": f.at.isoformat() if f.at else None} for f in rows]
        return echo_markdown(json.dumps({"count": len(items), "failures": items}, ensure_ascii=False, indent=1))
    table = Table("at", "stage", "item", "reason")
    for f in rows:
        table.add_row(f.at.isoformat(sep=" ") if f.at else "", f.stage, printable(f.item), printable(f.reason))
    out.print(table)
    out.print(f"{len(rows)} failures")
