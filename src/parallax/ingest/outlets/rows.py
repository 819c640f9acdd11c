"""Catalog CSV rows: the documented schema, checked row by row.

Columns (``src/parallax/data/outlets/README.md`` says what each holds)::

    domain,name,country,languages,ownership,owner,family,leaning,domains,aliases,formerly,description

Only ``name`` is required; the older ``language`` column is read as ``languages`` and the
retired ownership kind ``nonprofit`` as ``private`` (with "nonprofit" kept as the owner note).
Lines starting with ``#`` are comments. An unknown column or value is a ``ConfigError``
naming ``FILE:LINE`` and the valid choices.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.errors import ConfigError
from parallax.models import LEANINGS, OWNERSHIP_KINDS, Outlet

COLUMNS = ("domain", "name", "country", "languages", "ownership", "owner", "family", "leaning", "domains",
           "aliases", "formerly", "description")
LEGACY_COLUMNS = {"language": "languages"}
LEGACY_OWNERSHIP = {"nonprofit": "private"}

DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
# a mirror pattern: labels with '*' wildcards, e.g. sputniknews.*, sputnik-*.*
DOMAIN_PATTERN = re.compile(r"^[a-z0-9*]([a-z0-9*-]*[a-z0-9*])?(\.[a-z0-9*]([a-z0-9*-]*[a-z0-9*])?)+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class CatalogRow:
    """One outlet as a catalog file describes it, with the names and domains it answers to."""

    outlet: Outlet
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()  # other hosts and mirror patterns (with '*')
    formerly: tuple[str, ...] = ()  # names or domains it used before
    origin: str = ""  # FILE:LINE


def parse_rows(text: str, origin: str) -> list[CatalogRow]:
    """Rows of a catalog CSV; ``ConfigError`` names ``origin:LINE`` and the valid values."""
    lines = [line if not line.lstrip().startswith("#") else "" for line in text.splitlines()]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    fields = [LEGACY_COLUMNS.get(f.strip(), f.strip()) for f in reader.fieldnames or ()]
    unknown = [f for f in fields if f not in COLUMNS]
    if "name" not in fields or unknown:
        problem = f"unknown columns {', '.join(unknown)}" if unknown else "no 'name' column"
        raise ConfigError(f"{origin}: {problem}; valid columns: {','.join(COLUMNS)} (only name is required)")
    reader.fieldnames = fields
    rows = []
    for row in reader:
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            rows.append(_row(row, f"{origin}:{reader.line_num}"))
    return rows


def _row(raw: dict[str, str | None], where: str) -> CatalogRow:
    value = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    if not value["name"]:
        raise ConfigError(f"{where}: the name is empty")
    domain = value["domain"].lower().removeprefix("www.")
    if domain and not DOMAIN.match(domain):
        raise ConfigError(f"{where}: domain {value['domain']!r} is not a host name like example.com")
    ownership, owner = _ownership(where, value["ownership"], value["owner"])
    _check_choice(where, "leaning", value["leaning"], LEANINGS)
    _check_code(where, "country", value["country"])
    languages = _languages(where, value["languages"])
    outlet = Outlet(name=value["name"], domain=domain, country=value["country"].upper(),
                    language=languages[0] if languages else "", ownership=ownership, leaning=value["leaning"],
                    description=value["description"], owner=owner, family=value["family"], languages=languages)
    return CatalogRow(outlet, _split(value["aliases"]), _hosts(where, value["domains"]), _split(value["formerly"]),
                      where)


def _ownership(where: str, ownership: str, owner: str) -> tuple[str, str]:
    if ownership in LEGACY_OWNERSHIP:  # a nonprofit is privately owned; say so in the owner
        return LEGACY_OWNERSHIP[ownership], owner or ownership
    _check_choice(where, "ownership", ownership, OWNERSHIP_KINDS)
    return ownership, owner


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


def _hosts(where: str, text: str) -> tuple[str, ...]:
    hosts = tuple(h.lower().removeprefix("www.") for h in _split(text))
    bad = [h for h in hosts if not DOMAIN_PATTERN.match(h)]
    if bad:
        raise ConfigError(f"{where}: domains entry {bad[0]!r} is not a host name or a pattern like sputniknews.*")
    return hosts


def _languages(where: str, text: str) -> tuple[str, ...]:
    codes = tuple(c.lower() for c in _split(text))
    bad = [c for c in codes if not _LANGUAGE.match(c)]
    if bad:
        raise ConfigError(f"{where}: language {bad[0]!r} is not an ISO 639 code like en (several: en|fr)")
    return codes


def _check_choice(where: str, column: str, value: str, valid: Sequence[str]) -> None:
    if value and value not in valid:
        raise ConfigError(f"{where}: {column} {value!r} is not valid; valid: {', '.join(valid)} (or blank)")


def _check_code(where: str, column: str, value: str) -> None:
    if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise ConfigError(f"{where}: {column} {value!r} is not an ISO 3166-1 alpha-2 code like GB (or blank)")
