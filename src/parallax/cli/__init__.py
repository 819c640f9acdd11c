"""The `parallax` command line: thin functions over the pipeline's plain functions."""

from __future__ import annotations

import typer

from parallax.cli.articles import articles_command
from parallax.cli.eval import eval_app
from parallax.cli.forecasts import forecasts_app
from parallax.cli.ingest import ingest_command
from parallax.cli.mcp import mcp_command
from parallax.cli.migrate import migrate_command
from parallax.cli.outlets import outlets_app
from parallax.cli.run import run_command
from parallax.cli.serve import demo_command, serve_command
from parallax.cli.stories import export_command, show_command, status_command, stories_command

app = typer.Typer(
    name="parallax",
    help="Many outlets, one event: stories and cited briefs from news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("ingest")(ingest_command)
app.command("run")(run_command)
app.command("stories")(stories_command)
app.command("show")(show_command)
app.command("export")(export_command)
app.command("status")(status_command)
app.command("articles")(articles_command)
app.command("serve")(serve_command)
app.command("demo")(demo_command)
app.command("migrate")(migrate_command)
app.command("mcp")(mcp_command)
app.add_typer(eval_app, name="eval")
app.add_typer(forecasts_app, name="forecasts")
app.add_typer(outlets_app, name="outlets")


def main() -> None:
    app()
