"""Outlets as table rows and back, shared by the SQLite and PostgreSQL stores.

``languages`` is stored as ``en|ar``; ``provenance`` as a JSON list of ``{attribute, source,
confidence, note}`` (text in SQLite, ``json`` in PostgreSQL, which hands it back parsed).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from parallax.models import Outlet, OutletFact

COLUMNS = ("name", "domain", "country", "language", "ownership", "leaning", "description", "owner", "family",
           "languages", "factual", "provenance")


def provenance_json(outlet: Outlet) -> str:
    facts = [{"attribute": f.attribute, "source": f.source, "confidence": f.confidence, "note": f.note}
             for f in outlet.provenance]
    return json.dumps(facts, ensure_ascii=False)


def outlet_values(outlet: Outlet) -> tuple:
    """The row of ``outlet`` in ``COLUMNS`` order."""
    return (outlet.name, outlet.domain, outlet.country, outlet.language, outlet.ownership, outlet.leaning,
            outlet.description, outlet.owner, outlet.family, "|".join(outlet.languages), outlet.factual,
            provenance_json(outlet))


def _facts(value: Any) -> tuple[OutletFact, ...]:
    items = json.loads(value) if isinstance(value, str) else (value or [])
    return tuple(OutletFact(str(f.get("attribute", "")), str(f.get("source", "")), float(f.get("confidence", 0)),
                            str(f.get("note", ""))) for f in items if isinstance(f, Mapping))


def outlet_from_row(row: Mapping[str, Any]) -> Outlet:
    """An ``Outlet`` from a row read by column name."""
    languages = tuple(x for x in str(row.get("languages") or "").split("|") if x)
    return Outlet(name=row["name"], domain=row["domain"], country=row["country"], language=row["language"],
                  ownership=row["ownership"], leaning=row["leaning"], description=row["description"],
                  owner=row.get("owner") or "", family=row.get("family") or "", languages=languages,
                  factual=row.get("factual") or "", provenance=_facts(row.get("provenance")))


UPSERT_SET = ", ".join(f"{c}=excluded.{c}" for c in COLUMNS[1:])
