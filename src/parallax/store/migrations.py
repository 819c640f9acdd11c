"""Numbered SQLite migrations. Append new ones; never edit a released one."""

from __future__ import annotations

from collections.abc import Callable

# A migration returns its SQL script; the runner wraps it in one transaction with the version bump.
Migration = Callable[[], str]


def m001_articles() -> str:
    return """
        CREATE TABLE outlets (
            name TEXT PRIMARY KEY, domain TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '', ownership TEXT NOT NULL DEFAULT '',
            leaning TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX outlets_domain ON outlets(domain);
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT NOT NULL, text TEXT NOT NULL,
            outlet TEXT NOT NULL DEFAULT '', published TEXT, language TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', external_id TEXT NOT NULL DEFAULT '',
            ingested_at TEXT NOT NULL, updated_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY AUTOINCREMENT, stage TEXT NOT NULL, item TEXT NOT NULL,
            reason TEXT NOT NULL, at TEXT NOT NULL
        );
        CREATE INDEX failures_stage ON failures(stage);
        """


def m002_embeddings_stories_briefs() -> str:
    return """
        CREATE TABLE embeddings (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            model TEXT NOT NULL, content_hash TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,
            PRIMARY KEY (article_id, model)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, version INTEGER NOT NULL, title TEXT NOT NULL DEFAULT '',
            article_count INTEGER NOT NULL, outlet_count INTEGER NOT NULL DEFAULT 0,
            first_published TEXT, last_published TEXT, updated_at TEXT NOT NULL,
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
            story_id TEXT NOT NULL, version INTEGER NOT NULL, article_ids TEXT NOT NULL,
            created_at TEXT NOT NULL, PRIMARY KEY (story_id, version)
        );
        CREATE TABLE briefs (
            story_id TEXT NOT NULL, story_version INTEGER NOT NULL, writer TEXT NOT NULL,
            input_hash TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (story_id, story_version)
        );
        """


def m003_analysis() -> str:
    # derived analysis is kept as JSON bodies keyed by what produced it, so a new
    # algorithm version recomputes instead of mixing with old rows
    return """
        CREATE TABLE article_analysis (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version TEXT NOT NULL, content_hash TEXT NOT NULL,
            body TEXT NOT NULL, PRIMARY KEY (article_id, kind)
        );
        CREATE TABLE story_analysis (
            story_id TEXT NOT NULL, story_version INTEGER NOT NULL, kind TEXT NOT NULL,
            version TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (story_id, kind)
        );
        CREATE TABLE outlet_profiles (
            outlet TEXT PRIMARY KEY, version TEXT NOT NULL, computed_at TEXT NOT NULL, body TEXT NOT NULL
        );
        """


def m004_feeds() -> str:
    # a feed's validators are saved only after its items are committed, so a killed run resumes
    return """
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', etag TEXT NOT NULL DEFAULT '',
            last_modified TEXT NOT NULL DEFAULT '', last_fetched TEXT, last_status INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE seen_items (
            url TEXT PRIMARY KEY, feed_url TEXT NOT NULL, status TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 1, at TEXT NOT NULL
        );
        CREATE INDEX failures_reason ON failures(reason);
        """


def m005_forecasts() -> str:
    # the forecast ledger: a forecast is frozen once resolved; proposals wait for a person to confirm
    return """
        CREATE TABLE forecasts (
            id TEXT PRIMARY KEY, story_id TEXT NOT NULL, story_version INTEGER NOT NULL, text TEXT NOT NULL,
            proposition TEXT NOT NULL, criteria TEXT NOT NULL, made_at TEXT NOT NULL, resolve_by TEXT NOT NULL,
            horizon TEXT NOT NULL, probability REAL NOT NULL, base_probability REAL NOT NULL, model TEXT NOT NULL,
            reason TEXT NOT NULL, citations TEXT NOT NULL, topic TEXT NOT NULL, source_kind TEXT NOT NULL,
            ownership TEXT NOT NULL, outlets TEXT NOT NULL, status TEXT NOT NULL, resolved_at TEXT,
            note TEXT NOT NULL, evidence TEXT NOT NULL, updated_at TEXT
        );
        CREATE INDEX forecasts_story ON forecasts(story_id);
        CREATE INDEX forecasts_status ON forecasts(status, resolve_by);
        CREATE TABLE forecast_proposals (
            forecast_id TEXT NOT NULL REFERENCES forecasts(id) ON DELETE CASCADE, article_id TEXT NOT NULL,
            verdict TEXT NOT NULL, confidence REAL NOT NULL, evidence TEXT NOT NULL, reason TEXT NOT NULL,
            status TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (forecast_id, article_id)
        );
        """


