"""Numbered PostgreSQL migrations, one per SQLite migration with the same number.

Append new ones in step with ``migrations.py``; never edit a released one.
Differences from SQLite, each for a reason: timestamps are ``timestamp`` (naive UTC,
the pipeline's convention) so they sort and compare as times; full-text search is a
generated ``tsvector`` column with the 'english' config (stems like FTS5's porter);
vectors use pgvector's ``vector`` type without a fixed dimension, so each model gets
its own partial HNSW index at the dimension it uses (created by the store on first save).
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

# A migration returns its SQL script; the runner applies it in one transaction with the version bump.
Migration = Callable[[], str]
_LOCK_MIGRATE = 7200  # advisory lock key: processes starting together migrate one at a time


def m001_articles() -> str:
    return """
        CREATE TABLE outlets (
            name TEXT PRIMARY KEY, domain TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '', ownership TEXT NOT NULL DEFAULT '',
            leaning TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX outlets_domain ON outlets(domain);
        CREATE TABLE articles (
            seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
            id TEXT PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT NOT NULL, text TEXT NOT NULL,
            outlet TEXT NOT NULL DEFAULT '', published TIMESTAMP, language TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', external_id TEXT NOT NULL DEFAULT '',
            ingested_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL,
            search TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', text), 'B')
            ) STORED
        );
        CREATE INDEX articles_published ON articles(published, seq);
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_search ON articles USING GIN (search);
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE failures (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stage TEXT NOT NULL, item TEXT NOT NULL,
            reason TEXT NOT NULL, at TIMESTAMP NOT NULL
        );
        CREATE INDEX failures_stage ON failures(stage);
        """


def m002_embeddings_stories_briefs() -> str:
    return """
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE TABLE embeddings (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            model TEXT NOT NULL, content_hash TEXT NOT NULL, dim INTEGER NOT NULL, vector VECTOR NOT NULL,
            PRIMARY KEY (article_id, model)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, version INTEGER NOT NULL, title TEXT NOT NULL DEFAULT '',
            article_count INTEGER NOT NULL, outlet_count INTEGER NOT NULL DEFAULT 0,
            first_published TIMESTAMP, last_published TIMESTAMP, updated_at TIMESTAMP NOT NULL,
            merged_into TEXT
        );
        CREATE INDEX stories_last ON stories(last_published);
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL, reprint_of TEXT,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_articles_article ON story_articles(article_id);
        CREATE TABLE story_versions (
            story_id TEXT NOT NULL, version INTEGER NOT NULL, article_ids TEXT[] NOT NULL,
            created_at TIMESTAMP NOT NULL, PRIMARY KEY (story_id, version)
        );
        CREATE TABLE briefs (
            story_id TEXT NOT NULL, story_version INTEGER NOT NULL, writer TEXT NOT NULL,
            input_hash TEXT NOT NULL, body JSON NOT NULL, created_at TIMESTAMP NOT NULL,
            PRIMARY KEY (story_id, story_version)
        );
        """


def m003_analysis() -> str:
    # mirrors SQLite's m003: analysis bodies keyed by kind + algorithm version
    return """
        CREATE TABLE article_analysis (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version TEXT NOT NULL, content_hash TEXT NOT NULL,
            body JSON NOT NULL, PRIMARY KEY (article_id, kind)
        );
        CREATE TABLE story_analysis (
            story_id TEXT NOT NULL, story_version INTEGER NOT NULL, kind TEXT NOT NULL,
            version TEXT NOT NULL, body JSON NOT NULL, PRIMARY KEY (story_id, kind)
        );
        CREATE TABLE outlet_profiles (
            outlet TEXT PRIMARY KEY, version TEXT NOT NULL, computed_at TIMESTAMP NOT NULL, body JSON NOT NULL
        );
        """


def m004_feeds() -> str:
    # mirrors SQLite's m004: per-feed conditional-GET state and the items already handled
    return """
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', etag TEXT NOT NULL DEFAULT '',
            last_modified TEXT NOT NULL DEFAULT '', last_fetched TIMESTAMP, last_status INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE seen_items (
            url TEXT PRIMARY KEY, feed_url TEXT NOT NULL, status TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 1, at TIMESTAMP NOT NULL
        );
        CREATE INDEX failures_reason ON failures(reason);
        """


def m005_forecasts() -> str:
    # mirrors SQLite's m005: the forecast ledger and proposed resolutions
    return """
        CREATE TABLE forecasts (
            id TEXT PRIMARY KEY, story_id TEXT NOT NULL, story_version INTEGER NOT NULL, text TEXT NOT NULL,
            proposition TEXT NOT NULL, criteria TEXT NOT NULL, made_at TIMESTAMP NOT NULL,
            resolve_by TIMESTAMP NOT NULL, horizon TEXT NOT NULL, probability DOUBLE PRECISION NOT NULL,
            base_probability DOUBLE PRECISION NOT NULL, model TEXT NOT NULL, reason TEXT NOT NULL,
            citations JSON NOT NULL, topic TEXT NOT NULL, source_kind TEXT NOT NULL, ownership TEXT NOT NULL,
            outlets JSON NOT NULL, status TEXT NOT NULL, resolved_at TIMESTAMP, note TEXT NOT NULL,
            evidence JSON NOT NULL, updated_at TIMESTAMP
        );
        CREATE INDEX forecasts_story ON forecasts(story_id);
        CREATE INDEX forecasts_status ON forecasts(status, resolve_by);
        CREATE TABLE forecast_proposals (
            forecast_id TEXT NOT NULL REFERENCES forecasts(id) ON DELETE CASCADE, article_id TEXT NOT NULL,
            verdict TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL, evidence JSON NOT NULL,
            reason TEXT NOT NULL, status TEXT NOT NULL, created_at TIMESTAMP NOT NULL,
            PRIMARY KEY (forecast_id, article_id)
        );
        """


def m006_article_versions() -> str:
    # as SQLite's m006: date precision, ingestion notes, and the versions a re-ingest replaced
    return """
        ALTER TABLE articles ADD COLUMN date_precision TEXT NOT NULL DEFAULT '';
        ALTER TABLE articles ADD COLUMN notes JSON NOT NULL DEFAULT '[]';
        ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        UPDATE articles SET date_precision = CASE WHEN published::time = '00:00:00' THEN 'day' ELSE 'time' END
            WHERE published IS NOT NULL;
        CREATE TABLE article_versions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, version INTEGER NOT NULL,
            title TEXT NOT NULL, text TEXT NOT NULL, outlet TEXT NOT NULL, published TIMESTAMP,
            date_precision TEXT NOT NULL, content_hash TEXT NOT NULL, source TEXT NOT NULL,
            changed TEXT NOT NULL, replaced_at TIMESTAMP NOT NULL, PRIMARY KEY (article_id, version)
        );
        """


def m007_outlet_identity() -> str:
    # as SQLite's m007: owner, family, languages, factual reporting, provenance; 'nonprofit' retired
    return """
        ALTER TABLE outlets ADD COLUMN owner TEXT NOT NULL DEFAULT '';
        ALTER TABLE outlets ADD COLUMN family TEXT NOT NULL DEFAULT '';
        ALTER TABLE outlets ADD COLUMN languages TEXT NOT NULL DEFAULT '';
        ALTER TABLE outlets ADD COLUMN factual TEXT NOT NULL DEFAULT '';
        ALTER TABLE outlets ADD COLUMN provenance JSON NOT NULL DEFAULT '[]';
        UPDATE outlets SET languages = language WHERE language <> '';
        UPDATE outlets SET owner = CASE WHEN owner = '' THEN 'nonprofit' ELSE owner END,
            ownership = CASE WHEN lower(description) LIKE '%agency%' OR lower(description) LIKE '%wire%'
                             THEN 'wire' ELSE 'private' END
            WHERE ownership = 'nonprofit';
        UPDATE forecasts SET ownership = 'private' WHERE ownership = 'nonprofit';
        CREATE INDEX outlets_family ON outlets(family);
        """


def m008_subscriptions() -> str:
    # a subscribed feed's outlet, folders and other feed-list attributes, so an OPML export gives back what was read
    return """
        CREATE TABLE subscriptions (
            url TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', outlet TEXT NOT NULL DEFAULT '',
            folders JSON NOT NULL, position INTEGER NOT NULL DEFAULT 0, attributes JSON NOT NULL
        );
        """


def m009_incremental_runs() -> str:
    # as SQLite's m009; the watermark is articles.seq, the identity that keeps ingestion order
    return """
        CREATE TABLE cluster_state (
            name TEXT PRIMARY KEY, watermark BIGINT NOT NULL, body BYTEA NOT NULL, saved_at TIMESTAMP NOT NULL
        );
        CREATE TABLE story_reopenings (
            story_id TEXT NOT NULL, article_id TEXT NOT NULL, at TIMESTAMP NOT NULL,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE TABLE outlet_totals (
            outlet TEXT PRIMARY KEY, version TEXT NOT NULL, articles INTEGER NOT NULL, body JSON NOT NULL
        );
        """


def m010_standing_stories_newest_first() -> str:
    # per-request listings (story list, feeds, outlet pages) read the newest standing stories by their last
    # article, not every story: a partial index in that order makes it an index range
    return """
        CREATE INDEX stories_standing_newest ON stories(last_published DESC NULLS LAST, id DESC)
            WHERE merged_into IS NULL;
        """


def m011_frozen_story_sketches() -> str:
    # as SQLite's m011; the sketches sit under pgvector's HNSW index (inner product: they are unit length)
    return """
        CREATE TABLE frozen_stories (
            name TEXT NOT NULL, story_id TEXT NOT NULL, last_day DOUBLE PRECISION, sketch VECTOR(256) NOT NULL,
            PRIMARY KEY (name, story_id)
        );
        CREATE INDEX frozen_stories_sketch ON frozen_stories USING hnsw (sketch vector_ip_ops);
        """


def m012_article_blobs() -> str:
    # as SQLite's m012
    return """
        CREATE TABLE article_blobs (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version TEXT NOT NULL, content_hash TEXT NOT NULL,
            body BYTEA NOT NULL, PRIMARY KEY (article_id, kind)
        );
        """


def m013_brief_decisions() -> str:
    # as SQLite's m013
    return """
        CREATE TABLE brief_decisions (
            story_id TEXT NOT NULL, story_version INTEGER NOT NULL, writer TEXT NOT NULL,
            rewritten BOOLEAN NOT NULL, reason TEXT NOT NULL, at TIMESTAMP NOT NULL,
            PRIMARY KEY (story_id, story_version, writer)
        );
        """


MIGRATIONS: tuple[Migration, ...] = (
    m001_articles, m002_embeddings_stories_briefs, m003_analysis, m004_feeds, m005_forecasts,
    m006_article_versions,
    m007_outlet_identity,
    m008_subscriptions,
    m009_incremental_runs,
    m010_standing_stories_newest_first,
    m011_frozen_story_sketches,
    m012_article_blobs,
    m013_brief_decisions,
)


def migrate(conn: psycopg.Connection) -> int:
    """Bring the database up to date in one transaction; returns the schema version reached."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s, 0)", (_LOCK_MIGRATE,))
        conn.execute("CREATE TABLE IF NOT EXISTS parallax_schema (version INTEGER NOT NULL)")
        row = conn.execute("SELECT version FROM parallax_schema").fetchone()
        if row is None:
            conn.execute("INSERT INTO parallax_schema VALUES (0)")
        current = row[0] if row else 0
        if current > len(MIGRATIONS):
            raise ValueError(f"schema version {current} is newer than this parallax")
        for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
            conn.execute(migration())
            conn.execute("UPDATE parallax_schema SET version = %s", (number,))
    return len(MIGRATIONS)
