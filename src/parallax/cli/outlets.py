"""`parallax outlets ...`: the outlets a database knows (or the bundled catalog), one outlet, imports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parallax.cli.console import DbOption, echo_markdown, err, friendly_errors, out, settings_from, store_for
from parallax.errors import InputError

outlets_app = typer.Typer(help="Outlets: name, country, languages, ownership, family, leaning, with provenance.")
FormatOption = Annotated[str, typer.Option("--format", help="text or json")]
CatalogOption = Annotated[bool, typer.Option("--catalog", help="the bundled catalog instead of the database")]


def _outlets(catalog: bool, db: str | None):
    if catalog:
        from parallax.ingest import load_catalog

        return load_catalog().all()
    return store_for(settings_from(db=db)).outlets()


@outlets_app.callback(invoke_without_command=True)
def list_command(ctx: typer.Context, fmt: FormatOption = "text", catalog: CatalogOption = False,
                 db: DbOption = None) -> None:
    """List outlets with country, languages, ownership, family and where each fact comes from."""
    if ctx.invoked_subcommand is not None:
        return
    from parallax.ingest.outlets.describe import country_text, outlet_dict

    with friendly_errors():
        found = _outlets(catalog, db)
        if fmt == "json":
            echo_markdown(json.dumps({"count": len(found), "outlets": [outlet_dict(o) for o in found]},
                                     ensure_ascii=False, indent=1))
            return
        table = Table("outlet", "country", "languages", "ownership", "family", "leaning", "sources")
        for o in found:
            sources = ", ".join(sorted({f.source for f in o.provenance if f.source}))
            table.add_row(o.name, country_text(o), " ".join(o.languages), o.ownership or "not known",
                          o.family, o.leaning, sources)
        out.print(table)
        err.print(f"{len(found)} outlets")


@outlets_app.command("show")
def show_command(name: Annotated[str, typer.Argument(help="outlet name, domain or URL")], fmt: FormatOption = "text",
                 db: DbOption = None) -> None:
    """One outlet as the database knows it; else as the resolver would identify the name, domain or URL."""
    from parallax.ingest import load_catalog
    from parallax.ingest.outlets import Evidence, resolve_outlet
    from parallax.ingest.outlets.describe import outlet_dict
    from parallax.ingest.outlets.identify import sites_named

    with friendly_errors():
        store = store_for(settings_from(db=db))
        outlet = store.outlet(name)
        others = [n for n in sites_named(name, [o.name for o in store.outlets()]) if n != name]
        if outlet is None:
            given = name if "://" not in name else ""
            outlet = resolve_outlet(Evidence.of(name if "://" in name else "", (("given", given),) if given else ()),
                                    load_catalog())
            if outlet.fact("name") and outlet.fact("name").source == "given":
                raise InputError(name, "no outlet of that name in the database or the catalog; try a domain or URL")
        body = outlet_dict(outlet) | ({"same_name_on_other_sites": others} if others else {})
        if fmt == "json":
            echo_markdown(json.dumps(body, ensure_ascii=False, indent=2))
            return
        for key, value in body.items():
            if key != "provenance" and value not in (None, [], ""):
                out.print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
        for attribute, fact in body["provenance"].items():
            out.print(f"  {attribute}: {fact['source'] or 'not known'} ({fact['confidence']:.2f}) {fact['note']}")


@outlets_app.command("split-sites")
def split_sites_command(db: DbOption = None) -> None:
    """Give a database written before outlets were keyed by site one outlet per site: a name given to pages of
    several sites stays with the site holding it; the others' articles move to 'NAME (site)' as new versions."""
    from parallax.ingest import load_catalog
    from parallax.ingest.sources import split_by_site

    with friendly_errors():
        err.print(f"{split_by_site(store_for(settings_from(db=db)), load_catalog())} articles moved to their site's outlet")


@outlets_app.command("import-reliability")
def import_reliability_command(
    folder: Annotated[Path, typer.Argument(help="the news_media_reliability dataset folder")],
    out_csv: Annotated[Path, typer.Option("--out", help="catalog file to write (the catalog loads "
                                                        "src/parallax/data/outlets/reliability.csv)")]
    = Path(__file__).parents[1] / "data" / "outlets" / "reliability.csv",
) -> None:
    """Import leaning and factual-reporting labels (domains and labels only) as a catalog file."""
    from parallax.ingest.outlets.imports import write_reliability

    with friendly_errors():
        err.print(f"{write_reliability(folder, out_csv)} domains -> {out_csv}")


@outlets_app.command("import-countries")
def import_countries_command(
    paths: Annotated[list[Path], typer.Argument(help="GDELT's domains-by-country file (domain, FIPS code, country); "
                                                     "with --dataset, CSV lists of sites (url or domain, country "
                                                     "or cca)")],
    out_csv: Annotated[Path, typer.Option("--out", help="catalog file to write (the bundled one is "
                                                        "src/parallax/data/outlets/domain_countries.csv)")]
    = Path("domain_countries.csv"),
    dataset: Annotated[str, typer.Option(help="the CSV list's name and licence, kept as each row's provenance "
                                              "(without it the files are read as GDELT's)")] = "",
) -> None:
    """Import a domain -> country list (domains and countries only) as a catalog file."""
    from parallax.ingest.outlets.imports import write_domain_countries

    with friendly_errors():
        err.print(f"{write_domain_countries(paths, out_csv, dataset)} domains -> {out_csv}")
