"""The one gazetteer (``data/places.tsv.gz``): clustering's place ids and the outlet resolver's domain names."""

from __future__ import annotations

import re

from parallax.data import PLACE_FIELDS, gazetteer


def test_every_row_has_its_fields_and_a_known_kind():
    rows = list(gazetteer())
    assert len(rows) > 100_000
    assert all(len(row) == PLACE_FIELDS and row[3] in ("country", "state", "capital", "city") for row in rows)
    assert all(row[1].startswith(("C:", "P:", "A:US-")) and len(row[2]) == 2 for row in rows)


def test_names_looked_for_in_domains_are_folded_unique_and_of_one_country():
    marked = [(row[5], row[2]) for row in gazetteer() if row[5]]
    assert len(marked) > 900 and len({name for name, _ in marked}) == len(marked)
    assert all(re.fullmatch(r"[a-z0-9]{4,}", name) for name, _ in marked)
    found = dict(marked)
    assert (found["libya"], found["tehran"], found["texas"], found["florida"]) == ("LY", "IR", "US", "US")
    assert "georgia" not in found and "hyderabad" not in found  # a country and a US state; India and Pakistan
