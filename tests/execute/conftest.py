"""A real PostgreSQL (pgserver) for the backfill test that sends Dask results into it."""

from support.pg import pg_server, pg_template, pg_url  # noqa: F401 - fixtures
