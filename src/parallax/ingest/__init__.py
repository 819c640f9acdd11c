"""Ingest stage: files, feeds and pages in; ``Page``s out; articles into the store."""

from parallax.ingest.feeds import Feed, parse_feed, read_feed, read_feed_list
from parallax.ingest.fetch import Fetched, Fetcher
from parallax.ingest.files import read_path
from parallax.ingest.health import failure_kind, failure_kinds, status_lines
from parallax.ingest.live import ingest_feeds_once
from parallax.ingest.outlets import OutletCatalog, load_catalog
from parallax.ingest.polite import Politeness
from parallax.ingest.sources import IngestReport, ingest, pages_from_sources

__all__ = [
    "Feed",
    "Fetched",
    "Fetcher",
    "IngestReport",
    "OutletCatalog",
    "Politeness",
    "failure_kind",
    "failure_kinds",
    "ingest",
    "ingest_feeds_once",
    "load_catalog",
    "pages_from_sources",
    "parse_feed",
    "read_feed",
    "read_feed_list",
    "read_path",
    "status_lines",
]
