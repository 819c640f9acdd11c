"""`parallax migrate`: move a whole database between stores, checking nothing was lost."""

from __future__ import annotations

from typing import Annotated

import typer

from parallax.cli.console import err, friendly_errors, out, progress
from parallax.errors import StoreError
from parallax.settings import mask_url
from parallax.store import open_store


def migrate_command(
    source: Annotated[str, typer.Option("--from", help="database to read: a path, sqlite:///PATH or postgresql://...")],
    target: Annotated[str, typer.Option("--to", help="empty database to write")],
) -> None:
    """Copy every table, then compare row counts and content hashes table by table."""
    from parallax.store.transfer import migrate_store

    with friendly_errors():
        src = open_store(source, must_exist=True)
        dst = open_store(target)
        try:
            with progress("copying rows", None) as tick:
                report = migrate_store(src, dst, on_item=lambda table, n: tick(n))
        except StoreError as exc:
            raise StoreError(f"{mask_url(target)}: {exc}") from exc
        finally:
            src.close()
            dst.close()
    for t in report.tables:
        out.print(f"{t.table}: {t.source_rows} -> {t.target_rows}")
    if not report.ok:
        for difference in report.differences:
            err.print(f"[red]difference:[/] {difference}")
        raise typer.Exit(code=1)
    err.print("migrated: counts and content hashes match")
