"""The outlet catalog: the bundled CSV, lookups by name and URL, overrides, bad rows."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from parallax.errors import ConfigError
from parallax.ingest.outlets import OutletCatalog, load_catalog
from parallax.models import LEANINGS, OWNERSHIP_KINDS, Outlet

HEADER = "domain,name,country,language,ownership,leaning,description\n"  # the older schema still loads


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_bundled_catalog_is_broad(catalog):
    outlets = catalog.all()
    text = resources.files("parallax").joinpath("data/outlets/world.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert len(outlets) == len(rows) >= 1000  # no row silently replaced another
    assert {o.ownership for o in outlets} >= set(OWNERSHIP_KINDS)
    assert {o.leaning for o in outlets} >= set(LEANINGS) | {""}
    assert len({o.country for o in outlets}) >= 100
    assert all(o.description and o.domain for o in outlets)
    assert all(o.languages and o.language == o.languages[0] for o in outlets)


@pytest.mark.parametrize("cited, name", [  # as the seed brief cites them
    ("The Independent", "The Independent"), ("National Review", "National Review"), ("Counterpunch", "CounterPunch"),
    ("CNBC", "CNBC"), ("CBS", "CBS News"), ("Tass", "TASS"), ("ZeroHedge Opinion", "ZeroHedge"), ("SOTT", "SOTT"),
    ("The Conversation", "The Conversation"), ("WION", "WION"), ("Fox", "Fox News"),
    ("Weekly Standard", "The Weekly Standard"),
])
def test_seed_outlets_resolve(catalog, cited, name):
    assert catalog.by_name(cited).name == name


@pytest.mark.parametrize("label, name", [
    ("Fox News (Online News)", "Fox News"), ("New York Times - News", "The New York Times"),
    ("NYT", "The New York Times"),
    ("fox online news", "Fox News"), ("Associated Press", "Associated Press"), ("BBC", "BBC News"),
])
def test_edition_labels_and_aliases(catalog, label, name):
    assert catalog.by_name(label).name == name


def test_unknown_names_are_none(catalog):
    assert catalog.by_name("Guest Writer - Left") is None
    assert catalog.resolve("") is None


def test_for_url_matches_subdomains_and_alias_domains(catalog):
    assert catalog.for_url("https://edition.cnn.com/2024/03/22/europe/x").name == "CNN"
    assert catalog.for_url("https://www.bbc.com/news/world").name == "BBC News"
    assert catalog.for_url("https://notcnn.com/x") is None
    assert catalog.resolve("https://www.theguardian.com/world/x").name == "The Guardian"
    assert catalog.resolve("tass.com").name == "TASS"


def test_weekly_standard_is_marked_defunct(catalog):
    assert "defunct" in catalog.by_name("The Weekly Standard").description


def test_extra_csv_overrides_by_name_and_domain(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text(HEADER + "bbc.co.uk,BBC Local,GB,en,public,,Renamed row for the same domain\n"
                     "nytimes.com,The New York Times,US,en,private,center,Rated differently here\n"
                     "gazette.example,Example Gazette,XX,en,private,,A made-up outlet\n")
    catalog = load_catalog(extra)
    assert catalog.by_name("BBC News") is None
    assert catalog.for_url("https://www.bbc.co.uk/x").name == "BBC Local"
    assert catalog.by_name("the new york times").leaning == "center"
    assert catalog.resolve("Example Gazette") == Outlet("Example Gazette", "gazette.example", "XX", "en", "private",
                                                         "", "A made-up outlet", languages=("en",))


@pytest.mark.parametrize("row, problem", [
    ("a.example,A,US,en,goverment,,x", "a.csv:3: ownership 'goverment' is not valid; valid: state, public, private, "
                                       "party, wire"),
    ("a.example,A,US,en,private,far-left,x", "a.csv:3: leaning 'far-left' is not valid; valid: left, center-left"),
    ("a.example,,US,en,private,,x", "a.csv:3: the name is empty"),
    ("not a domain,A,US,en,private,,x", "a.csv:3: domain 'not a domain' is not a host name"),
    ("a.example,A,USA,en,private,,x", "a.csv:3: country 'USA' is not an ISO 3166-1 alpha-2 code"),
])
def test_bad_rows_name_file_line_and_valid_values(tmp_path, row, problem):
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "ok.example,Fine,US,en,private,,fine\n" + row + "\n")
    with pytest.raises(ConfigError) as caught:
        load_catalog(path)
    assert problem in str(caught.value)


def test_unknown_columns_and_missing_file(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("domain,name,contry\nx.example,X,GB\n")
    with pytest.raises(ConfigError, match="unknown columns contry; valid columns: domain,name,country"):
        load_catalog(path)
    with pytest.raises(ConfigError, match="cannot read"):
        load_catalog(tmp_path / "absent.csv")


def test_nonprofit_rows_load_as_private_with_the_owner_kept(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "coop.example,Coop Daily,GB,en,nonprofit,,A cooperative paper\n")
    outlet = load_catalog(path).by_name("Coop Daily")
    assert (outlet.ownership, outlet.owner) == ("private", "nonprofit")


def test_ambiguous_loose_names_match_nothing():
    catalog = OutletCatalog([Outlet("Metro News (North)", "n.example"), Outlet("Metro News (South)", "s.example")])
    assert catalog.by_name("Metro News") is None
    assert catalog.by_name("metro news (north)").domain == "n.example"


def test_a_name_spelt_nearly_as_one_row_matches_it_with_a_lower_confidence():
    catalog = OutletCatalog([Outlet("Maghreb Arabe Press", "map.example"), Outlet("Daily Examiner", "de.example"),
                             Outlet("Süddeutsche Zeitung", "sz.example")])
    found = catalog.match_name("Maghreb Arabe Presse")
    assert found.row.outlet.domain == "map.example" and 0.9 <= found.confidence < 1.0
    assert "spelt nearly as 'Maghreb Arabe Press'" in found.how
    assert catalog.match_name("Sueddeutsche Zeitung").row.outlet.domain == "sz.example"  # folded to ASCII
    assert catalog.by_name("Daily Express") is None  # not close enough
    assert catalog.by_name("Maghreb") is None  # a part is not a spelling


def test_a_near_spelling_of_two_rows_matches_neither():
    catalog = OutletCatalog([Outlet("Valley Courier A", "a.example"), Outlet("Valley Courier B", "b.example")])
    assert catalog.by_name("Valley Courier C") is None
    assert catalog.by_name("Valley Courier A").domain == "a.example"  # the exact name still wins
