"""Country names: ISO codes through CLDR, the demo's fictional codes from countries.csv."""

from __future__ import annotations

import csv

from parallax.data import COUNTRIES_FILE, country_name


def test_iso_codes_get_their_english_names_and_unknown_codes_stay_codes():
    assert country_name("GB") == "United Kingdom"
    assert country_name("de") == "Germany"
    assert country_name("XQ") == "XQ"  # user-assigned but not listed
    assert country_name("") == "" and country_name(None) == ""


def test_every_demo_country_code_has_a_name():
    with (COUNTRIES_FILE.parent / "demo" / "outlets.csv").open(encoding="utf-8") as handle:
        codes = {row["country"] for row in csv.DictReader(handle)}
    assert codes and all(country_name(code) != code for code in codes)

