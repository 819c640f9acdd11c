"""What every command shares: settings from flags, the store, progress bars, errors."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from parallax.errors import ParallaxError
from parallax.settings import Settings, load_settings
from parallax.store import Store, open_store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[str | None, typer.Option("--db", help="database path or URL (default: setting 'db')")]


def settings_from(**flags: object) -> Settings:
    """Defaults < parallax.toml < PARALLAX_* < these CLI flags."""
    return load_settings().with_overrides(**flags)


def store_for(settings: Settings, must_exist: bool = False) -> Store:
    """The settings' store; ``must_exist`` for commands that only read (they never create a database)."""
    return open_store(settings.db, must_exist)


def printable(text: object) -> str:
    """``text`` safe for the terminal: control characters (escape sequences) removed, rich markup escaped."""
    from rich.markup import escape

    from parallax.text.encoding import clean_text

    return escape(clean_text(str(text))[0])


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[..., None]]:
    """A rich progress bar on stderr; yields ``tick(n=1)``, which advances it by ``n``."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def fail(exc: ParallaxError) -> None:
    err.print(f"[bold red]error:[/] {printable(exc)}")
    raise typer.Exit(code=2)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn parallax's own errors into a one-line message and exit code 2."""
    try:
        yield
    except ParallaxError as exc:
        fail(exc)


def echo_markdown(text: str) -> None:
    """Plain text to stdout, without the control characters that would drive the terminal."""
    from parallax.text.encoding import clean_text

    text = clean_text(text)[0]
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
