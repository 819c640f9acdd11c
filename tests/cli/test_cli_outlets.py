"""`parallax outlets`: list the database's outlets with provenance, show one, fall back to the resolver."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parallax.cli import app
from parallax.ingest import ingest, load_catalog
from parallax.settings import load_settings
from parallax.store import open_store


def test_outlets_lists_and_shows_resolved_outlets(tmp_path):
    db = str(tmp_path / "p.db")
    html = tmp_path / "page.html"
    html.write_text("<html lang='ar-LB'><head><link rel='canonical' href='https://akhbar-example.com/a/1'>"
                    "<meta property='og:site_name' content='Akhbar Example'></head><body><p>"
                    + "The council met on Monday and agreed a new budget for the city's schools. " * 6
                    + "</p></body></html>", encoding="utf-8")
    store = open_store(db)
    assert ingest([str(html)], store, load_catalog(), load_settings()).inserted == 1
    store.close()
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["outlets", "--format", "json", "--db", db]).output)
    (outlet,) = listed["outlets"]
    assert (outlet["name"], outlet["country"], outlet["country_code"]) == ("Akhbar Example", "Lebanon", "LB")
    assert outlet["provenance"]["name"]["source"] == "page" and outlet["provenance"]["country"]["source"] == "page"
    shown = runner.invoke(app, ["outlets", "show", "https://sputniknews.lat/x", "--db", db]).output
    assert "name: Sputnik" in shown and "ownership: state" in shown and "country: Russia" in shown
    missing = runner.invoke(app, ["outlets", "show", "No Such Gazette", "--db", db])
    assert missing.exit_code != 0 and "no outlet of that name" in missing.output


def test_import_countries_reads_a_named_csv_list_and_gdelts_file(tmp_path):
    listed = tmp_path / "websources.csv"
    listed.write_text("name,cca,url\nLong Tail,NG,https://longtail-daily.com/\n", encoding="utf-8")
    out = tmp_path / "domain_countries.csv"
    runner = CliRunner()
    done = runner.invoke(app, ["outlets", "import-countries", str(listed), "--dataset", "a list (MIT)", "--out",
                               str(out)])
    assert done.exit_code == 0 and "1 domains" in done.output
    assert "longtail-daily.com,NG,\"a list (MIT), websources.csv\"" in out.read_text(encoding="utf-8")
    gdelt = tmp_path / "domains.txt"
    gdelt.write_text("longtail-news.com\tEG\tEgypt\n", encoding="utf-8")
    assert runner.invoke(app, ["outlets", "import-countries", str(gdelt), "--out", str(out)]).exit_code == 0
    assert "longtail-news.com,EG," in out.read_text(encoding="utf-8")
    missing = runner.invoke(app, ["outlets", "import-countries", str(tmp_path / "none.csv"), "--dataset", "x",
                                  "--out", str(out)])
    assert missing.exit_code != 0 and "none.csv" in missing.output