def m006_article_versions() -> str:
    # a date keeps its precision ('2024-04' is a month); notes keep what ingestion guessed or cut;
    # a re-ingest that changes an article keeps the replaced version, so nothing is silently lost
    return """
        ALTER TABLE articles ADD COLUMN date_precision TEXT NOT NULL DEFAULT '';
        ALTER TABLE articles ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        UPDATE articles SET date_precision = CASE WHEN length(published) = 10 OR substr(published, 12) = '00:00:00'
            THEN 'day' ELSE 'time' END WHERE published IS NOT NULL;
        CREATE TABLE article_versions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, version INTEGER NOT NULL,
            title TEXT NOT NULL, text TEXT NOT NULL, outlet TEXT NOT NULL, published TEXT,
            date_precision TEXT NOT NULL, content_hash TEXT NOT NULL, source TEXT NOT NULL,
            changed TEXT NOT NULL, replaced_at TEXT NOT NULL, PRIMARY KEY (article_id, version)
        );
        """


def m007_outlet_identity() -> str:
    # outlets gain owner, family, languages, factual reporting and per-attribute provenance; the retired
    # ownership kind 'nonprofit' becomes 'wire' for news agencies and 'private' otherwise (the owner keeps it)
    return """
        ALTER TABLE outlets ADD COLUMN owner TEXT NOT NULL DEFAULT '';
        ALTER TABLE outlets ADD COLUMN family TEXT NOT NULL DEFAULT '';
        ALTER TABLE outlets ADD COLUMN languages TEXT NOT NULL DEFAULT '';
        ALTER TABLE outlets ADD COLUMN factual TEXT NOT NULL DEFAULT '';
        ALTER TABLE outlets ADD COLUMN provenance TEXT NOT NULL DEFAULT '[]';
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
            folders TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0, attributes TEXT NOT NULL
        );
        """


def m009_incremental_runs() -> str:
    # incremental runs: the open assignment state with the ingest watermark (articles' rowid) it has read up
    # to, each frozen story a later article reopened, and each outlet's running profile totals
    return """
        CREATE TABLE cluster_state (
            name TEXT PRIMARY KEY, watermark INTEGER NOT NULL, body BLOB NOT NULL, saved_at TEXT NOT NULL
        );
        CREATE TABLE story_reopenings (
            story_id TEXT NOT NULL, article_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (story_id, article_id)
        );
        CREATE TABLE outlet_totals (
            outlet TEXT PRIMARY KEY, version TEXT NOT NULL, articles INTEGER NOT NULL, body TEXT NOT NULL
        );
        """


def m010_standing_stories_newest_first() -> str:
    # per-request listings (story list, feeds, outlet pages) read the newest standing stories by their last
    # article, not every story: a partial index in that order makes it an index range
    return """
        CREATE INDEX stories_standing_newest ON stories(last_published DESC, id DESC) WHERE merged_into IS NULL;
        """


def m011_frozen_story_sketches() -> str:
    # each frozen story's sketch (its mean event vector projected to 256 dimensions, float32) and the day of its
    # last article, under the assignment state's name: a new article looks up the frozen stories it may reopen
    return """
        CREATE TABLE frozen_stories (
            name TEXT NOT NULL, story_id TEXT NOT NULL, last_day REAL, sketch BLOB NOT NULL,
            PRIMARY KEY (name, story_id)
        );
        CREATE INDEX frozen_stories_by_day ON frozen_stories(name, last_day);
        """


def m012_article_blobs() -> str:
    # what a brief reads of each article, computed once (a sentence encoder's vectors, the English parse) and kept
    # as bytes keyed by what produced it, so a brief's rewrite reads them instead of working them out again
    return """
        CREATE TABLE article_blobs (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, version TEXT NOT NULL, content_hash TEXT NOT NULL,
            body BLOB NOT NULL, PRIMARY KEY (article_id, kind)
        );
        """


def m013_brief_decisions() -> str:
    # why each story version's brief was rewritten or kept (its material did not change): a kept brief stands
    # for the story's later versions until its material changes or it has stood too long
    return """
        CREATE TABLE brief_decisions (
            story_id TEXT NOT NULL, story_version INTEGER NOT NULL, writer TEXT NOT NULL,
            rewritten INTEGER NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
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
