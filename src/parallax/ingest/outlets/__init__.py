"""Outlets: the catalog (``catalog``, ``rows``), hosts and places (``hosts``, ``places``), and the
resolver that gives every article an outlet identity with per-attribute provenance (``resolve``)."""

from parallax.ingest.outlets.catalog import BUNDLED, Match, OutletCatalog, Reliability, load_catalog
from parallax.ingest.outlets.hosts import Host, parse_host
from parallax.ingest.outlets.resolve import Evidence, resolve_outlet
from parallax.ingest.outlets.rows import COLUMNS, CatalogRow, parse_rows

__all__ = [
    "BUNDLED", "COLUMNS", "CatalogRow", "Evidence", "Host", "Match", "OutletCatalog", "Reliability", "load_catalog",
    "parse_host", "parse_rows", "resolve_outlet",
]
