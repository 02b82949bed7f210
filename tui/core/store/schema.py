"""The schema: versioned with ``PRAGMA user_version`` and migrated forward step by step."""

from __future__ import annotations

SCHEMA_VERSION = 2

MIGRATIONS: dict[int, str] = {
    # 0 -> 1: the reading slice.
    1: """
    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,      -- stable identity: seed:NAME, file:PATH, feed item id
        listed      INTEGER NOT NULL DEFAULT 1, -- 0: opened ad hoc with `newsreader PATH`, not in the library
        title       TEXT NOT NULL,
        source      TEXT,
        date        TEXT,                      -- ISO 8601, from the article or its sidecar
        url         TEXT,
        path        TEXT,
        attribution TEXT,
        text        TEXT NOT NULL,
        blocks      TEXT NOT NULL,             -- JSON [[kind, start, end], ...]
        hash        TEXT NOT NULL,             -- sha256 of text and blocks: the analysis cache key
        added_at    TEXT NOT NULL,
        read        INTEGER NOT NULL DEFAULT 0,
        starred     INTEGER NOT NULL DEFAULT 0,
        -- "newest first" is one index scan; undated articles sort by when they were added
        sort_date   TEXT GENERATED ALWAYS AS (COALESCE(date, added_at)) VIRTUAL
    );
    CREATE INDEX articles_order ON articles (listed, sort_date DESC);
    CREATE TABLE analyses (
        hash     TEXT NOT NULL,
        version  TEXT NOT NULL,
        data     TEXT NOT NULL,
        PRIMARY KEY (hash, version)
    );
    CREATE TABLE quote_index (
        hash    TEXT NOT NULL,
        version TEXT NOT NULL,
        idx     INTEGER NOT NULL,
        speaker TEXT,
        PRIMARY KEY (hash, version, idx)
    );
    CREATE INDEX quote_index_speaker ON quote_index (speaker);
    CREATE TABLE entity_index (
        hash      TEXT NOT NULL,
        version   TEXT NOT NULL,
        canonical TEXT NOT NULL,
        label     TEXT NOT NULL,
        mentions  INTEGER NOT NULL
    );
    CREATE INDEX entity_index_name ON entity_index (canonical);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    """,
    # 1 -> 2: feeds. Items are articles with a feed; the feed's own text stays beside any
    # fetched full text so a refresh never overwrites what `f` fetched.
    2: """
    CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT,
        folder        TEXT,
        html_url      TEXT,
        etag          TEXT,
        last_modified TEXT,
        last_refresh  TEXT,
        last_error    TEXT,
        warning       TEXT,
        retry_after   TEXT,
        auto_full     INTEGER NOT NULL DEFAULT 0,
        added_at      TEXT NOT NULL
    );
    ALTER TABLE articles ADD COLUMN feed_id INTEGER REFERENCES feeds (id) ON DELETE CASCADE;
    ALTER TABLE articles ADD COLUMN teaser INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN full_text TEXT;
    ALTER TABLE articles ADD COLUMN full_blocks TEXT;
    CREATE INDEX articles_feed ON articles (feed_id, sort_date DESC);
    """,
}
